// The ticks of every number axis, computed here once and given to both renderers: the server-drawn sketch
// draws them, and Recharts receives them as `ticks` and `domain`, so the two agree by construction whatever
// Recharts' own defaults become in an upgrade. The steps are Recharts 3's nice steps (tickCount 5 over
// [min(0, data), max(data)]), in plain floating point, so the charts look as Recharts users expect.

const clean = (x: number) => Number(x.toPrecision(12));

const digitCount = (x: number) => (x === 0 ? 1 : Math.floor(Math.log10(Math.abs(x))) + 1);

function adaptiveStep(rough: number, correction: number): number {
  if (rough <= 0) return 0;
  const digits = digitCount(rough);
  const scale = 10 ** digits;
  const ratioScale = digits !== 1 ? 0.05 : 0.1;
  const amended = (Math.ceil(clean(rough / scale / ratioScale)) + correction) * ratioScale;
  return clean(amended * scale);
}

function calculateStep(min: number, max: number, count: number, correction: number): { step: number; tickMin: number; tickMax: number } {
  const n = min < 0 && max > 0 ? Math.max(count, 3) : count;
  const step = adaptiveStep((max - min) / (n - 1), correction);
  if (step <= 0) return { step: 0, tickMin: 0, tickMax: 0 };
  let middle: number;
  if (min <= 0 && max >= 0) middle = 0;
  else {
    middle = (min + max) / 2;
    middle = clean(middle - (middle % step));
  }
  let below = Math.ceil(clean((middle - min) / step));
  let up = Math.ceil(clean((max - middle) / step));
  const total = below + up + 1;
  if (total > n) return calculateStep(min, max, n, correction + 1);
  if (total < n) {
    if (max > 0) up += n - total;
    else below += n - total;
  }
  return { step, tickMin: clean(middle - below * step), tickMax: clean(middle + up * step) };
}

/** The ticks of an axis showing `values` (nulls skipped), lowest first; the last is the axis's top. */
export function niceTicks(values: ReadonlyArray<number | null>, count = 5): number[] {
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const min = Math.min(0, ...numbers);
  const max = Math.max(0, ...numbers);
  if (min === max) {
    // Recharts' ticks of a single value 0: 0, 1, 2, … count − 1.
    return Array.from({ length: count }, (_, i) => min + i);
  }
  const { step, tickMin, tickMax } = calculateStep(min, max, count, 0);
  if (step <= 0) return [min, max];
  const ticks: number[] = [];
  for (let t = tickMin; t <= tickMax + step / 10; t = clean(t + step)) ticks.push(t);
  return ticks;
}

/** An axis's ticks; `integer` for counts, whose axis never shows a fraction (max 1 reads 0, 1, not 0,25). */
export function axisTicks(values: ReadonlyArray<number | null>, integer = false): number[] {
  const ticks = niceTicks(values);
  if (!integer || ticks.every(Number.isInteger)) return ticks;
  const top = Math.max(1, Math.ceil(ticks.at(-1)!));
  return Array.from({ length: top + 1 }, (_, i) => i);
}

/** What Recharts needs to draw exactly these ticks. */
export const rechartsTicks = (ticks: number[]) => ({ ticks, domain: [ticks[0]!, ticks.at(-1)!] as [number, number] });
