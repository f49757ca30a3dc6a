-- The figure cache's data version (db/figures-cache.ts): any write to a table the figures read adds 1
-- to the writing backend's row, in the writing transaction, so readers see the new sum exactly when the
-- write commits. A backend runs one transaction at a time, so concurrent writers never share a row.
-- tests/integration/database-code.test.ts checks that every table a cached statement reads is here.
CREATE OR REPLACE FUNCTION payung_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_version (pid, version) VALUES (pg_backend_pid(), 1)
  ON CONFLICT (pid) DO UPDATE SET version = data_version.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER regions_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER occupations_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON occupations
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER workforce_estimates_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workforce_estimates
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER workforce_estimates_by_occupation_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workforce_estimates_by_occupation
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER coverage_targets_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coverage_targets
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
-- Users: what figures show of them (a supervisor's name, role, region); a sign-in's last_sign_in_at is not.
CREATE OR REPLACE TRIGGER users_data_version AFTER INSERT OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER users_update_data_version AFTER UPDATE OF name, email, role, region_code, active ON users
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER communities_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON communities
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER agents_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agents
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER agent_communities_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agent_communities
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER agent_targets_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agent_targets
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER members_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON members
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER contributions_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contributions
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER coverage_spans_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coverage_spans
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claims_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON claims
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER reference_rates_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reference_rates
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER settings_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollup_state_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rollup_state
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
-- The rollup is written in the same transactions as the tables it sums (which move the version too) or by
-- a rebuild; its own trigger keeps the cache exact without relying on either.
CREATE OR REPLACE TRIGGER rollup_monthly_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rollup_monthly
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
