// The pure month helpers. A month is a calendar month in Asia/Jakarta time (UTC+7, no DST): PRODUCT.md.
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  arrearsWindowEnd,
  isProvisional,
  isPeriod,
  latestCompleteMonth,
  monthsBetween,
  periodOfDate,
  periodStart,
} from '@/domain/month';

describe('isPeriod', () => {
  it.each(['2026-10', '2026-01', '2026-12', '2025-09', '1999-01'])('accepts %s', (value) => {
    expect(isPeriod(value)).toBe(true);
  });
  it.each([
    '2026-13', // no month 13
    '2026-00', // no month 0
    '2026-1', // month must have two digits
    '26-10', // year must have four digits
    '2026-10-01', // a date, not a period
    '2026/10',
    ' 2026-10',
    '2026-10 ',
    '',
    'abcd-ef',
  ])('rejects %j', (value) => {
    expect(isPeriod(value)).toBe(false);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01', -1, '2025-12'], // back across the year boundary
    ['2025-12', 1, '2026-01'], // forward across it
    ['2026-10', 0, '2026-10'],
    ['2025-11', 3, '2026-02'], // retention k = 3 of the November cohort
    ['2025-11', 6, '2026-05'], // k = 6
    ['2025-11', 12, '2026-11'], // k = 12
    ['2026-03', -4, '2025-11'], // m-4: the last covered month of a membership ending in m
    ['2026-03', -15, '2024-12'], // more than a year back
    ['2026-01', 24, '2028-01'],
    ['2026-01', -12, '2025-01'],
  ] as const)('addMonths(%s, %i) = %s', (period, n, expected) => {
    expect(addMonths(period, n)).toBe(expected);
  });
});

describe('periodStart and periodOfDate', () => {
  it('gives the first day of a period', () => {
    expect(periodStart('2026-10')).toBe('2026-10-01');
    expect(periodStart('2025-01')).toBe('2025-01-01');
    expect(periodStart('2025-12')).toBe('2025-12-01');
  });
  it('gives the period of a date, by its calendar day (no time zone shift)', () => {
    expect(periodOfDate('2026-10-31')).toBe('2026-10'); // last day stays in its month
    expect(periodOfDate('2026-11-01')).toBe('2026-11'); // first day of the next
    expect(periodOfDate('2025-12-31')).toBe('2025-12');
    expect(periodOfDate('2026-01-01')).toBe('2026-01');
    expect(periodOfDate('2024-02-29')).toBe('2024-02');
  });
});

describe('latestCompleteMonth (Asia/Jakarta = UTC+7)', () => {
  it('turns over at midnight in Jakarta, not in UTC', () => {
    // 2026-10-31T18:00Z = 1 Nov 01:00 WIB: November has begun, so October is complete.
    expect(latestCompleteMonth(new Date('2026-10-31T18:00:00Z'))).toBe('2026-10');
    // 2026-10-31T16:00Z = 31 Oct 23:00 WIB: still October, so September is the latest complete month.
    expect(latestCompleteMonth(new Date('2026-10-31T16:00:00Z'))).toBe('2026-09');
    // exactly midnight WIB on 1 Nov (17:00Z) belongs to November
    expect(latestCompleteMonth(new Date('2026-10-31T17:00:00Z'))).toBe('2026-10');
    // one second earlier is 31 Oct 23:59:59 WIB
    expect(latestCompleteMonth(new Date('2026-10-31T16:59:59Z'))).toBe('2026-09');
  });
  it('crosses the year boundary', () => {
    // 2026-12-31T17:00Z = 1 Jan 2027 00:00 WIB -> December 2026 complete
    expect(latestCompleteMonth(new Date('2026-12-31T17:00:00Z'))).toBe('2026-12');
    // 2026-12-31T16:59:59Z = 31 Dec 2026 23:59:59 WIB -> November 2026
    expect(latestCompleteMonth(new Date('2026-12-31T16:59:59Z'))).toBe('2026-11');
    // mid-January (any zone) -> December of the year before
    expect(latestCompleteMonth(new Date('2027-01-15T00:00:00Z'))).toBe('2026-12');
  });
  it('is a UTC date in Jakarta already on the first: 2027-01-01T00:30Z = 07:30 WIB', () => {
    expect(latestCompleteMonth(new Date('2027-01-01T00:30:00Z'))).toBe('2026-12');
  });
  it('defaults to now and returns a period', () => {
    expect(isPeriod(latestCompleteMonth())).toBe(true);
  });
});

describe('monthsBetween (inclusive)', () => {
  it('lists every month across a year boundary', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
  it('gives one month when from = to', () => {
    expect(monthsBetween('2026-10', '2026-10')).toEqual(['2026-10']);
  });
  it('covers a whole year (13 months from Jan to Jan)', () => {
    const months = monthsBetween('2025-01', '2026-01');
    expect(months).toHaveLength(13);
    expect(months[0]).toBe('2025-01');
    expect(months[12]).toBe('2026-01');
  });
});

describe('provisional months', () => {
  it('ends the arrears window on the last day of m + 3', () => {
    expect(arrearsWindowEnd('2026-10')).toBe('2027-01-31');
    expect(arrearsWindowEnd('2026-11')).toBe('2027-02-28');
    expect(arrearsWindowEnd('2027-11')).toBe('2028-02-29');
  });
  it('is provisional up to and including that day, final after', () => {
    expect(isProvisional('2026-08', '2026-11-30')).toBe(true);
    expect(isProvisional('2026-08', '2026-12-01')).toBe(false);
    expect(isProvisional('2026-11', '2026-12-03')).toBe(true);
    expect(isProvisional('2025-12', '2026-12-03')).toBe(false);
  });
});
