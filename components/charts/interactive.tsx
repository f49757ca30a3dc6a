'use client';

// The interactive charts, loaded after the page (interactive-charts.ts): nothing else may import this
// module statically, or Recharts is back in every chart page's first load.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

// Each chart sits in an aria-hidden container and its data table beside it is the accessible version, so
// Recharts' keyboard layer is off: it would make the hidden SVG focusable (axe: aria-hidden-focus).
import { CHART_COLORS, SERIES_COLORS } from './palette';
import { axisTicks, rechartsTicks } from './nice-ticks';
import {
  PROVISIONAL_DASH,
  PROVISIONAL_OPACITY,
  shareChartHeight,
  type PairBarChartProps,
  type PathChartProps,
  type ShareBarChartProps,
  type TrendChartProps,
} from './types';

type WithOptionalLabel<T extends { provisionalLabel?: string }> = Required<Omit<T, 'provisionalLabel'>> & Pick<T, 'provisionalLabel'>;

/** A provisional month's bar: paler, with a dashed outline (as in the sketch). */
const provisionalCell = (color: string, provisional: boolean | undefined, key: number) => (
  <Cell
    key={key}
    fill={color}
    {...(provisional ? { fillOpacity: PROVISIONAL_OPACITY, stroke: color, strokeDasharray: PROVISIONAL_DASH } : {})}
  />
);

export function InteractiveTrendChart({
  data,
  barLabel,
  lineLabel,
  formatBar,
  formatLine,
  height,
  provisionalLabel,
}: WithOptionalLabel<TrendChartProps>) {
  // The line is two series: solid through final months, dashed into and through provisional ones.
  const rows = data.map((d, i) => ({
    ...d,
    lineFinal: d.provisional ? null : d.line,
    lineProvisional: d.provisional || data[i + 1]?.provisional ? d.line : null,
  }));
  const anyProvisional = data.some((d) => d.provisional);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={12} />
        <YAxis yAxisId="bar" {...rechartsTicks(axisTicks(data.map((d) => d.bar), true))} tick={{ fontSize: 12 }} tickFormatter={formatBar} width={56} />
        <YAxis yAxisId="line" orientation="right" {...rechartsTicks(axisTicks(data.map((d) => d.line)))} tick={{ fontSize: 12 }} tickFormatter={formatLine} width={48} />
        <Tooltip
          formatter={(value, name) =>
            typeof value === 'number' ? (name === lineLabel ? formatLine(value) : formatBar(value)) : String(value)
          }
        />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <Bar yAxisId="bar" dataKey="bar" name={barLabel} fill={CHART_COLORS.sky} isAnimationActive={false}>
          {data.map((d, i) => provisionalCell(CHART_COLORS.sky, d.provisional, i))}
        </Bar>
        <Line
          yAxisId="line"
          dataKey="lineFinal"
          name={lineLabel}
          stroke={CHART_COLORS.vermillion}
          strokeWidth={2.5}
          dot={{ r: 2 }}
          connectNulls={false}
          isAnimationActive={false}
          tooltipType="none"
        />
        {anyProvisional ? (
          <Line
            yAxisId="line"
            dataKey="lineProvisional"
            name={provisionalLabel ?? lineLabel}
            legendType={provisionalLabel ? 'plainline' : 'none'}
            stroke={CHART_COLORS.vermillion}
            strokeWidth={2.5}
            strokeDasharray={PROVISIONAL_DASH}
            dot={{ r: 2 }}
            connectNulls={false}
            isAnimationActive={false}
            tooltipType="none"
          />
        ) : null}
        {/* The tooltip reads the whole line once, named as the figure, whichever part draws it. */}
        <Line yAxisId="line" dataKey="line" name={lineLabel} stroke="none" dot={false} activeDot={false} legendType="none" isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function InteractivePairBarChart({ data, aLabel, bLabel, format, height }: WithOptionalLabel<PairBarChartProps>) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={12} />
        <YAxis {...rechartsTicks(axisTicks(data.flatMap((d) => [d.a, d.b]), true))} tick={{ fontSize: 12 }} tickFormatter={format} width={48} />
        <Tooltip formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <Bar dataKey="a" name={aLabel} fill={CHART_COLORS.blue} isAnimationActive={false}>
          {data.map((d, i) => provisionalCell(CHART_COLORS.blue, d.provisional, i))}
        </Bar>
        <Bar dataKey="b" name={bLabel} fill={CHART_COLORS.orange} isAnimationActive={false}>
          {data.map((d, i) => provisionalCell(CHART_COLORS.orange, d.provisional, i))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function InteractiveShareBarChart({ data, format }: ShareBarChartProps) {
  return (
    <ResponsiveContainer width="100%" height={shareChartHeight(data.length)}>
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 4 }}>
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
  );
}

export function InteractivePathChart({ data, labels, target, format, height }: Required<PathChartProps>) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={12} />
        <YAxis tick={{ fontSize: 12 }} tickFormatter={format} width={56} domain={[0, 'auto']} />
        <Tooltip formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} />
        <Legend />
        <ReferenceLine y={target} stroke={CHART_COLORS.grey} strokeDasharray="4 4" label={{ value: labels.target, position: 'insideTopLeft', fontSize: 12 }} />
        <Line dataKey="observed" name={labels.observed} stroke={CHART_COLORS.blue} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        <Line dataKey="plan" name={labels.plan} stroke={CHART_COLORS.green} strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line dataKey="trend" name={labels.trend} stroke={CHART_COLORS.vermillion} strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
