import type { Database } from '@/db';
import type { IndicatorScope } from '@/server/indicators/scope';
import { getSummarySeries, type SummaryCell } from '@/server/indicators/series';
import type { Period } from '@/domain/month';

/** PRODUCT.md's summary indicators for one region and month: one cell of the series, with a denominator. */
export type Summary = Omit<SummaryCell, 'key' | 'name' | 'nameEn' | 'informalWorkforce'> & {
  region: string;
  informalWorkforce: number | null;
};

export { workforceOfSql, workforceSql } from '@/server/indicators/workforce';

/** PRODUCT.md's summary indicators for one month: the one-group, one-month case of the series. */
export async function getSummary(
  db: Database,
  args: { period: Period; scope: IndicatorScope },
): Promise<Summary> {
  const { period, scope } = args;
  const [cell] = await getSummarySeries(db, { from: period, to: period, scope, by: 'total' });
  if (!cell) throw new Error('The summary query returned no row.');
  const { key: _key, name: _name, nameEn: _nameEn, ...figures } = cell;
  return { ...figures, region: scope.regionCode, informalWorkforce: cell.informalWorkforce };
}
