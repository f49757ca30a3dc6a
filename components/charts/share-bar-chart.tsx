'use client';

import { useInteractiveCharts } from './interactive-charts';
import { ShareSketch } from './sketch';
import { shareChartHeight, type ShareBarChartProps } from './types';

export type { ShareDatum } from './types';

/** Horizontal bars of shares in percent (the channel mix of new enrolments). */
export function ShareBarChart(props: ShareBarChartProps) {
  const charts = useInteractiveCharts();
  return (
    <div className="chart" aria-hidden="true" data-chart={charts ? 'interactive' : 'sketch'}>
      {charts ? (
        <charts.InteractiveShareBarChart {...props} />
      ) : (
        <ShareSketch data={props.data} format={props.format} height={shareChartHeight(props.data.length)} />
      )}
    </div>
  );
}
