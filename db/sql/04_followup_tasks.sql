-- Follow-up tasks (issue 20), created set-based and idempotently by their natural key, so the start of
-- an import's commit, a claim's payment and the seeds can all call it as often as they like:
--   revisit:<member>:<YYYY-MM>  a member who entered arrears in the month of `as_of` (covered in the month
--                               before, not in this one, by the payments known on `as_of`: PRODUCT.md's
--                               3-month rule makes them recoverable), with the month owed and its
--                               amount at the rates in force (domain/rates.ts's rule), due in 14 days;
--   solidarity:<claim>          a claim paid in the 90 days up to `as_of` whose beneficiary belongs to a
--                               community: a meeting or visit in that community within 90 days of payment.
-- Assignment: the member's recruiting agent while active, else the lowest-coded active agent of the
-- member's community, else nobody (the supervisor or an officer assigns it).
-- Revisits are listed from the 16th: BPJS publishes no due day for BPU contributions and members pay in
-- the first half of the month, so before mid-month "not covered yet" is mostly "not paid yet".
-- Payments are read by paid_on <= as_of, not from coverage_spans, so a past month can be replayed (the
-- demo seed) without the arrears its members paid later hiding them.
CREATE OR REPLACE FUNCTION followup_tasks_generate(as_of date)
RETURNS TABLE (revisits integer, solidarity integer) LANGUAGE plpgsql AS $$
DECLARE
  list_from_day constant integer := 16;
  m date := date_trunc('month', as_of)::date;
  prev date := (date_trunc('month', as_of) - interval '1 month')::date;
  n_revisits integer;
  n_solidarity integer;
BEGIN
  WITH entered AS (
    SELECT DISTINCT c.member_id
    FROM contributions c
    WHERE extract(day FROM as_of) >= list_from_day
      AND c.first_month <= prev AND c.last_month >= prev AND c.paid_on <= as_of
      AND NOT EXISTS (
        SELECT 1 FROM contributions n
        WHERE n.member_id = c.member_id AND n.first_month <= m AND n.last_month >= m AND n.paid_on <= as_of)
      -- A member whose death benefit was paid is not visited for their contributions.
      AND NOT EXISTS (
        SELECT 1 FROM claims d
        WHERE d.member_id = c.member_id AND d.status = 'paid' AND d.paid_on <= as_of
          AND (d.program = 'JKM' OR d.benefit_type = 'death'))
  ),
  -- Entering arrears in m means one month owed by the end of m: m itself, at m's rates.
  owed AS (
    SELECT e.member_id, 1 AS months_owed,
      (round(greatest(least(mb.declared_income::numeric, coalesce(rate_in_force('max_declared_income', m), mb.declared_income)),
                      coalesce(rate_in_force('min_declared_income', m), 0))
             * rate_in_force('jkk_rate', m) / 100 * (1 - d.discount / 100))
       + round(rate_in_force('jkm_flat', m) * (1 - d.discount / 100)))::int AS amount_owed
    FROM entered e
    JOIN members mb ON mb.id = e.member_id
    LEFT JOIN occupations o ON o.code = mb.occupation_code
    CROSS JOIN LATERAL (
      SELECT coalesce(rate_in_force(CASE WHEN o.is_transport THEN 'discount_transport' ELSE 'discount_non_transport' END, m), 0) AS discount
    ) d
  ),
  ins AS (
    INSERT INTO followup_tasks (kind, natural_key, member_id, community_id, agent_code, month, months_owed, amount_owed, due_on)
    SELECT 'revisit', 'revisit:' || mb.id || ':' || to_char(m, 'YYYY-MM'), mb.id, mb.community_id,
      followup_assignee(mb.agent_code, mb.community_id, as_of), m, w.months_owed, w.amount_owed,
      as_of + 14
    FROM owed w JOIN members mb ON mb.id = w.member_id
    ORDER BY mb.id
    ON CONFLICT (natural_key) DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int INTO n_revisits FROM ins;

  WITH ins AS (
    INSERT INTO followup_tasks (kind, natural_key, member_id, community_id, claim_id, agent_code, due_on)
    SELECT 'solidarity', 'solidarity:' || cl.id, NULL, mb.community_id, cl.id,
      followup_assignee(mb.agent_code, mb.community_id, as_of), cl.paid_on + 90
    FROM claims cl JOIN members mb ON mb.id = cl.member_id
    WHERE cl.status = 'paid' AND cl.paid_on <= as_of AND cl.paid_on > as_of - 90 AND mb.community_id IS NOT NULL
    ORDER BY cl.id
    ON CONFLICT (natural_key) DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int INTO n_solidarity FROM ins;

  RETURN QUERY SELECT n_revisits, n_solidarity;
END $$;
--> statement-breakpoint
-- The value of a reference rate in force on a day (domain/rates.ts rateOn): the latest effective_from wins.
CREATE OR REPLACE FUNCTION rate_in_force(rate_key text, day date) RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT r.value FROM reference_rates r
  WHERE r.key = rate_key AND r.effective_from <= day AND (r.effective_to IS NULL OR r.effective_to >= day)
  ORDER BY r.effective_from DESC LIMIT 1
$$;
--> statement-breakpoint
-- Who a task goes to: the recruiting agent while active on `day`, else the lowest-coded agent of the
-- community active on `day`, else nobody.
CREATE OR REPLACE FUNCTION followup_assignee(recruiter text, community integer, day date) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT a.code FROM agents a
      WHERE a.code = recruiter AND a.active_from <= day AND (a.active_to IS NULL OR a.active_to >= day)),
    (SELECT min(a.code) FROM agent_communities ac JOIN agents a ON a.code = ac.agent_code
      WHERE ac.community_id = community AND a.active_from <= day AND (a.active_to IS NULL OR a.active_to >= day)))
$$;
