import type { Database } from '@/db';
import type { IndicatorScope } from './scope';
import { getSummarySeries, type SummaryCell } from './series';
import type { Period } from './month';

/** PRODUCT.md's summary indicators for one region and month: one cell of the series, with a denominator. */
export type Summary = Omit<SummaryCell, 'key' | 'name' | 'nameEn' | 'informalWorkforce'> & {
  region: string;
  informalWorkforce: number;
};

/** The numeric fields of a summary that a trend or a grouping can carry (the v1 `metric` values). */
export const SUMMARY_METRICS = [
  'activeMembers',
  'informalWorkforce',
  'coverageRate',
  'newEnrolments',
  'lapsedMembers',
  'lapseRate',
  'contributionsCollected',
  'claimsPaidCount',
  'claimsPaidAmount',
  'reactivatedMembers',
  'endedMembers',
  'pendingMembers',
] as const;
export type SummaryMetric = (typeof SUMMARY_METRICS)[number];

export function isSummaryMetric(value: string): value is SummaryMetric {
  return (SUMMARY_METRICS as readonly string[]).includes(value);
}

export { workforceOfSql, workforceSql } from './workforce';

/** PRODUCT.md's summary indicators for one month: the one-group, one-month case of the series. */
export async function getSummary(
  db: Database,
  args: { period: Period; scope: IndicatorScope },
): Promise<Summary> {
  const { period, scope } = args;
  const [cell] = await getSummarySeries(db, { from: period, to: period, scope, by: 'total' });
  if (!cell) throw new Error('The summary query returned no row.');
  const { key: _key, name: _name, nameEn: _nameEn, ...figures } = cell;
  return { ...figures, region: scope.regionCode, informalWorkforce: cell.informalWorkforce ?? 0 };
}
