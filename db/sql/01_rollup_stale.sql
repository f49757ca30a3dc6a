-- Any write to the rolled-up tables that does not say it maintains the rollup (the app's write
-- transactions set payung.rollups = 'maintained') marks it stale, so readers never trust old figures.
CREATE OR REPLACE FUNCTION payung_mark_rollups_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only when it is not stale yet: an UPDATE of no row still moves the data version (a statement trigger),
  -- which would make every district's cached figures run again for nothing.
  IF coalesce(current_setting('payung.rollups', true), '') <> 'maintained' AND EXISTS (SELECT FROM rollup_state WHERE id = 1 AND NOT stale) THEN
    UPDATE rollup_state SET stale = true WHERE id = 1 AND NOT stale;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER members_rollups_stale AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON members
  FOR EACH STATEMENT EXECUTE FUNCTION payung_mark_rollups_stale();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER contributions_rollups_stale AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contributions
  FOR EACH STATEMENT EXECUTE FUNCTION payung_mark_rollups_stale();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claims_rollups_stale AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON claims
  FOR EACH STATEMENT EXECUTE FUNCTION payung_mark_rollups_stale();
