'use client';

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { CHART_COLORS } from './palette';

export interface TrendDatum {
  label: string;
  /** Null where the figure is unknown or suppressed ("<5"): drawn as a gap. */
  bar: number | null;
  line: number | null;
}

/**
 * Bars for a count and a line for a rate on its own axis, month by month. Receives figures already
 * aggregated (and suppressed) by the server; the page shows the same figures as a table beside it.
 */
export function TrendChart({
  data,
  barLabel,
  lineLabel,
  formatBar,
  formatLine,
  height = 260,
}: {
  data: TrendDatum[];
  barLabel: string;
  lineLabel: string;
  formatBar: (value: number) => string;
  formatLine: (value: number) => string;
  height?: number;
}) {
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={12} />
          <YAxis yAxisId="bar" tick={{ fontSize: 12 }} tickFormatter={formatBar} width={56} />
          <YAxis yAxisId="line" orientation="right" tick={{ fontSize: 12 }} tickFormatter={formatLine} width={48} />
          <Tooltip
            formatter={(value, name) =>
              typeof value === 'number' ? (name === lineLabel ? formatLine(value) : formatBar(value)) : String(value)
            }
          />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar yAxisId="bar" dataKey="bar" name={barLabel} fill={CHART_COLORS.sky} isAnimationActive={false} />
          <Line
            yAxisId="line"
            dataKey="line"
            name={lineLabel}
            stroke={CHART_COLORS.vermillion}
            strokeWidth={2.5}
            dot={{ r: 2 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
