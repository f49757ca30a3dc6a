'use client';

import { useInteractiveCharts } from './interactive-charts';
import { CHART_COLORS } from './palette';
import { CartesianSketch } from './sketch';
import type { TrendChartProps } from './types';

export type { TrendDatum } from './types';

/**
 * Bars for a count and a line for a rate on its own axis, month by month. Receives figures already
 * aggregated (and suppressed) by the server; the page shows the same figures as a table beside it.
 * Drawn first as a server-rendered sketch, then by Recharts once it has loaded after the page.
 */
export function TrendChart({ height = 260, ...props }: TrendChartProps) {
  const charts = useInteractiveCharts();
  return (
    <div className="chart" aria-hidden="true" data-chart={charts ? 'interactive' : 'sketch'}>
      {charts ? (
        <charts.InteractiveTrendChart {...props} height={height} />
      ) : (
        <CartesianSketch
          height={height}
          labels={props.data.map((d) => d.label)}
          bars={[{ name: props.barLabel, color: CHART_COLORS.sky, values: props.data.map((d) => d.bar) }]}
          leftAxis={{ width: 56, format: props.formatBar, integer: true }}
          line={{ name: props.lineLabel, color: CHART_COLORS.vermillion, values: props.data.map((d) => d.line) }}
          rightAxis={{ width: 48, format: props.formatLine }}
          provisional={props.data.map((d) => d.provisional === true)}
          provisionalLabel={props.provisionalLabel}
        />
      )}
    </div>
  );
}
