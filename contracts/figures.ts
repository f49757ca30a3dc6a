// The figure set every summary view carries: what the pages, the API and the browser share.
import type { Figure } from '@/domain/format';
import type { CoverageNote } from '@/domain/data-gaps';

/** The summary figures of one cell (a month, a village, a community ...) as a caller may see them. */
export interface FigureSet {
  activeMembers: Figure;
  informalWorkforce: number | null;
  coverageRate: Figure | null;
  /** Why a region's coverage rate is null: no denominator loaded, or no member recorded in it. */
  coverageNote: CoverageNote | null;
  newEnrolments: Figure;
  lapsedMembers: Figure;
  lapseRate: Figure | null;
  contributionsCollected: Figure;
  claimsPaidCount: Figure;
  claimsPaidAmount: Figure;
  reactivatedMembers: Figure;
  endedMembers: Figure;
  pendingMembers: Figure;
}
