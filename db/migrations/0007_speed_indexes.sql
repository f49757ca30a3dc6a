CREATE TABLE "coverage_spans" (
	"member_id" integer NOT NULL,
	"first_month" date NOT NULL,
	"last_month" date NOT NULL,
	CONSTRAINT "coverage_spans_member_id_first_month_pk" PRIMARY KEY("member_id","first_month")
);
--> statement-breakpoint
DROP INDEX "contributions_agent_idx";--> statement-breakpoint
DROP INDEX "members_agent_idx";--> statement-breakpoint
DROP INDEX "members_community_idx";--> statement-breakpoint
DROP INDEX "members_enrolled_idx";--> statement-breakpoint
ALTER TABLE "coverage_spans" ADD CONSTRAINT "coverage_spans_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coverage_spans_last_idx" ON "coverage_spans" USING btree ("last_month","member_id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "claims_import_idx" ON "claims" USING btree ("import_id") WHERE "claims"."import_id" is not null;--> statement-breakpoint
CREATE INDEX "contributions_agent_paid_idx" ON "contributions" USING btree ("agent_code","paid_on");--> statement-breakpoint
CREATE INDEX "contributions_import_idx" ON "contributions" USING btree ("import_id") WHERE "contributions"."import_id" is not null;--> statement-breakpoint
CREATE INDEX "members_agent_enrolled_idx" ON "members" USING btree ("agent_code","enrolled_on");--> statement-breakpoint
CREATE INDEX "members_community_enrolled_idx" ON "members" USING btree ("community_id","enrolled_on");--> statement-breakpoint
CREATE INDEX "members_import_idx" ON "members" USING btree ("import_id") WHERE "members"."import_id" is not null;--> statement-breakpoint
CREATE INDEX "members_enrolled_idx" ON "members" USING btree ("enrolled_on","village_code","community_id","agent_code","id");