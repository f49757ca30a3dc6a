CREATE TABLE "agent_communities" (
	"agent_code" text NOT NULL,
	"community_id" integer NOT NULL,
	CONSTRAINT "agent_communities_agent_code_community_id_pk" PRIMARY KEY("agent_code","community_id")
);
--> statement-breakpoint
CREATE TABLE "agent_targets" (
	"agent_code" text NOT NULL,
	"month" date NOT NULL,
	"recruits_target" integer NOT NULL,
	CONSTRAINT "agent_targets_agent_code_month_pk" PRIMARY KEY("agent_code","month"),
	CONSTRAINT "agent_targets_month_check" CHECK (extract(day from "agent_targets"."month") = 1),
	CONSTRAINT "agent_targets_recruits_check" CHECK ("agent_targets"."recruits_target" >= 0)
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"village_code" text NOT NULL,
	"supervisor_id" integer,
	"phone" text,
	"active_from" date NOT NULL,
	"active_to" date,
	CONSTRAINT "agents_active_range_check" CHECK ("agents"."active_to" is null or "agents"."active_to" >= "agents"."active_from")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"actor_email" text,
	"action" text NOT NULL,
	"entity" text,
	"entity_id" text,
	"details" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"member_id" integer NOT NULL,
	"program" text NOT NULL,
	"benefit_type" text,
	"incident_date" date NOT NULL,
	"submitted_on" date NOT NULL,
	"verified_on" date,
	"approved_on" date,
	"status" text NOT NULL,
	"amount" integer,
	"paid_on" date,
	"rejected_on" date,
	"rejection_reason" text,
	"agent_code" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_program_check" CHECK ("claims"."program" in ('JKK', 'JKM')),
	CONSTRAINT "claims_status_check" CHECK ("claims"."status" in ('submitted', 'verified', 'approved', 'paid', 'rejected')),
	CONSTRAINT "claims_amount_check" CHECK ("claims"."amount" is null or "claims"."amount" >= 0),
	CONSTRAINT "claims_paid_on_check" CHECK (("claims"."status" = 'paid') = ("claims"."paid_on" is not null)),
	CONSTRAINT "claims_dates_check" CHECK ("claims"."submitted_on" >= "claims"."incident_date" and ("claims"."paid_on" is null or "claims"."paid_on" >= "claims"."submitted_on"))
);
--> statement-breakpoint
CREATE TABLE "communities" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"village_code" text NOT NULL,
	"occupation_code" text,
	"founded_on" date,
	CONSTRAINT "communities_type_check" CHECK ("communities"."type" in ('occupation_association', 'cooperative', 'citizens_forum', 'farmers_group', 'religious_group'))
);
--> statement-breakpoint
CREATE TABLE "contributions" (
	"id" serial PRIMARY KEY NOT NULL,
	"member_id" integer NOT NULL,
	"first_month" date NOT NULL,
	"months_count" integer NOT NULL,
	"last_month" date GENERATED ALWAYS AS ((first_month + make_interval(months => months_count - 1))::date) STORED NOT NULL,
	"jkk_amount" integer NOT NULL,
	"jkm_amount" integer NOT NULL,
	"paid_on" date NOT NULL,
	"agent_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contributions_first_month_check" CHECK (extract(day from "contributions"."first_month") = 1),
	CONSTRAINT "contributions_months_check" CHECK ("contributions"."months_count" between 1 and 12),
	CONSTRAINT "contributions_amounts_check" CHECK ("contributions"."jkk_amount" >= 0 and "contributions"."jkm_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "coverage_targets" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"target_rate" numeric(5, 2) NOT NULL,
	CONSTRAINT "coverage_targets_region_code_year_pk" PRIMARY KEY("region_code","year"),
	CONSTRAINT "coverage_targets_rate_check" CHECK ("coverage_targets"."target_rate" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" serial PRIMARY KEY NOT NULL,
	"nik" text NOT NULL,
	"kpj" text,
	"name" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date,
	"phone" text,
	"address" text,
	"village_code" text NOT NULL,
	"occupation_code" text,
	"community_id" integer,
	"agent_code" text,
	"channel" text NOT NULL,
	"enrolled_on" date NOT NULL,
	"declared_income" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_nik_check" CHECK ("members"."nik" ~ '^[0-9]{16}$'),
	CONSTRAINT "members_sex_check" CHECK ("members"."sex" in ('L', 'P')),
	CONSTRAINT "members_channel_check" CHECK ("members"."channel" in ('agent', 'community', 'cooperative', 'citizens_forum', 'formal_socialisation', 'walk_in')),
	CONSTRAINT "members_income_check" CHECK ("members"."declared_income" >= 0)
);
--> statement-breakpoint
CREATE TABLE "occupations" (
	"code" text PRIMARY KEY NOT NULL,
	"name_id" text NOT NULL,
	"name_en" text NOT NULL,
	"is_transport" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_rates" (
	"id" serial PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"key" text NOT NULL,
	"value" numeric(14, 4) NOT NULL,
	"unit" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source" text,
	CONSTRAINT "reference_rates_range_check" CHECK ("reference_rates"."effective_to" is null or "reference_rates"."effective_to" >= "reference_rates"."effective_from")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"population" integer,
	"area_km2" numeric(10, 2),
	"centroid_lat" double precision,
	"centroid_lng" double precision,
	"boundary" jsonb,
	"boundary_source" text,
	CONSTRAINT "regions_level_check" CHECK ("regions"."level" in ('province', 'regency', 'district', 'village')),
	CONSTRAINT "regions_code_check" CHECK ("regions"."code" ~ '^[0-9]{2}(\.[0-9]{2}){0,2}(\.[0-9]{4})?$'),
	CONSTRAINT "regions_population_check" CHECK ("regions"."population" is null or "regions"."population" >= 0)
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"region_code" text,
	"active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin', 'bpjs_officer', 'district_official', 'supervisor'))
);
--> statement-breakpoint
CREATE TABLE "workforce_estimates" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"informal_workers" integer NOT NULL,
	"source" text,
	CONSTRAINT "workforce_estimates_region_code_year_pk" PRIMARY KEY("region_code","year"),
	CONSTRAINT "workforce_estimates_workers_check" CHECK ("workforce_estimates"."informal_workers" >= 0)
);
--> statement-breakpoint
CREATE TABLE "workforce_estimates_by_occupation" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"occupation_code" text NOT NULL,
	"informal_workers" integer NOT NULL,
	CONSTRAINT "workforce_estimates_by_occupation_region_code_year_occupation_code_pk" PRIMARY KEY("region_code","year","occupation_code"),
	CONSTRAINT "workforce_by_occupation_workers_check" CHECK ("workforce_estimates_by_occupation"."informal_workers" >= 0)
);
--> statement-breakpoint
ALTER TABLE "agent_communities" ADD CONSTRAINT "agent_communities_agent_code_agents_code_fk" FOREIGN KEY ("agent_code") REFERENCES "public"."agents"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_communities" ADD CONSTRAINT "agent_communities_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_targets" ADD CONSTRAINT "agent_targets_agent_code_agents_code_fk" FOREIGN KEY ("agent_code") REFERENCES "public"."agents"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_agent_code_agents_code_fk" FOREIGN KEY ("agent_code") REFERENCES "public"."agents"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_agent_code_agents_code_fk" FOREIGN KEY ("agent_code") REFERENCES "public"."agents"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_targets" ADD CONSTRAINT "coverage_targets_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_agent_code_agents_code_fk" FOREIGN KEY ("agent_code") REFERENCES "public"."agents"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_estimates" ADD CONSTRAINT "workforce_estimates_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_estimates_by_occupation" ADD CONSTRAINT "workforce_estimates_by_occupation_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_estimates_by_occupation" ADD CONSTRAINT "workforce_estimates_by_occupation_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_communities_community_idx" ON "agent_communities" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "agents_supervisor_idx" ON "agents" USING btree ("supervisor_id");--> statement-breakpoint
CREATE INDEX "agents_village_idx" ON "agents" USING btree ("village_code");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_user_idx" ON "audit_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_number_idx" ON "claims" USING btree ("number");--> statement-breakpoint
CREATE INDEX "claims_member_idx" ON "claims" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "claims_paid_idx" ON "claims" USING btree ("paid_on");--> statement-breakpoint
CREATE INDEX "claims_submitted_idx" ON "claims" USING btree ("submitted_on");--> statement-breakpoint
CREATE INDEX "claims_agent_idx" ON "claims" USING btree ("agent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "communities_name_village_idx" ON "communities" USING btree ("name","village_code");--> statement-breakpoint
CREATE INDEX "communities_village_idx" ON "communities" USING btree ("village_code");--> statement-breakpoint
CREATE UNIQUE INDEX "contributions_member_month_idx" ON "contributions" USING btree ("member_id","first_month");--> statement-breakpoint
CREATE INDEX "contributions_cover_idx" ON "contributions" USING btree ("first_month","last_month","member_id");--> statement-breakpoint
CREATE INDEX "contributions_paid_idx" ON "contributions" USING btree ("paid_on");--> statement-breakpoint
CREATE INDEX "contributions_agent_idx" ON "contributions" USING btree ("agent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "members_nik_idx" ON "members" USING btree ("nik");--> statement-breakpoint
CREATE INDEX "members_village_idx" ON "members" USING btree ("village_code");--> statement-breakpoint
CREATE INDEX "members_village_pattern_idx" ON "members" USING btree ("village_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "members_enrolled_idx" ON "members" USING btree ("enrolled_on");--> statement-breakpoint
CREATE INDEX "members_agent_idx" ON "members" USING btree ("agent_code");--> statement-breakpoint
CREATE INDEX "members_community_idx" ON "members" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reference_rates_key_from_idx" ON "reference_rates" USING btree ("key","effective_from");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_code_pattern_idx" ON "regions" USING btree ("code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree (lower("email"));