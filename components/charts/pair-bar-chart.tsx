'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_COLORS } from './palette';

export interface PairDatum {
  label: string;
  a: number | null;
  b: number | null;
}

/** Two counts side by side per month (new enrolments against members in arrears). */
export function PairBarChart({
  data,
  aLabel,
  bLabel,
  format,
  height = 240,
}: {
  data: PairDatum[];
  aLabel: string;
  bLabel: string;
  format: (value: number) => string;
  height?: number;
}) {
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={12} />
          <YAxis tick={{ fontSize: 12 }} tickFormatter={format} width={48} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar dataKey="a" name={aLabel} fill={CHART_COLORS.blue} isAnimationActive={false} />
          <Bar dataKey="b" name={bLabel} fill={CHART_COLORS.orange} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
