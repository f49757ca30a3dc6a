import { describe, expect, it } from 'vitest';
import { REFERENCE_RATES } from '@/db/reference/shipped';
import { contributionFor, contributionForMonths, type RateLike } from '@/domain/rates';

const total = (c: { jkk: number; jkm: number }) => c.jkk + c.jkm;

describe('contributionFor (BPU JKK + JKM from the dated rate rows)', () => {
  it('charges 1 % of income for JKK and a flat Rp 6.800 for JKM before the 2026 discount', () => {
    expect(contributionFor(1_000_000, '2025-05', false, REFERENCE_RATES)).toEqual({ jkk: 10_000, jkm: 6_800 });
    expect(total(contributionFor(1_000_000, '2025-05', true, REFERENCE_RATES))).toBe(16_800);
    expect(contributionFor(2_000_000, '2025-05', false, REFERENCE_RATES)).toEqual({ jkk: 20_000, jkm: 6_800 });
  });

  it('halves both for non-transport members in Apr–Dec 2026 (PP 50/2025)', () => {
    expect(contributionFor(1_000_000, '2026-05', false, REFERENCE_RATES)).toEqual({ jkk: 5_000, jkm: 3_400 });
    expect(total(contributionFor(1_000_000, '2026-04', false, REFERENCE_RATES))).toBe(8_400);
    expect(total(contributionFor(1_000_000, '2026-12', false, REFERENCE_RATES))).toBe(8_400);
    expect(total(contributionFor(1_000_000, '2026-03', false, REFERENCE_RATES))).toBe(16_800);
    expect(total(contributionFor(1_000_000, '2027-01', false, REFERENCE_RATES))).toBe(16_800);
  });

  it('halves both for transport members from Jan 2026 to Mar 2027', () => {
    expect(total(contributionFor(1_000_000, '2025-12', true, REFERENCE_RATES))).toBe(16_800);
    expect(total(contributionFor(1_000_000, '2026-01', true, REFERENCE_RATES))).toBe(8_400);
    // February 2026: transport discounted, non-transport not yet
    expect(total(contributionFor(1_000_000, '2026-02', true, REFERENCE_RATES))).toBe(8_400);
    expect(total(contributionFor(1_000_000, '2026-02', false, REFERENCE_RATES))).toBe(16_800);
    expect(total(contributionFor(1_000_000, '2027-02', true, REFERENCE_RATES))).toBe(8_400);
    expect(total(contributionFor(1_000_000, '2027-03', true, REFERENCE_RATES))).toBe(8_400);
    expect(total(contributionFor(1_000_000, '2027-04', true, REFERENCE_RATES))).toBe(16_800);
    expect(total(contributionFor(1_000_000, '2027-04', false, REFERENCE_RATES))).toBe(16_800);
  });

  it('discounts a higher income band proportionally and rounds to whole Rupiah', () => {
    expect(contributionFor(2_000_000, '2026-06', false, REFERENCE_RATES)).toEqual({ jkk: 10_000, jkm: 3_400 });
    expect(contributionFor(1_234_567, '2025-01', false, REFERENCE_RATES)).toEqual({ jkk: 12_346, jkm: 6_800 });
    expect(contributionFor(1_234_567, '2026-06', false, REFERENCE_RATES)).toEqual({ jkk: 6_173, jkm: 3_400 });
  });

  it('holds the income within the Rp 1.000.000 – Rp 20.700.000 bands', () => {
    expect(contributionFor(30_000_000, '2025-01', false, REFERENCE_RATES).jkk).toBe(207_000);
    expect(contributionFor(500_000, '2025-01', false, REFERENCE_RATES).jkk).toBe(10_000);
  });

  it('reads rate rows as the database returns them (numeric values as strings)', () => {
    const fromDb: RateLike[] = REFERENCE_RATES.map((r) => ({
      key: r.key,
      value: r.value.toFixed(4),
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo,
    }));
    expect(contributionFor(1_000_000, '2026-05', false, fromDb)).toEqual({ jkk: 5_000, jkm: 3_400 });
  });

  it('follows a changed rate from its effective date', () => {
    const rates: RateLike[] = [
      ...REFERENCE_RATES,
      { key: 'jkm_flat', value: 8_000, effectiveFrom: '2028-01-01', effectiveTo: null },
    ];
    expect(contributionFor(1_000_000, '2027-12', false, rates).jkm).toBe(6_800);
    expect(contributionFor(1_000_000, '2028-01', false, rates).jkm).toBe(8_000);
  });

  it('sums consecutive months for a payment covering several', () => {
    // Mar–May 2026, non-transport: 16.800 + 8.400 + 8.400
    expect(total(contributionForMonths(1_000_000, '2026-03', 3, false, REFERENCE_RATES))).toBe(33_600);
    // Nov 2026 – Oct 2027 (12 months), transport: 5 discounted months (Nov–Mar) and 7 full
    expect(total(contributionForMonths(1_000_000, '2026-11', 12, true, REFERENCE_RATES))).toBe(5 * 8_400 + 7 * 16_800);
  });

  it('rejects a month that is not YYYY-MM', () => {
    expect(() => contributionFor(1_000_000, '2026-5', false, REFERENCE_RATES)).toThrow();
  });
});
