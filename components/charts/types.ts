// The props of the chart leaves, shared by the server-drawn sketch and the interactive Recharts chart.

export interface TrendDatum {
  label: string;
  /** Null where the figure is unknown or suppressed ("<5"): drawn as a gap. */
  bar: number | null;
  line: number | null;
  /** A provisional month (its figures may still change): drawn dashed and paler. */
  provisional?: boolean;
}

export interface TrendChartProps {
  data: TrendDatum[];
  barLabel: string;
  lineLabel: string;
  formatBar: (value: number) => string;
  formatLine: (value: number) => string;
  height?: number;
  /** The legend's name for the provisional months' mark (shown when some month is provisional). */
  provisionalLabel?: string;
}

export interface PairDatum {
  label: string;
  a: number | null;
  b: number | null;
  provisional?: boolean;
}

export interface PairBarChartProps {
  data: PairDatum[];
  aLabel: string;
  bLabel: string;
  format: (value: number) => string;
  height?: number;
  provisionalLabel?: string;
}

export interface ShareDatum {
  label: string;
  value: number;
}

export interface ShareBarChartProps {
  data: ShareDatum[];
  format: (value: number) => string;
}

/** The share chart's height: one bar per row. */
export const shareChartHeight = (rows: number) => Math.max(120, rows * 34 + 24);

/** One month of a plan: observed, planned and trend values (null where a series has none). */
export interface PathDatum {
  label: string;
  observed: number | null;
  plan: number | null;
  trend: number | null;
}

export interface PathChartProps {
  data: PathDatum[];
  labels: { observed: string; plan: string; trend: string; target: string };
  target: number;
  format: (value: number) => string;
  height?: number;
}

/** The provisional months' mark in every chart: a dashed outline, paler fill, dashed line. */
export const PROVISIONAL_DASH = '4 3';
export const PROVISIONAL_OPACITY = 0.4;
