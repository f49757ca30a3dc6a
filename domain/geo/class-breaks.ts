// Class breaks and colours for a choropleth. Equal intervals on "nice" bounds (1, 2, 2.5 or 5 × 10ⁿ), so
// the legend reads 0–5–10–15 rather than 3,27–6,91, with ColorBrewer's YlGnBu: sequential, readable by
// colour-blind users and in greyscale (colorbrewer2.org, Cynthia Brewer, Penn State, Apache-2.0).

export const YLGNBU: Readonly<Record<number, readonly string[]>> = {
  3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
  4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
  5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
  6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
  7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
};

export interface Classes {
  /** Ascending bounds: class i holds breaks[i] ≤ v < breaks[i+1] (the last class includes its top). */
  breaks: number[];
  /** One colour per class, light (low) to dark (high). */
  colors: string[];
}

const NICE = [1, 2, 2.5, 5, 10];

/** The smallest nice step ≥ raw. */
export function niceStep(raw: number, integer = false): number {
  if (!(raw > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const factor of NICE) {
    const step = factor * power;
    if (step >= raw - 1e-12 && (!integer || Number.isInteger(step))) return integer ? Math.max(step, 1) : step;
  }
  return 10 * power;
}

const clean = (value: number) => Number(value.toPrecision(12));

function paletteFor(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return [YLGNBU[3]![1]!];
  if (count === 2) return [YLGNBU[3]![0]!, YLGNBU[3]![2]!];
  return [...YLGNBU[Math.min(count, 7)]!];
}

/**
 * Breaks for the values (nulls and non-finite values ignored) in at most `maxClasses` classes (3–7).
 * `integer` keeps bounds whole (counts of persons, Rupiah).
 */
export function classBreaks(values: readonly (number | null)[], maxClasses = 5, integer = false): Classes {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return { breaks: [], colors: [] };
  const max = Math.max(...finite);
  const min = Math.min(...finite);
  const classes = Math.min(Math.max(maxClasses, 3), 7);
  if (min === max) return { breaks: [min, max], colors: paletteFor(1) };

  let step = niceStep((max - min) / classes, integer);
  for (;;) {
    const lower = clean(Math.floor(min / step) * step);
    const breaks = [lower];
    while (breaks[breaks.length - 1]! < max) breaks.push(clean(lower + breaks.length * step));
    if (breaks.length - 1 <= classes) return { breaks, colors: paletteFor(breaks.length - 1) };
    step = niceStep(step * 1.0001, integer);
  }
}

/** The class of a value, or -1 when it has none (null, "<5", outside the breaks). */
export function classIndex(value: number | string | null, breaks: readonly number[]): number {
  if (typeof value !== 'number' || breaks.length < 2) return -1;
  const last = breaks.length - 2;
  if (value < breaks[0]! || value > breaks[last + 1]!) return -1;
  for (let i = 0; i < last; i++) if (value < breaks[i + 1]!) return i;
  return last;
}

/** Dark text on the light classes, white on the dark ones (WCAG contrast on YlGnBu). */
export function labelColorOn(fill: string): string {
  const hex = fill.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return luminance > 0.25 ? '#1a1a1a' : '#ffffff';
}

/** The decimals a legend needs to write its bounds exactly (bounds are multiples of the step). */
export function breakDecimals(breaks: readonly number[]): number {
  if (breaks.length < 2) return 0;
  const step = Math.abs(breaks[1]! - breaks[0]!);
  for (let digits = 0; digits < 4; digits++) {
    const scaled = step * 10 ** digits;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9) return digits;
  }
  return 4;
}
