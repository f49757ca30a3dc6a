-- coverage_spans (db/schema.ts) is derived from contributions: each member's maximal runs of
-- consecutive covered months. These triggers rebuild the runs of every member a statement on
-- contributions touches, in the same transaction, so imports, undo, manual entry and seeds keep it exact
-- without any code of their own. `select coverage_spans_refresh(null)` rebuilds every member.
-- A statement touching a large share of the members (a seed, a bulk load) rebuilds them all in one sort
-- instead of looking each member up; the sort gets room (work_mem) for the duration of the function only.
CREATE OR REPLACE FUNCTION coverage_spans_refresh(ids integer[]) RETURNS void LANGUAGE plpgsql
SET work_mem = '256MB' AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) > greatest(10000,
      (SELECT reltuples FROM pg_class WHERE oid = 'coverage_spans'::regclass) / 4) THEN
    -- Writers of other members wait (readers do not) until this transaction ends.
    LOCK TABLE coverage_spans IN EXCLUSIVE MODE;
    DELETE FROM coverage_spans;
    INSERT INTO coverage_spans (member_id, first_month, last_month)
    SELECT member_id, min(first_month), max(last_month)
    FROM (
      SELECT member_id, first_month, last_month,
        -- a new run starts where no earlier contribution reaches the month before this one
        count(*) FILTER (WHERE reach IS NULL OR reach < (first_month - interval '1 month')::date)
          OVER (PARTITION BY member_id ORDER BY first_month ROWS UNBOUNDED PRECEDING) AS run
      FROM (
        SELECT c.member_id, c.first_month, c.last_month,
          max(c.last_month) OVER (PARTITION BY c.member_id ORDER BY c.first_month
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
        FROM contributions c
      ) c
    ) r
    GROUP BY member_id, run;
  ELSIF cardinality(ids) > 0 THEN
    -- Two transactions writing contributions of one member (two imports at once) take turns: the second
    -- waits here until the first commits, then reads both (each statement below sees what is committed).
    PERFORM pg_advisory_xact_lock(7420, id) FROM unnest(ids) AS id ORDER BY id;
    DELETE FROM coverage_spans WHERE member_id = ANY (ids);
    INSERT INTO coverage_spans (member_id, first_month, last_month)
    SELECT member_id, min(first_month), max(last_month)
    FROM (
      SELECT member_id, first_month, last_month,
        count(*) FILTER (WHERE reach IS NULL OR reach < (first_month - interval '1 month')::date)
          OVER (PARTITION BY member_id ORDER BY first_month ROWS UNBOUNDED PRECEDING) AS run
      FROM (
        SELECT c.member_id, c.first_month, c.last_month,
          max(c.last_month) OVER (PARTITION BY c.member_id ORDER BY c.first_month
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
        FROM contributions c
        WHERE c.member_id = ANY (ids)
      ) c
    ) r
    GROUP BY member_id, run;
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION coverage_spans_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coverage_spans_refresh(array(SELECT DISTINCT member_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION coverage_spans_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only a change of member or of the months covered moves a run (amounts, payment day and agent do not).
  PERFORM coverage_spans_refresh(array(
    SELECT o.member_id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.member_id, o.first_month, o.last_month) IS DISTINCT FROM (n.member_id, n.first_month, n.last_month)
    UNION
    SELECT n.member_id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.member_id, o.first_month, o.last_month) IS DISTINCT FROM (n.member_id, n.first_month, n.last_month)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION coverage_spans_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coverage_spans_refresh(array(SELECT DISTINCT member_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION coverage_spans_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM coverage_spans;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contributions_spans_insert AFTER INSERT ON contributions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_spans_after_insert();
--> statement-breakpoint
CREATE TRIGGER contributions_spans_update AFTER UPDATE ON contributions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_spans_after_update();
--> statement-breakpoint
CREATE TRIGGER contributions_spans_delete AFTER DELETE ON contributions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_spans_after_delete();
--> statement-breakpoint
CREATE TRIGGER contributions_spans_truncate AFTER TRUNCATE ON contributions
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_spans_after_truncate();
--> statement-breakpoint
SELECT coverage_spans_refresh(null);
