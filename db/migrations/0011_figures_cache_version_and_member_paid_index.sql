CREATE TABLE "data_version" (
	"pid" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "contributions_member_paid_idx" ON "contributions" USING btree ("member_id","paid_on");--> statement-breakpoint
-- The figure cache's data version (db/figures-cache.ts): any write to a table the figures read adds 1
-- to the writing backend's row, in the writing transaction, so readers see the new sum exactly when the
-- write commits. A backend runs one transaction at a time, so concurrent writers never share a row.
CREATE OR REPLACE FUNCTION payung_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_version (pid, version) VALUES (pg_backend_pid(), 1)
  ON CONFLICT (pid) DO UPDATE SET version = data_version.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER regions_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER occupations_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON occupations
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER workforce_estimates_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workforce_estimates
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER workforce_estimates_by_occupation_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workforce_estimates_by_occupation
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER coverage_targets_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coverage_targets
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
-- Users: what figures show of them (a supervisor's name, role, region); a sign-in's last_sign_in_at is not.
CREATE TRIGGER users_data_version AFTER INSERT OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER users_update_data_version AFTER UPDATE OF name, email, role, region_code, active ON users
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER communities_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON communities
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER agents_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agents
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER agent_communities_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agent_communities
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER agent_targets_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agent_targets
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER members_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON members
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER contributions_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contributions
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER coverage_spans_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coverage_spans
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER claims_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON claims
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER reference_rates_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reference_rates
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER settings_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
