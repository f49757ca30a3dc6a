// Light SVG sketches of the Recharts charts: the same data, colours, axes, grid and legend in the same
// box, drawn on the server and by plain React, so a chart page shows its charts before (and without)
// Recharts, whose chunk loads after the page (interactive-charts.ts). Widths are unknown on the server:
// the plot area is an absolutely placed box whose horizontal positions are percentages; heights and
// vertical positions are pixels, as in Recharts, so the swap moves nothing on the page.
//
// Geometry copied from Recharts 3 with this app's props: the axis line and ticks in #666, tick labels
// 12 px, an x-axis 30 px tall, a bottom legend of one 16 px line, bars filling 80 % of their band.
import type { CSSProperties, ReactNode } from 'react';
import { axisTicks } from './nice-ticks';
import { SERIES_COLORS } from './palette';
import { PROVISIONAL_DASH, PROVISIONAL_OPACITY, type ShareDatum } from './types';

const AXIS = '#666';
const GRID = '#e5e7eb';
const TICK_FONT = 12;
const X_AXIS_HEIGHT = 30;
const LEGEND_HEIGHT = 15.5;
const MARGIN_TOP = 8;
const MARGIN_RIGHT = 8;
/** A guess at the plot's width on the server, to choose which month labels fit (a narrow panel). */
const ASSUMED_PLOT_WIDTH = 230;
const MIN_TICK_GAP = 12;

const pct = (x: number) => `${Math.round(x * 1000) / 1000}%`;
const textWidth = (text: string) => text.length * TICK_FONT * 0.6;

/** Recharts' interval="preserveStartEnd": the last label always, then from the first those that fit. */
export function visibleLabelIndexes(labels: readonly string[], plotWidth = ASSUMED_PLOT_WIDTH): number[] {
  const n = labels.length;
  if (n === 0) return [];
  const centre = (i: number) => ((i + 0.5) / n) * plotWidth;
  const last = n - 1;
  const lastStart = centre(last) - textWidth(labels[last]!) / 2;
  const kept: number[] = [];
  let end = -Infinity;
  for (let i = 0; i < last; i++) {
    const half = textWidth(labels[i]!) / 2;
    if (centre(i) - half >= end + MIN_TICK_GAP && centre(i) + half + MIN_TICK_GAP <= lastStart) {
      kept.push(i);
      end = centre(i) + half;
    }
  }
  kept.push(last);
  return kept;
}

export interface SketchSeries {
  name: string;
  color: string;
  values: ReadonlyArray<number | null>;
}

interface Axis {
  width: number;
  format: (value: number) => string;
  /** A count's axis: whole numbers only (as the interactive chart's). */
  integer?: boolean;
}

const fill = (style?: CSSProperties): CSSProperties => ({ position: 'absolute', top: 0, ...style });

function YAxisLabels({ ticks, scaleY, axis, side, height }: { ticks: number[]; scaleY: (v: number) => number; axis: Axis; side: 'left' | 'right'; height: number }) {
  const edge = side === 'left' ? axis.width : 0;
  const inward = side === 'left' ? -1 : 1;
  return (
    <svg
      width={axis.width}
      height={height}
      style={fill(side === 'left' ? { left: 0 } : { right: MARGIN_RIGHT })}
      overflow="visible"
    >
      <line x1={edge} x2={edge} y1={MARGIN_TOP} y2={scaleY(ticks[0]!)} stroke={AXIS} />
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={edge} x2={edge + inward * 6} y1={scaleY(tick)} y2={scaleY(tick)} stroke={AXIS} />
          <text
            x={edge + inward * 8}
            y={scaleY(tick)}
            dy="0.355em"
            textAnchor={side === 'left' ? 'end' : 'start'}
            fontSize={TICK_FONT}
            fill={AXIS}
          >
            {axis.format(tick)}
          </text>
        </g>
      ))}
    </svg>
  );
}

function LegendIcon({ kind, color }: { kind: 'bar' | 'line' | 'provisional'; color: string }) {
  return (
    <svg width={14} height={14} viewBox="0 0 32 32" style={{ display: 'inline-block', verticalAlign: 'middle', marginRight: 4 }}>
      {kind === 'provisional' ? (
        <path stroke={color} strokeWidth={3} strokeDasharray="6 4" fill={color} fillOpacity={PROVISIONAL_OPACITY} d="M2,6h28v20h-28z" />
      ) : kind === 'bar' ? (
        <path stroke="none" fill={color} d="M0,4h32v24h-32z" />
      ) : (
        <path
          strokeWidth={4}
          fill="none"
          stroke={color}
          d="M0,16h10.67A5.33,5.33,0,1,1,21.33,16H32M21.33,16A5.33,5.33,0,1,1,10.67,16"
        />
      )}
    </svg>
  );
}

function Legend({ items }: { items: Array<{ name: string; color: string; kind: 'bar' | 'line' | 'provisional' }> }) {
  return (
    <ul style={{ position: 'absolute', left: 0, right: MARGIN_RIGHT, bottom: 0, padding: 0, margin: 0, textAlign: 'center', fontSize: 13, listStyle: 'none' }}>
      {/* Sorted by name, as Recharts 3's legend does by default (itemSorter "value"). */}
      {[...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((item) => (
        <li key={item.name} style={{ display: 'inline-block', marginRight: 10, whiteSpace: 'nowrap' }}>
          <LegendIcon kind={item.kind} color={item.color} />
          <span style={{ color: item.color }}>{item.name}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Bars (side by side within each month) on the left axis and an optional line on the right axis, with
 * a horizontal grid at the left axis's ticks and the month labels below.
 */
export function CartesianSketch({
  labels,
  bars,
  line,
  leftAxis,
  rightAxis,
  height,
  provisional,
  provisionalLabel,
}: {
  labels: readonly string[];
  bars: SketchSeries[];
  line?: SketchSeries;
  leftAxis: Axis;
  rightAxis?: Axis;
  height: number;
  /** Per month: provisional (drawn paler with a dashed outline, the line into it dashed). */
  provisional?: readonly boolean[];
  provisionalLabel?: string;
}) {
  const n = labels.length;
  const plotBottom = height - X_AXIS_HEIGHT - LEGEND_HEIGHT;
  const plotHeight = plotBottom - MARGIN_TOP;
  const leftTicks = axisTicks(bars.flatMap((b) => b.values), leftAxis.integer);
  const leftTop = leftTicks.at(-1)!;
  const leftBottom = leftTicks[0]!;
  const scaleLeft = (v: number) => plotBottom - ((v - leftBottom) / (leftTop - leftBottom || 1)) * plotHeight;
  const rightTicks = line ? axisTicks(line.values, rightAxis?.integer) : [];
  const scaleRight = (v: number) =>
    plotBottom - ((v - rightTicks[0]!) / ((rightTicks.at(-1)! - rightTicks[0]!) || 1)) * plotHeight;
  const band = 100 / Math.max(n, 1);
  const barsWidth = band * 0.8;
  const gap = bars.length > 1 ? barsWidth * 0.14 : 0;
  const barWidth = (barsWidth - gap * (bars.length - 1)) / Math.max(bars.length, 1);
  const centre = (i: number) => (i + 0.5) * band;
  const rightWidth = rightAxis?.width ?? 0;

  const isProvisional = (i: number) => provisional?.[i] === true;
  // The line as segments between gaps (nulls), in a box stretched to the plot (0–100 across); a segment
  // into a provisional month goes in the dashed path.
  let path = '';
  let dashed = '';
  let dots: ReactNode[] = [];
  if (line) {
    let previous: string | null = null;
    line.values.forEach((value, i) => {
      if (value === null) {
        previous = null;
        return;
      }
      const point = `${centre(i).toFixed(3)},${(scaleRight(value) - MARGIN_TOP).toFixed(2)}`;
      if (isProvisional(i)) dashed += `M${previous ?? point}L${point}`;
      else path += `${previous ? 'L' : 'M'}${point}`;
      previous = point;
    });
    dots = line.values.map((value, i) =>
      value === null ? null : (
        <circle key={i} cx={pct(centre(i))} cy={scaleRight(value)} r={2} stroke={line.color} strokeWidth={2.5} fill="#fff" />
      ),
    );
  }

  return (
    <div className="chart-sketch" style={{ position: 'relative', width: '100%', height }}>
      <YAxisLabels ticks={leftTicks} scaleY={scaleLeft} axis={leftAxis} side="left" height={plotBottom + X_AXIS_HEIGHT} />
      {line && rightAxis ? (
        <YAxisLabels ticks={rightTicks} scaleY={scaleRight} axis={rightAxis} side="right" height={plotBottom + X_AXIS_HEIGHT} />
      ) : null}
      <svg
        style={fill({ left: leftAxis.width, width: `calc(100% - ${leftAxis.width + rightWidth + MARGIN_RIGHT}px)`, height: plotBottom + X_AXIS_HEIGHT })}
        overflow="visible"
      >
        {leftTicks.map((tick) => (
          <line key={tick} x1="0" x2="100%" y1={scaleLeft(tick)} y2={scaleLeft(tick)} stroke={GRID} />
        ))}
        {bars.map((series, s) =>
          series.values.map((value, i) =>
            value === null || value <= leftBottom ? null : (
              <rect
                key={`${s}-${i}`}
                x={pct(i * band + band * 0.1 + s * (barWidth + gap))}
                width={pct(barWidth)}
                y={scaleLeft(value)}
                height={plotBottom - scaleLeft(value)}
                fill={series.color}
                {...(isProvisional(i)
                  ? { fillOpacity: PROVISIONAL_OPACITY, stroke: series.color, strokeDasharray: PROVISIONAL_DASH, 'data-provisional': true }
                  : {})}
              />
            ),
          ),
        )}
        {line ? (
          <svg x="0" y={MARGIN_TOP} width="100%" height={plotHeight} viewBox={`0 0 100 ${plotHeight}`} preserveAspectRatio="none" overflow="visible">
            <path d={path} fill="none" stroke={line.color} strokeWidth={2.5} vectorEffect="non-scaling-stroke" />
            {dashed ? (
              <path
                d={dashed}
                fill="none"
                stroke={line.color}
                strokeWidth={2.5}
                strokeDasharray={PROVISIONAL_DASH}
                vectorEffect="non-scaling-stroke"
                data-provisional
              />
            ) : null}
          </svg>
        ) : null}
        {dots}
        <line x1="0" x2="100%" y1={plotBottom} y2={plotBottom} stroke={AXIS} />
        {visibleLabelIndexes(labels).map((i) => (
          <g key={i}>
            <line x1={pct(centre(i))} x2={pct(centre(i))} y1={plotBottom} y2={plotBottom + 6} stroke={AXIS} />
            <text x={pct(centre(i))} y={plotBottom + 8} dy="0.71em" textAnchor="middle" fontSize={TICK_FONT} fill={AXIS}>
              {labels[i]}
            </text>
          </g>
        ))}
      </svg>
      <Legend
        items={[
          ...bars.map((b) => ({ name: b.name, color: b.color, kind: 'bar' as const })),
          ...(line ? [{ name: line.name, color: line.color, kind: 'line' as const }] : []),
          ...(provisionalLabel && provisional?.some(Boolean) ? [{ name: provisionalLabel, color: AXIS, kind: 'provisional' as const }] : []),
        ]}
      />
    </div>
  );
}

/** Horizontal bars of shares (0–100) with their category on the left and the value at the bar's end. */
export function ShareSketch({ data, format, height }: { data: ShareDatum[]; format: (value: number) => string; height: number }) {
  const top = 4;
  const labelWidth = 140;
  const left = 4 + labelWidth;
  const band = (height - 8) / Math.max(data.length, 1);
  const barHeight = Math.floor(band * 0.8);
  const middle = (i: number) => top + (i + 0.5) * band;
  return (
    <div className="chart-sketch" style={{ position: 'relative', width: '100%', height }}>
      <svg width={left} height={height} style={fill({ left: 0 })}>
        <line x1={left} x2={left} y1={top} y2={height - 4} stroke={AXIS} />
        {data.map((d, i) => (
          <g key={d.label}>
            <line x1={left - 6} x2={left} y1={middle(i)} y2={middle(i)} stroke={AXIS} />
            <text x={left - 8} y={middle(i)} dy="0.355em" textAnchor="end" fontSize={TICK_FONT} fill={AXIS}>
              {d.label}
            </text>
          </g>
        ))}
      </svg>
      <svg style={fill({ left, width: `calc(100% - ${left + 48}px)`, height })} overflow="visible">
        {data.map((d, i) => {
          const color = SERIES_COLORS[i % SERIES_COLORS.length]!;
          const width = Math.max(0, Math.min(100, d.value));
          return (
            <g key={d.label}>
              <rect x="0" width={pct(width)} y={middle(i) - barHeight / 2} height={barHeight} fill={color} />
              <text x={pct(width)} dx={5} y={middle(i)} dy="0.355em" fontSize={TICK_FONT} fill={color}>
                {format(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
