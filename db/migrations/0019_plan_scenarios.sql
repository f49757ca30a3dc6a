CREATE TABLE "plan_scenarios" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"target_rate" numeric(5, 2) NOT NULL,
	"target_month" date NOT NULL,
	"embedded_share" numeric(5, 2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_scenarios_rate_check" CHECK ("plan_scenarios"."target_rate" > 0 and "plan_scenarios"."target_rate" <= 100),
	CONSTRAINT "plan_scenarios_embedded_check" CHECK ("plan_scenarios"."embedded_share" is null or "plan_scenarios"."embedded_share" between 0 and 100),
	CONSTRAINT "plan_scenarios_month_check" CHECK (extract(day from "plan_scenarios"."target_month") = 1)
);
--> statement-breakpoint
ALTER TABLE "plan_scenarios" ADD CONSTRAINT "plan_scenarios_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_scenarios" ADD CONSTRAINT "plan_scenarios_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_scenarios_user_idx" ON "plan_scenarios" USING btree ("user_id","created_at");