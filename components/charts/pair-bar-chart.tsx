'use client';

import { useInteractiveCharts } from './interactive-charts';
import { CHART_COLORS } from './palette';
import { CartesianSketch } from './sketch';
import type { PairBarChartProps } from './types';

export type { PairDatum } from './types';

/** Two counts side by side per month (new enrolments against members in arrears). */
export function PairBarChart({ height = 240, ...props }: PairBarChartProps) {
  const charts = useInteractiveCharts();
  return (
    <div className="chart" aria-hidden="true" data-chart={charts ? 'interactive' : 'sketch'}>
      {charts ? (
        <charts.InteractivePairBarChart {...props} height={height} />
      ) : (
        <CartesianSketch
          height={height}
          labels={props.data.map((d) => d.label)}
          bars={[
            { name: props.aLabel, color: CHART_COLORS.blue, values: props.data.map((d) => d.a) },
            { name: props.bLabel, color: CHART_COLORS.orange, values: props.data.map((d) => d.b) },
          ]}
          leftAxis={{ width: 48, format: props.format, integer: true }}
          provisional={props.data.map((d) => d.provisional === true)}
          provisionalLabel={props.provisionalLabel}
        />
      )}
    </div>
  );
}
