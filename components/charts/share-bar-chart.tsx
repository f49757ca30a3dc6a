'use client';

import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SERIES_COLORS } from './palette';

export interface ShareDatum {
  label: string;
  value: number;
}

/** Horizontal bars of shares in percent (the channel mix of new enrolments). */
export function ShareBarChart({ data, format }: { data: ShareDatum[]; format: (value: number) => string }) {
  const height = Math.max(120, data.length * 34 + 24);
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 4 }}>
          <XAxis type="number" hide domain={[0, 100]} />
          <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} />
          <Bar
            dataKey="value"
            isAnimationActive={false}
            label={{ position: 'right', fontSize: 12, formatter: (v: unknown) => (typeof v === 'number' ? format(v) : '') }}
          >
            {data.map((datum, i) => (
              <Cell key={datum.label} fill={SERIES_COLORS[i % SERIES_COLORS.length]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
