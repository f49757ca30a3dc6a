CREATE TABLE "rollup_monthly" (
	"dimension" text NOT NULL,
	"month" date NOT NULL,
	"village_code" text NOT NULL,
	"key" text NOT NULL,
	"active" integer DEFAULT 0 NOT NULL,
	"active_prev" integer DEFAULT 0 NOT NULL,
	"stopped" integer DEFAULT 0 NOT NULL,
	"lapsed" integer DEFAULT 0 NOT NULL,
	"ended" integer DEFAULT 0 NOT NULL,
	"reactivated" integer DEFAULT 0 NOT NULL,
	"new_enrolments" integer DEFAULT 0 NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"payers" integer DEFAULT 0 NOT NULL,
	"collected" bigint DEFAULT 0 NOT NULL,
	"claims_paid_count" integer DEFAULT 0 NOT NULL,
	"claims_paid_amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_monthly_dimension_month_village_code_key_pk" PRIMARY KEY("dimension","month","village_code","key")
);
--> statement-breakpoint
CREATE TABLE "rollup_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"stale" boolean DEFAULT true NOT NULL,
	"built_at" timestamp with time zone,
	"build_ms" integer,
	CONSTRAINT "rollup_state_single_row_check" CHECK ("rollup_state"."id" = 1)
);
