-- Whether the rollup is fresh is read through the figures' cache (db/figures-cache.ts): marking it
-- stale or fresh moves the data version like any other write the figures depend on.
CREATE TRIGGER rollup_state_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rollup_state
  FOR EACH STATEMENT EXECUTE FUNCTION payung_bump_data_version();
