// `GET /api/v1/coverage`, `/trend` and `/communities`: what the pages, the route handlers and the browser share.
import type { FigureSet } from '@/contracts/figures';
import type { Figure } from '@/domain/format';
import type { SummaryMetric } from '@/domain/summary-metrics';

export type CoverageRow = { key: string; name: string } & Partial<FigureSet> &
  Omit<FigureSet, 'informalWorkforce' | 'coverageRate' | 'coverageNote'> & {
    uncoveredWorkers?: Figure | null;
    targetRate?: number | null;
    targetAttainment?: Figure | null;
  };

export interface TrendView {
  metric: SummaryMetric;
  region: string;
  from: string;
  to: string;
  points: Array<{ period: string; value: Figure | null }>;
}

/** A community row as the list and the API give it, with its type named in the caller's language. */
export type CommunityListRow = Omit<CommunityRow, 'id'> & { key: string; id: number; typeName: string };

/** The groupings `by=` accepts. */
export const COVERAGE_BY = ['village', 'community', 'occupation', 'channel', 'agent', 'sex', 'ageBand'] as const;
export type CoverageBy = (typeof COVERAGE_BY)[number];

export interface CommunityRow {
  id: number;
  name: string;
  type: string;
  villageCode: string;
  villageName: string;
  agents: string[];
  members: Figure;
  activeMembers: Figure;
  retention6m: Figure | null;
  claimsPaidCount: Figure;
  claimsPaidAmount: Figure;
  newEnrolments: Figure;
  lapsedMembers: Figure;
}
