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
CREATE OR REPLACE TRIGGER members_data_version AFTER TRUNCATE ON members
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER contributions_data_version AFTER TRUNCATE ON contributions
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER coverage_spans_data_version AFTER TRUNCATE ON coverage_spans
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claims_data_version AFTER TRUNCATE ON claims
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
-- a rebuild; its own triggers keep the cache exact without relying on either.
CREATE OR REPLACE TRIGGER rollup_monthly_data_version AFTER TRUNCATE ON rollup_monthly
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();

--> statement-breakpoint
-- The regional tables (members and what hangs on them, and the rollup) move the version of each district
-- their written rows lie in instead (data_version_district, old and new rows of an update: a member who
-- moves changes both districts), so a write leaves the cached figures of other districts warm. A
-- TRUNCATE (above) has no rows to tell: it moves the global version.
CREATE OR REPLACE FUNCTION payung_bump_districts(districts text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO data_version_district (district, pid, version)
  SELECT d, pg_backend_pid(), 1 FROM (SELECT DISTINCT d FROM unnest(districts) d WHERE d IS NOT NULL) x
  ON CONFLICT (district, pid) DO UPDATE SET version = data_version_district.version + 1
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION payung_bump_district_version_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM payung_bump_districts(array(SELECT DISTINCT left(village_code, 8) FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION payung_bump_district_version_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM payung_bump_districts(array(SELECT DISTINCT left(village_code, 8) FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION payung_bump_district_version_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM payung_bump_districts(array(SELECT left(village_code, 8) FROM new_rows UNION SELECT left(village_code, 8) FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Rows that name a member: the member's district (a member deleted in the same statement took its own
-- district's version along).
CREATE OR REPLACE FUNCTION payung_bump_member_district_version_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM payung_bump_districts(array(
    SELECT DISTINCT left(m.village_code, 8) FROM members m WHERE m.id IN (SELECT member_id FROM new_rows)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION payung_bump_member_district_version_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM payung_bump_districts(array(
    SELECT DISTINCT left(m.village_code, 8) FROM members m WHERE m.id IN (SELECT member_id FROM old_rows)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION payung_bump_member_district_version_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM payung_bump_districts(array(
    SELECT DISTINCT left(m.village_code, 8) FROM members m
    WHERE m.id IN (SELECT member_id FROM new_rows UNION SELECT member_id FROM old_rows)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER members_district_version_insert AFTER INSERT ON members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_district_version_new();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER members_district_version_update AFTER UPDATE ON members
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_district_version_both();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER members_district_version_delete AFTER DELETE ON members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_district_version_old();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollup_monthly_district_version_insert AFTER INSERT ON rollup_monthly
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_district_version_new();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollup_monthly_district_version_update AFTER UPDATE ON rollup_monthly
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_district_version_both();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER rollup_monthly_district_version_delete AFTER DELETE ON rollup_monthly
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_district_version_old();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER contributions_district_version_insert AFTER INSERT ON contributions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_member_district_version_new();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER contributions_district_version_update AFTER UPDATE ON contributions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_member_district_version_both();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER contributions_district_version_delete AFTER DELETE ON contributions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_member_district_version_old();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER coverage_spans_district_version_insert AFTER INSERT ON coverage_spans
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_member_district_version_new();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER coverage_spans_district_version_update AFTER UPDATE ON coverage_spans
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_member_district_version_both();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER coverage_spans_district_version_delete AFTER DELETE ON coverage_spans
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_member_district_version_old();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claims_district_version_insert AFTER INSERT ON claims
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_member_district_version_new();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claims_district_version_update AFTER UPDATE ON claims
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_member_district_version_both();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claims_district_version_delete AFTER DELETE ON claims
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_member_district_version_old();
