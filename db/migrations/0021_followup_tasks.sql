CREATE TABLE "followup_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"natural_key" text,
	"member_id" integer,
	"community_id" integer,
	"claim_id" integer,
	"agent_code" text,
	"month" date,
	"months_owed" integer,
	"amount_owed" integer,
	"note" text,
	"due_on" date NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"done_on" date,
	"promised_on" date,
	"refusal_reason" text,
	"attendees" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "followup_tasks_kind_check" CHECK ("followup_tasks"."kind" in ('revisit', 'solidarity', 'manual')),
	CONSTRAINT "followup_tasks_state_check" CHECK ("followup_tasks"."state" in ('open', 'done', 'cancelled')),
	CONSTRAINT "followup_tasks_outcome_check" CHECK ("followup_tasks"."outcome" is null or "followup_tasks"."outcome" in ('paid', 'promised', 'refused', 'moved', 'deceased', 'unreachable', 'meeting_held')),
	CONSTRAINT "followup_tasks_target_check" CHECK ("followup_tasks"."member_id" is not null or "followup_tasks"."community_id" is not null),
	CONSTRAINT "followup_tasks_done_check" CHECK (("followup_tasks"."state" = 'done') = ("followup_tasks"."outcome" is not null and "followup_tasks"."done_on" is not null)),
	CONSTRAINT "followup_tasks_attendees_check" CHECK ("followup_tasks"."attendees" is null or "followup_tasks"."attendees" >= 0)
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role_check";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "agent_code" text;--> statement-breakpoint
ALTER TABLE "followup_tasks" ADD CONSTRAINT "followup_tasks_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_tasks" ADD CONSTRAINT "followup_tasks_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_tasks" ADD CONSTRAINT "followup_tasks_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_tasks" ADD CONSTRAINT "followup_tasks_agent_code_agents_code_fk" FOREIGN KEY ("agent_code") REFERENCES "public"."agents"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_tasks" ADD CONSTRAINT "followup_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_tasks" ADD CONSTRAINT "followup_tasks_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "followup_tasks_natural_key_idx" ON "followup_tasks" USING btree ("natural_key");--> statement-breakpoint
CREATE INDEX "followup_tasks_agent_idx" ON "followup_tasks" USING btree ("agent_code","state","due_on");--> statement-breakpoint
CREATE INDEX "followup_tasks_member_idx" ON "followup_tasks" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "followup_tasks_community_idx" ON "followup_tasks" USING btree ("community_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agent_code_agents_code_fk" FOREIGN KEY ("agent_code") REFERENCES "public"."agents"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_agent_code_idx" ON "users" USING btree ("agent_code");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agent_code_check" CHECK (("users"."role" = 'agent') = ("users"."agent_code" is not null));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin', 'bpjs_officer', 'district_official', 'supervisor', 'agent'));