import { describe, expect, it } from 'vitest';
import { formatDate, formatPercent, formatPeriod, formatRupiah, formatShortPeriod, SUPPRESSED } from '@/domain/format';

describe('formats', () => {
  it('writes figures as Indonesians do, and as English readers do', () => {
    expect(formatRupiah(16800)).toBe('Rp 16.800');
    expect(formatRupiah(16800, 'en')).toBe('Rp 16,800');
    expect(formatPercent(12.5)).toBe('12,5%');
    expect(formatPercent(0.0272)).toBe('0,03%');
    expect(formatPercent(0)).toBe('0,0%');
    expect(formatPercent(SUPPRESSED)).toBe('<5');
  });

  it('names months in full, short on chart axes, and dates', () => {
    expect(formatPeriod('2026-08')).toBe('Agustus 2026');
    expect(formatPeriod('2026-08', 'en')).toBe('August 2026');
    expect(formatShortPeriod('2026-08')).toBe('Agu 26');
    expect(formatShortPeriod('2026-10', 'en')).toBe('Oct 26');
    expect(formatShortPeriod('2027-01')).toBe('Jan 27');
    expect(formatDate('2026-11-25')).toBe('25 Nov 2026');
  });
});
