'use client';

import { geoMercator, geoPath } from 'd3-geo';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { classIndex, labelColorOn } from '@/domain/geo/class-breaks';
import { rewind, type AreaCollection, type AreaGeometry } from '@/domain/geo/geometry';
import styles from './village-choropleth.module.css';

export interface ChoroplethArea {
  code: string;
  name: string;
  /** The village's number in the table beside the map, shown instead of a name that does not fit. */
  number: number;
  geometry: AreaGeometry | null;
  value: number | string | null;
  /** The value as a person reads it ("12,5%", "<5", "–"). */
  display: string;
}

export interface ChoroplethProps {
  areas: ChoroplethArea[];
  breaks: number[];
  colors: string[];
  /** Accessible name of the whole map. */
  label: string;
  /** The indicator's name, for tooltips and each area's accessible name. */
  metricLabel: string;
  /** "{name}: {metric} {value}" */
  areaLabel: (area: ChoroplethArea) => string;
  hint: string;
  onOpen: (code: string) => void;
  compact?: boolean;
}

const NO_DATA = '#d9d9d9';
const PAD = 8;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PlacedLabel {
  code: string;
  x: number;
  y: number;
  fontSize: number;
  /** The name on one or two lines, or the village's number when its name does not fit. */
  lines: string[];
  numbered: boolean;
}

/** "Ajibarang Kulon" → ["Ajibarang", "Kulon"], split at the space nearest the middle. */
function splitName(name: string): string[] {
  const middle = name.length / 2;
  let split = -1;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === ' ' && (split < 0 || Math.abs(i - middle) < Math.abs(split - middle))) split = i;
  }
  return split < 0 ? [name] : [name.slice(0, split), name.slice(split + 1)];
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Text width in px; before the browser can measure, an estimate for a bold sans-serif. */
export type MeasureText = (text: string, fontSize: number) => number;
const estimateText: MeasureText = (text, fontSize) => text.length * fontSize * 0.66;

/**
 * Names where they fit (largest villages first; one line, two lines, then a smaller font), and the
 * village's number where they do not, each kept clear of the labels already placed, so that no two
 * labels overlap on a phone.
 */
export function placeLabels(
  shapes: { code: string; name: string; number: number; centroid: [number, number]; bounds: Box; area: number }[],
  fontSize: number,
  measure: MeasureText = estimateText,
): PlacedLabel[] {
  const placed: Box[] = [];
  const out: PlacedLabel[] = [];
  const order = [...shapes].sort((a, b) => b.area - a.area);
  const pending: typeof order = [];
  for (const shape of order) {
    const [x, y] = shape.centroid;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const room = { w: shape.bounds.x1 - shape.bounds.x0, h: shape.bounds.y1 - shape.bounds.y0 };
    let label: PlacedLabel | null = null;
    for (const size of [fontSize, fontSize - 1.5]) {
      for (const lines of [[shape.name], splitName(shape.name)]) {
        const w = Math.max(...lines.map((line) => measure(line, size))) + 4;
        const h = lines.length * size * 1.1 + 2;
        const box = { x0: x - w / 2, y0: y - h / 2, x1: x + w / 2, y1: y + h / 2 };
        if (w <= room.w * 1.1 && h <= room.h && !placed.some((other) => overlaps(box, other))) {
          placed.push(box);
          label = { code: shape.code, x, y, fontSize: size, lines, numbered: false };
          break;
        }
      }
      if (label) break;
    }
    if (label) out.push(label);
    else pending.push(shape);
  }
  // Numbers go where the names did not fit: at the centre, or nudged within the village off a name.
  for (const shape of pending) {
    const [x, y] = shape.centroid;
    const r = fontSize * 0.85 + 1;
    const step = r * 1.3;
    const candidates: [number, number][] = [
      [0, 0], [0, -step], [0, step], [step, 0], [-step, 0], [step, -step], [-step, -step], [step, step], [-step, step],
    ];
    let at: [number, number] = [x, y];
    for (const [dx, dy] of candidates) {
      const box = { x0: x + dx - r, y0: y + dy - r, x1: x + dx + r, y1: y + dy + r };
      const inside =
        box.x0 >= shape.bounds.x0 && box.x1 <= shape.bounds.x1 && box.y0 >= shape.bounds.y0 && box.y1 <= shape.bounds.y1;
      if ((inside || (dx === 0 && dy === 0)) && !placed.some((other) => overlaps(box, other))) {
        at = [x + dx, y + dy];
        break;
      }
    }
    placed.push({ x0: at[0] - r, y0: at[1] - r, x1: at[0] + r, y1: at[1] + r });
    out.push({ code: shape.code, x: at[0], y: at[1], fontSize, lines: [String(shape.number)], numbered: true });
  }
  return out;
}

/**
 * Villages as SVG polygons projected with d3-geo, coloured by class. Each village is a keyboard-focusable
 * link with a tooltip on hover and focus; Enter or a click opens it. Sized in CSS pixels to its container
 * so labels stay readable on a phone.
 */
export function VillageChoropleth(props: ChoroplethProps) {
  const { areas, breaks, colors, compact = false } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(compact ? 480 : 760);
  const [active, setActive] = useState<{ code: string; x: number; y: number; byPointer: boolean } | null>(null);
  const [measure, setMeasure] = useState<MeasureText | null>(null);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const hatchId = `hatch-${uid}`;
  const tooltipId = `tooltip-${uid}`;

  useEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.round(entry?.contentRect.width ?? 0);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    // The server cannot measure text; the browser re-places the labels with the real widths.
    const context = document.createElement('canvas').getContext('2d');
    if (context) {
      const family = getComputedStyle(element).fontFamily;
      setMeasure(() => (text: string, size: number) => {
        context.font = `600 ${size}px ${family}`;
        return context.measureText(text).width;
      });
    }
    return () => observer.disconnect();
  }, []);

  const drawn = useMemo(() => areas.filter((a) => a.geometry !== null), [areas]);
  const layout = useMemo(() => {
    // d3-geo reads rings on the sphere: exterior rings must run clockwise for it.
    const features = drawn.map((area) => ({
      type: 'Feature' as const,
      properties: { code: area.code },
      geometry: rewind(area.geometry!, { forD3: true }),
    }));
    const collection: AreaCollection = { type: 'FeatureCollection', features };
    const maxHeight = compact ? 360 : 640;
    const projection = geoMercator().fitWidth(width - 2 * PAD, collection);
    let path = geoPath(projection);
    let [[, y0], [, y1]] = path.bounds(collection);
    if (y1 - y0 > maxHeight - 2 * PAD) {
      projection.fitExtent(
        [
          [PAD, PAD],
          [width - PAD, maxHeight - PAD],
        ],
        collection,
      );
      path = geoPath(projection);
      [[, y0], [, y1]] = path.bounds(collection);
    } else {
      const [tx, ty] = projection.translate();
      projection.translate([tx + PAD, ty + PAD]);
      path = geoPath(projection);
      [[, y0], [, y1]] = path.bounds(collection);
    }
    const height = Math.ceil(y1 + PAD);
    // Rounded: the server's and the browser's floating point may differ in the last digits.
    const round = (value: number) => Math.round(value * 10) / 10;
    const shapes = features.map((feature, i) => {
      const [[bx0, by0], [bx1, by1]] = path.bounds(feature);
      const [cx, cy] = path.centroid(feature);
      return {
        area: drawn[i]!,
        d: path.digits(1)(feature) ?? '',
        centroid: [round(cx), round(cy)] as [number, number],
        bounds: { x0: bx0, y0: by0, x1: bx1, y1: by1 },
        size: path.area(feature),
      };
    });
    const fontSize = compact ? 11 : width < 520 ? 12 : 13;
    const labels = placeLabels(
      shapes.map((shape) => ({
        code: shape.area.code,
        name: shape.area.name,
        number: shape.area.number,
        centroid: shape.centroid,
        bounds: shape.bounds,
        area: shape.size,
      })),
      fontSize,
      measure ?? undefined,
    );
    return { shapes, labels, height: Math.max(height, Math.ceil(y0)) };
  }, [drawn, width, compact, measure]);

  const fillOf = (area: ChoroplethArea) => {
    const index = classIndex(area.value, breaks);
    return index >= 0 ? colors[index]! : null;
  };
  const activeArea = active ? areas.find((a) => a.code === active.code) : undefined;
  const activeShape = active ? layout.shapes.find((s) => s.area.code === active.code) : undefined;

  return (
    <div className={styles.root} ref={containerRef}>
      <svg
        width={width}
        height={layout.height}
        viewBox={`0 0 ${width} ${layout.height}`}
        role="group"
        aria-label={props.label}
        onMouseLeave={() => setActive((current) => (current?.byPointer ? null : current))}
      >
        <defs>
          <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={NO_DATA} />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#8c8c8c" strokeWidth="2" />
          </pattern>
        </defs>
        {layout.shapes.map(({ area, d, centroid }) => {
          const fill = fillOf(area);
          const open = () => props.onOpen(area.code);
          return (
            <path
              key={area.code}
              d={d}
              suppressHydrationWarning
              className={styles.area}
              data-code={area.code}
              fill={fill ?? `url(#${hatchId})`}
              role="link"
              tabIndex={0}
              aria-label={props.areaLabel(area)}
              aria-describedby={active?.code === area.code ? tooltipId : undefined}
              onMouseMove={(event) => {
                const box = containerRef.current?.getBoundingClientRect();
                if (!box) return;
                setActive({ code: area.code, x: event.clientX - box.left, y: event.clientY - box.top, byPointer: true });
              }}
              onFocus={() => setActive({ code: area.code, x: centroid[0], y: centroid[1], byPointer: false })}
              onBlur={() => setActive((current) => (current?.code === area.code ? null : current))}
              onClick={open}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  open();
                } else if (event.key === 'Escape') {
                  setActive(null);
                }
              }}
            />
          );
        })}
        {activeShape ? <path d={activeShape.d} className={styles.highlight} aria-hidden="true" /> : null}
        <g aria-hidden="true">
          {layout.labels.map((label) => {
            const area = areas.find((a) => a.code === label.code);
            const fill = area ? fillOf(area) : null;
            if (label.numbered) {
              return (
                <g key={label.code} className={styles.badge}>
                  <circle cx={label.x} cy={label.y} r={label.fontSize * 0.85} suppressHydrationWarning />
                  <text
                    x={label.x}
                    y={label.y}
                    fontSize={label.fontSize - 1}
                    textAnchor="middle"
                    dominantBaseline="central"
                    suppressHydrationWarning
                  >
                    {label.lines[0]}
                  </text>
                </g>
              );
            }
            const color = fill ? labelColorOn(fill) : '#1a1a1a';
            const lineHeight = label.fontSize * 1.1;
            return (
              <text
                key={label.code}
                x={label.x}
                y={label.y - ((label.lines.length - 1) * lineHeight) / 2}
                fontSize={label.fontSize}
                textAnchor="middle"
                dominantBaseline="middle"
                fill={color}
                // A halo in the village's own colour keeps the name legible where it crosses a border.
                stroke={fill && color === '#ffffff' ? fill : 'rgba(255,255,255,0.85)'}
                className={styles.label}
                suppressHydrationWarning
              >
                {label.lines.map((line, i) => (
                  <tspan key={i} x={label.x} dy={i === 0 ? 0 : lineHeight} suppressHydrationWarning>
                    {line}
                  </tspan>
                ))}
              </text>
            );
          })}
        </g>
      </svg>
      {active && activeArea ? (
        <div
          id={tooltipId}
          role="tooltip"
          className={`${styles.tooltip} ${active.y < 90 ? styles.tooltipBelow : ''}`}
          data-testid="map-tooltip"
          style={{
            left: Math.min(Math.max(active.x, 90), width - 90),
            top: active.y,
          }}
        >
          <strong>{activeArea.name}</strong>
          <span>
            {props.metricLabel}: <b data-testid="map-tooltip-value">{activeArea.display}</b>
          </span>
          <small>{props.hint}</small>
        </div>
      ) : null}
    </div>
  );
}
