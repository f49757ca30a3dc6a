// `GET /api/v1/summary`: what the page, the route handler and the browser share.
import type { FigureSet } from '@/contracts/figures';

/** The v1 summary contract (PRODUCT.md); figures may be "<5" for a district official. */
export interface SummaryView extends FigureSet {
  period: string;
  region: string;
  regionName: string;
  /** Null when no estimate is loaded for the region (see `coverageNote`). */
  informalWorkforce: number | null;
  /** With `compare`: the same figures for the previous month and the same month a year before. */
  previousMonth?: FigureSet & { period: string };
  sameMonthLastYear?: FigureSet & { period: string };
}
