'use client';

import { useInteractiveCharts } from './interactive-charts';
import type { PathChartProps } from './types';

/**
 * A plan's path: observed active members, the plan and the current trend, with the target as a line.
 * The page shows the same figures in a table beside it; until Recharts has loaded the space is kept.
 */
export function PathChart({ height = 280, ...props }: PathChartProps) {
  const charts = useInteractiveCharts();
  return (
    <div className="chart" aria-hidden="true" data-chart={charts ? 'interactive' : 'sketch'} style={{ minHeight: height }}>
      {charts ? <charts.InteractivePathChart {...props} height={height} /> : null}
    </div>
  );
}
