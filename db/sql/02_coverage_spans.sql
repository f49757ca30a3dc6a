-- coverage_spans (db/schema.ts) is derived from contributions: each member's maximal runs of
-- consecutive covered months. These triggers rewrite the runs a statement on contributions touches, in
-- the same transaction, so imports, undo, manual entry and seeds keep it exact without any code of their
-- own. `select coverage_spans_refresh(null)` rebuilds every member.
--
-- A statement touching a large share of the members (a seed, a bulk load) rebuilds them all in one sort
-- instead of looking each member up; the sort gets room (work_mem) for the duration of the function only.
-- Otherwise the runs are rebuilt member by member: one statement over `member_id = any(ids)` was planned
-- as a pass over every contribution once the list grew past a few hundred members.
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
    -- One lock per bucket of member ids, not per member: a file of tens of thousands of members took as
    -- many locks and ran out of the server's lock table (max_locks_per_transaction × connections).
    PERFORM pg_advisory_xact_lock(7420, bucket) FROM (SELECT DISTINCT id % 1024 AS bucket FROM unnest(ids) AS id) b ORDER BY bucket;
    DELETE FROM coverage_spans WHERE member_id = ANY (ids);
    -- Member by member: one index range of contributions_member_month_idx each, already in month order.
    INSERT INTO coverage_spans (member_id, first_month, last_month)
    SELECT u.id, r.first_month, r.last_month
    FROM unnest(ids) AS u(id)
    CROSS JOIN LATERAL (
      SELECT min(first_month) AS first_month, max(last_month) AS last_month
      FROM (
        SELECT first_month, last_month,
          count(*) FILTER (WHERE reach IS NULL OR reach < (first_month - interval '1 month')::date)
            OVER (ORDER BY first_month ROWS UNBOUNDED PRECEDING) AS run
        FROM (
          SELECT c.first_month, c.last_month,
            max(c.last_month) OVER (ORDER BY c.first_month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
          FROM contributions c
          WHERE c.member_id = u.id
        ) c
      ) runs
      GROUP BY run
    ) r;
  END IF;
END $$;
--> statement-breakpoint
-- Added coverage only joins or extends the runs it overlaps or adjoins: those are merged with the new
-- rows instead of reading all the members' contributions again.
CREATE OR REPLACE FUNCTION coverage_spans_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids integer[] := array(SELECT DISTINCT member_id FROM new_rows ORDER BY member_id);
BEGIN
  IF cardinality(ids) > greatest(10000, (SELECT reltuples FROM pg_class WHERE oid = 'coverage_spans'::regclass) / 4) THEN
    PERFORM coverage_spans_refresh(ids);
    RETURN NULL;
  END IF;
  -- The same turn-taking as coverage_spans_refresh: a member's runs are rewritten by one transaction at a time.
  PERFORM pg_advisory_xact_lock(7420, bucket) FROM (SELECT DISTINCT id % 1024 AS bucket FROM unnest(ids) AS id) b ORDER BY bucket;
  WITH touched AS (
    DELETE FROM coverage_spans s
    WHERE s.member_id = ANY (ids) AND EXISTS (
      SELECT 1 FROM new_rows n
      WHERE n.member_id = s.member_id AND n.first_month <= (s.last_month + interval '1 month')::date
        AND n.last_month >= (s.first_month - interval '1 month')::date)
    RETURNING s.member_id, s.first_month, s.last_month
  ),
  pieces AS (
    SELECT member_id, first_month, last_month FROM touched
    UNION ALL
    SELECT member_id, first_month, last_month FROM new_rows
  )
  INSERT INTO coverage_spans (member_id, first_month, last_month)
  SELECT member_id, min(first_month), max(last_month)
  FROM (
    SELECT member_id, first_month, last_month,
      count(*) FILTER (WHERE reach IS NULL OR reach < (first_month - interval '1 month')::date)
        OVER (PARTITION BY member_id ORDER BY first_month, last_month ROWS UNBOUNDED PRECEDING) AS run
    FROM (
      SELECT member_id, first_month, last_month,
        max(last_month) OVER (PARTITION BY member_id ORDER BY first_month, last_month
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
      FROM pieces
    ) p
  ) r
  GROUP BY member_id, run;
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
-- Removed coverage only shortens or splits the runs it was part of: those are rebuilt from the
-- contributions left in their months (an index range each).
CREATE OR REPLACE FUNCTION coverage_spans_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids integer[] := array(SELECT DISTINCT member_id FROM old_rows ORDER BY member_id);
BEGIN
  IF cardinality(ids) > greatest(10000, (SELECT reltuples FROM pg_class WHERE oid = 'coverage_spans'::regclass) / 4) THEN
    PERFORM coverage_spans_refresh(ids);
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(7420, bucket) FROM (SELECT DISTINCT id % 1024 AS bucket FROM unnest(ids) AS id) b ORDER BY bucket;
  WITH cut AS (
    -- A removed row lay in one run: the one holding its first month.
    DELETE FROM coverage_spans s USING old_rows o
    WHERE s.member_id = o.member_id AND o.first_month BETWEEN s.first_month AND s.last_month
    RETURNING s.member_id, s.first_month, s.last_month
  )
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
      -- What is left of a run starts inside it (a contribution reaching into it from before was part of it).
      FROM cut JOIN contributions c ON c.member_id = cut.member_id AND c.first_month BETWEEN cut.first_month AND cut.last_month
    ) c
  ) r
  GROUP BY member_id, run;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION coverage_spans_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM coverage_spans;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER contributions_spans_insert AFTER INSERT ON contributions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_spans_after_insert();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER contributions_spans_update AFTER UPDATE ON contributions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_spans_after_update();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER contributions_spans_delete AFTER DELETE ON contributions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_spans_after_delete();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER contributions_spans_truncate AFTER TRUNCATE ON contributions
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_spans_after_truncate();
