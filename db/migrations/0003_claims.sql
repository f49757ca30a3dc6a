ALTER TABLE "claims" ADD COLUMN "disability_percent" numeric(5, 2);--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "inability_days" integer;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "amount_override_reason" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "coverage_override_reason" text;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_disability_percent_check" CHECK ("claims"."disability_percent" is null or ("claims"."disability_percent" > 0 and "claims"."disability_percent" <= 100));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_inability_days_check" CHECK ("claims"."inability_days" is null or "claims"."inability_days" > 0);