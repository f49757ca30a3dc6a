// BPJS's rate rules (PRODUCT.md, domain-facts.md): which rate is in force on a day, and the monthly
// contribution of an informal (BPU) member. Pure: the rates come from the database or the seed.

/** The fields of a rate row `contributionFor` needs (a `reference_rates` row from the database fits). */
export interface RateLike {
  key: string;
  value: number | string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** The value of `key` in force on `day` (YYYY-MM-DD), the latest effectiveFrom winning; undefined if none. */
export function rateOn(rates: readonly RateLike[], key: string, day: string): number | undefined {
  let best: RateLike | undefined;
  for (const r of rates) {
    if (r.key !== key || r.effectiveFrom > day) continue;
    if (r.effectiveTo !== null && r.effectiveTo < day) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom) best = r;
  }
  return best === undefined ? undefined : Number(best.value);
}

/**
 * The JKK and JKM contribution for one month of a BPU member, whole Rupiah, from the rate rows:
 * JKK = `jkk_rate` % of the declared income (held within `min_declared_income`..`max_declared_income`
 * when those rows exist), JKM = `jkm_flat`; both reduced by the sector's PP 50/2025 discount
 * (`discount_transport` / `discount_non_transport`) when the month falls in its window. Each amount is
 * rounded to whole Rupiah. Pure: no database.
 */
export function contributionFor(
  declaredIncome: number,
  month: string /* 'YYYY-MM' */,
  isTransport: boolean,
  rates: readonly RateLike[],
): { jkk: number; jkm: number } {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`contributionFor: month must be YYYY-MM, got ${month}`);
  const day = `${month}-01`;
  const jkkRate = rateOn(rates, 'jkk_rate', day);
  const jkmFlat = rateOn(rates, 'jkm_flat', day);
  if (jkkRate === undefined || jkmFlat === undefined) {
    throw new Error(`contributionFor: no jkk_rate / jkm_flat in force for ${month}`);
  }
  let income = declaredIncome;
  const min = rateOn(rates, 'min_declared_income', day);
  const max = rateOn(rates, 'max_declared_income', day);
  if (min !== undefined && income < min) income = min;
  if (max !== undefined && income > max) income = max;
  const discount = rateOn(rates, isTransport ? 'discount_transport' : 'discount_non_transport', day) ?? 0;
  const factor = 1 - discount / 100;
  return {
    jkk: Math.round(((income * jkkRate) / 100) * factor),
    jkm: Math.round(jkmFlat * factor),
  };
}

/** Sum of `contributionFor` over `monthsCount` consecutive months from `firstMonth` (YYYY-MM). */
export function contributionForMonths(
  declaredIncome: number,
  firstMonth: string,
  monthsCount: number,
  isTransport: boolean,
  rates: readonly RateLike[],
): { jkk: number; jkm: number } {
  let jkk = 0;
  let jkm = 0;
  let [y, m] = firstMonth.split('-').map(Number) as [number, number];
  for (let i = 0; i < monthsCount; i++) {
    const c = contributionFor(declaredIncome, `${y}-${String(m).padStart(2, '0')}`, isTransport, rates);
    jkk += c.jkk;
    jkm += c.jkm;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return { jkk, jkm };
}
