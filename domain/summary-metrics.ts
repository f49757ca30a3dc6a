// The summary indicators a trend, a grouping or the map can carry (PRODUCT.md; the v1 `metric` values).

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
