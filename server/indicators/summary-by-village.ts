import type { Database } from '@/db';
import type { IndicatorScope } from '@/server/indicators/scope';
import { getSummarySeries } from '@/server/indicators/series';
import type { Period } from '@/domain/month';
import type { Summary } from '@/server/indicators/summary';
import { compareCodes } from '@/domain/compare';

/** One village's summary indicators: the same fields as `getSummary`, for the village alone. */
export interface VillageSummary extends Summary {
  /** The village's Kemendagri code (also in `region`). */
  code: string;
  name: string;
}

/**
 * The summary indicators of every village under the scope's region, in code order, villages with no
 * members as zeros (their coverage rate null, with its note): the one grouped series query, for one month.
 */
export async function getSummaryByVillage(
  db: Database,
  args: { period: Period; scope: IndicatorScope },
): Promise<VillageSummary[]> {
  const cells = await getSummarySeries(db, { months: [args.period], scope: args.scope, by: 'village' });
  return cells
    .map(({ key, name, nameEn: _nameEn, informalWorkforce, ...figures }) => ({
      ...figures,
      region: key,
      code: key,
      name: name ?? key,
      informalWorkforce,
    }))
    .sort((a, b) => compareCodes(a.code, b.code));
}
