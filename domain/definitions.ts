// The indicators of PRODUCT.md "Indicators", one entry each, in the order a reader meets them. Their words
// are in the catalogues (`definitions.items`); the /definitions page lists them all.
export const INDICATORS = [
  'memberStatus',
  'activeMembers',
  'lapsedMembers',
  'endedMembers',
  'informalWorkforce',
  'coverageRate',
  'newEnrolments',
  'lapseRate',
  'reactivatedMembers',
  'retention',
  'contributionsCollected',
  'agentPerformance',
  'claimsPaid',
  'claimsFunnel',
  'claimsTurnaround',
  'approvalRate',
  'channelShare',
  'solidarityEffect',
  'provisionalMonth',
  'smallCounts',
] as const;
export type Indicator = (typeof INDICATORS)[number];

/** The page anchor of an indicator, so an explanation can link to its full definition. */
export const definitionHref = (indicator: Indicator) => `/definitions#${indicator}`;
