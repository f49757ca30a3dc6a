// `npm run plan:backtest [-- --region 33.02.14] [-- --back 24]`: the capacity planner tested against what
// happened. From the last final month F of the data, go back `back` months to F0, measure the rates as
// the planner would then (server/plan.ts: only months ≤ F0), and compare, month by month to F, the
// active members it projects with those the data shows: (1) at the enrolment trend known at F0, (2) given
// the enrolments that really came (the survival model alone); and (3) for the coverage really reached at
// F, the monthly enrolments the planner would have asked for against those that came.
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '@/db';
import { measureCapacity } from '@/server/plan';
import { addMonths, monthsBetween, yearOf } from '@/domain/month';
import { meanAbsolutePercentageError, mixedCurve, planCapacity, projectActive } from '@/domain/plan';
import { regionMatch } from '@/server/indicators/scope';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const fmt = (value: number, digits = 1) => value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  const region = argument('region') ?? '33.02.14';
  const backs = (argument('back') ?? '24,12').split(',').map(Number);
  const handle = await openDatabase({ migrate: false });
  try {
    const db = handle.db;
    const [asOf] = await queryRows<{ as_of: string | null }>(
      db,
      sql`select coalesce((select value #>> '{}' from settings where key = 'data_as_of'), (select max(paid_on)::text from contributions)) as as_of`,
    );
    if (!asOf?.as_of) throw new Error('No data: seed the demo first (npm run db:seed).');
    // The latest complete month before the as-of day, and three months before it the last final one.
    const latest = addMonths(asOf.as_of.slice(0, 7), -1);
    const f = addMonths(latest, -3);
    const months = monthsBetween(addMonths(f, -Math.max(...backs)), f);
    const actualRows = await queryRows<{ month: string; active: unknown }>(
      db,
      sql`select to_char(g.m, 'YYYY-MM') as month, count(s.member_id) as active
          from generate_series(${`${months[0]}-01`}::date, ${`${f}-01`}::date, interval '1 month') as g(m)
          left join (coverage_spans s join members sm on sm.id = s.member_id and ${regionMatch(sql`sm.village_code`, region)})
            on s.first_month <= g.m::date and s.last_month >= g.m::date
          group by g.m order by g.m`,
    );
    const enrolRows = await queryRows<{ month: string; n: unknown }>(
      db,
      sql`select to_char(date_trunc('month', sm.enrolled_on), 'YYYY-MM') as month, count(*) as n from members sm
          where ${regionMatch(sql`sm.village_code`, region)} group by 1`,
    );
    const actual = new Map(actualRows.map((r) => [r.month, Number(r.active)]));
    const enrolled = new Map(enrolRows.map((r) => [r.month, Number(r.n)]));
    console.log(`Back-test of the capacity planner, region ${region}, data as of ${asOf.as_of}; last final month ${f}.`);
    for (const back of backs) {
      const f0 = addMonths(f, -back);
      const measured = await measureCapacity(db, { scope: { regionCode: region }, startMonth: f0, workforceYear: yearOf(f) });
      const { inputs, view } = measured;
      const span = monthsBetween(addMonths(f0, 1), f);
      const happened = span.map((m) => actual.get(m) ?? 0);
      const came = span.map((m) => enrolled.get(m) ?? 0);
      const curve = mixedCurve(inputs, inputs.mix, span.length + 1);
      const trendPath = projectActive(inputs.activeNow, inputs.stockSurvival, curve, span.map(() => inputs.trendEnrolments));
      const givenPath = projectActive(inputs.activeNow, inputs.stockSurvival, curve, came);
      const reachedRate = inputs.workforce > 0 ? (100 * happened[happened.length - 1]!) / inputs.workforce : 0;
      const plan = planCapacity(inputs, { targetRate: reachedRate, horizon: span.length, embeddedShare: null });
      const meanCame = came.reduce((a, b) => a + b, 0) / came.length;
      const at = (path: number[], i: number) => `${fmt(path[i - 1]!, 0)} vs ${happened[i - 1]} (${fmt((100 * (path[i - 1]! - happened[i - 1]!)) / happened[i - 1]!)} %)`;
      console.log(`\nPlanning from ${f0} (${back} months back): rates from ${view.rateMonthsFrom}..${view.rateMonthsTo}, cohorts from ${view.cohortMonthsFrom}`);
      console.log(`  inputs: active ${inputs.activeNow}, monthly stock survival ${fmt(100 * inputs.stockSurvival, 2)} % (months ${fmt(100 * inputs.stockSurvivalLow, 2)}–${fmt(100 * inputs.stockSurvivalHigh, 2)} %), survival curve known to k = ${Math.max(...Object.values(inputs.survival).map((c) => c.length)) - 1}, trend ${fmt(inputs.trendEnrolments)} enrolments/month, workforce ${inputs.workforce}`);
      console.log(`  (1) at the trend known then: MAPE ${fmt(meanAbsolutePercentageError(trendPath, happened) ?? NaN)} %; at 6 months ${at(trendPath, Math.min(6, span.length))}; at 12 ${at(trendPath, Math.min(12, span.length))}${span.length > 12 ? `; at ${span.length} ${at(trendPath, span.length)}` : ''}`);
      console.log(`  (2) given the enrolments that came: MAPE ${fmt(meanAbsolutePercentageError(givenPath, happened) ?? NaN)} %; at ${span.length} months ${at(givenPath, span.length)}`);
      console.log(`  (3) to reach the ${fmt(reachedRate, 2)} % coverage of ${f}: planner asked ${fmt(plan.enrolmentsPerMonth)} enrolments/month; ${fmt(meanCame)} came (error ${fmt((100 * (plan.enrolmentsPerMonth - meanCame)) / meanCame)} %)`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
