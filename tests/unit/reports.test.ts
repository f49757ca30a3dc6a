// The monthly report's calendar rules (domain/reports.ts), worked out by hand.
import { describe, expect, it } from 'vitest';
import { dueMonth, isProvisional, provisionalUntil, retryDelayMinutes } from '@/domain/reports';

describe('dueMonth', () => {
  it('is the previous month from the send day on, in Asia/Jakarta time', () => {
    // 2026-03-05 00:00 in Jakarta (UTC+7) is 2026-03-04 17:00 UTC.
    expect(dueMonth(new Date('2026-03-04T17:00:00Z'), 5)).toBe('2026-02');
    // A second earlier it is still the 4th in Jakarta: January's report is the one due.
    expect(dueMonth(new Date('2026-03-04T16:59:59Z'), 5)).toBe('2026-01');
    expect(dueMonth(new Date('2026-01-01T00:00:00Z'), 1)).toBe('2025-12');
    expect(dueMonth(new Date('2026-01-27T00:00:00Z'), 28)).toBe('2025-11');
  });
});

describe('provisional months', () => {
  it('last until the end of the third month after', () => {
    expect(provisionalUntil('2026-10')).toBe('2027-01-31');
    expect(provisionalUntil('2026-11')).toBe('2027-02-28');
    expect(provisionalUntil('2027-11')).toBe('2028-02-29'); // leap year
    expect(isProvisional('2026-10', '2027-01-31')).toBe(true);
    expect(isProvisional('2026-10', '2027-02-01')).toBe(false);
    expect(isProvisional('2026-10', null)).toBe(true);
  });
});

describe('retryDelayMinutes', () => {
  it('doubles from 15 minutes and stops at a day', () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMinutes)).toEqual([15, 30, 60, 120, 240]);
    expect(retryDelayMinutes(20)).toBe(24 * 60);
  });
});
