// How an explanation's values read (domain/explain.ts): units, hidden cells kept hidden, a missing
// denominator named, the provisional window's end worked out by hand.
import { describe, expect, it } from 'vitest';
import { formatExplained, formatRange, provisionalText } from '@/domain/explain';
import { explanationSchema } from '@/contracts/explain';
import { getMessages } from '@/i18n';

const id = getMessages('id');
const en = getMessages('en');

describe('explanation formatting', () => {
  it('writes each unit as the cards do', () => {
    expect(formatExplained(2185, 'count', 'id', id)).toBe('2.185');
    expect(formatExplained(17675, 'count', 'en', en)).toBe('17,675');
    expect(formatExplained(12.36, 'percent', 'id', id)).toBe('12,4%');
    expect(formatExplained(16800, 'money', 'id', id)).toBe('Rp 16.800');
    expect(formatExplained(4.5, 'days', 'en', en)).toBe('4.5 days');
  });

  it('keeps "<5" and "x" as they are and names a missing estimate', () => {
    expect(formatExplained('<5', 'count', 'id', id)).toBe('<5');
    expect(formatExplained('x', 'percent', 'en', en)).toBe('x');
    expect(formatExplained(null, 'count', 'id', id)).toBe('tidak ada perkiraan');
    expect(formatExplained(null, 'count', 'en', en)).toBe('no estimate');
  });

  it('names the period and until when a provisional month can change', () => {
    expect(formatRange('2026-11', '2026-11', 'id')).toBe('November 2026');
    expect(formatRange('2025-12', '2026-11', 'en')).toBe('December 2025 – November 2026');
    // November 2026 + 3 months ends on 28 February 2027 (not a leap year).
    expect(provisionalText(true, '2026-11', 'en', en)).toBe('Provisional: late payments can still change it until 28 Feb 2027');
    expect(provisionalText(true, '2027-11', 'en', en)).toContain('29 Feb 2028');
    expect(provisionalText(false, '2026-01', 'id', id)).toBe(id.explain.final);
  });

  it('the schema refuses an explanation without its state', () => {
    const ok = {
      indicator: 'coverageRate',
      value: 12.4,
      unit: 'percent',
      numerator: { value: 2185, unit: 'count' },
      denominator: { value: 17675, unit: 'count', year: 2026, source: 'BPS' },
      population: 'region',
      from: '2026-11',
      to: '2026-11',
      asOf: '2026-12-02',
      provisional: true,
      rowsHref: null,
    };
    expect(explanationSchema.safeParse(ok).success).toBe(true);
    const { provisional: _p, ...withoutState } = ok;
    expect(explanationSchema.safeParse(withoutState).success).toBe(false);
    expect(explanationSchema.safeParse({ ...ok, indicator: 'happiness' }).success).toBe(false);
  });
});
