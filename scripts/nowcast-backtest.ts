// `npm run nowcast:backtest [-- --region 33.02.14] [-- --back 12]`: the nowcast of provisional months
// tested against what happened. For each of `back` + 3 earlier as-of dates (the data's as-of date moved
// back 1, 2, ... months, same day), the payments made after it are hidden (server/nowcast.ts counts only
// those paid by then), every month provisional at that date is nowcast, and the nowcast is compared with
// the month's final figure at the data's as-of date (only months final by then count). Prints, per figure
// and lag (months after the month's end), the median absolute percentage error of the observed value and
// of the nowcast against the truth, and how often the truth fell inside the interval.
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '@/db';
import { getNowcasts } from '@/server/nowcast';
import { getSummarySeries } from '@/server/indicators/series';
import { isProvisional, monthsBetween, periodOfDate, addMonths, type Period } from '@/domain/month';
import {
  intervalCoverage,
  medianAbsolutePercentageError,
  NOWCAST_FIGURES,
  shiftDate,
  type NowcastFigure,
  type NowcastValue,
} from '@/domain/nowcast';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const fmt = (value: number | null, digits = 1) =>
  value === null ? '–' : value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Case extends NowcastValue {
  observed: number;
  truth: number;
}

async function main() {
  const regions = (argument('region') ?? '33.02.14').split(',');
  const back = Number(argument('back') ?? '12');
  const handle = await openDatabase({ migrate: false });
  try {
    const db = handle.db;
    // The same as-of date the pages show (server/settings.ts getDataAsOf).
    const [row] = await queryRows<{ as_of: string | null }>(
      db,
      sql`select greatest((select max(paid_on) from contributions), (select max(submitted_on) from claims),
                          (select max(enrolled_on) from members))::text as as_of`,
    );
    const asOf = row?.as_of?.slice(0, 10);
    if (!asOf) throw new Error('No data: seed the demo first (npm run db:seed).');
    const started = Date.now();
    console.log(`Back-test of the nowcast on ${handle.engine} (${handle.location}), data as of ${asOf}.`);
    for (const region of regions) {
      const scope = { regionCode: region };
      const cases = new Map<string, Case[]>();
      const holdOuts = Array.from({ length: back + 3 }, (_, i) => shiftDate(asOf, -(i + 1)));
      const months = new Set<Period>();
      const nowcasts = [];
      for (const heldAsOf of holdOuts) {
        const month = periodOfDate(heldAsOf);
        const periods = monthsBetween(addMonths(month, -3), month).filter((p) => isProvisional(p, heldAsOf) && !isProvisional(p, asOf));
        if (periods.length === 0) continue;
        for (const p of periods) months.add(p);
        nowcasts.push(...(await getNowcasts(db, { scope, periods, asOf: heldAsOf })));
      }
      // The truth: the shared indicator definition, computed live on every payment.
      const truth = new Map(
        (await getSummarySeries(db, { months: [...months], scope, by: 'total', source: 'live' })).map((cell) => [cell.period, cell]),
      );
      for (const n of nowcasts) {
        const final = truth.get(n.period);
        if (!final) continue;
        for (const figure of NOWCAST_FIGURES) {
          const estimate = n.nowcast[figure];
          if (!estimate) continue;
          const key = `${figure}|${n.lag}`;
          const list = cases.get(key) ?? [];
          list.push({ ...estimate, observed: n.observed[figure], truth: final[figure] });
          cases.set(key, list);
        }
      }
      console.log(`\nRegion ${region}: ${holdOuts.length} as-of dates from ${holdOuts[holdOuts.length - 1]} to ${holdOuts[0]}.`);
      console.log('figure                  lag  months  observed MdAPE  nowcast MdAPE  interval coverage  mean width');
      for (const figure of NOWCAST_FIGURES) {
        for (let lag = 0; lag <= 3; lag++) {
          const list = cases.get(`${figure}|${lag}`) ?? [];
          if (list.length === 0) continue;
          const observedError = medianAbsolutePercentageError(list.map((c) => ({ estimate: c.observed, truth: c.truth })));
          const nowcastError = medianAbsolutePercentageError(list.map((c) => ({ estimate: c.expected, truth: c.truth })));
          const coverage = intervalCoverage(list);
          const width = list.reduce((sum, c) => sum + (c.expected > 0 ? (100 * (c.high - c.low)) / c.expected : 0), 0) / list.length;
          console.log(
            `${label(figure).padEnd(24)}${String(lag).padStart(3)}${String(list.length).padStart(8)}${`${fmt(observedError)} %`.padStart(16)}${`${fmt(nowcastError)} %`.padStart(15)}${`${fmt(coverage, 0)} %`.padStart(19)}${`${fmt(width)} %`.padStart(12)}`,
          );
        }
      }
      console.log('(coverage rate = active members / the same workforce: its errors are those of active members)');
    }
    console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await handle.close();
  }
}

function label(figure: NowcastFigure): string {
  return { activeMembers: 'active members', lapsedMembers: 'members in arrears', contributionsCollected: 'contributions collected' }[figure];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
