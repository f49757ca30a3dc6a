// The master-data forms' rules on hand-made values: dates, the day a replaced rate ends, rates written
// the Indonesian way, and the estimate mark in a workforce source.
import { describe, expect, it } from 'vitest';
import { agentSchema, dayBefore, isEstimateSource, isIsoDate, markEstimate, parseRateValue, workforceSchema } from '@/domain/master-data';

describe('master-data rules', () => {
  it('knows a real calendar date', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('01/02/2027')).toBe(false);
  });

  it('ends a replaced rate the day before, across months, years and leap days', () => {
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
    expect(dayBefore('2026-04-15')).toBe('2026-04-14');
  });

  it('reads rates as written in Indonesia', () => {
    expect(parseRateValue('16.800')).toBe(16800);
    expect(parseRateValue('Rp 20.000.000')).toBe(20_000_000);
    expect(parseRateValue('1,5')).toBe(1.5);
    expect(parseRateValue('1.250,75')).toBe(1250.75);
    expect(parseRateValue('1.5')).toBe(1.5);
    expect(parseRateValue('6800')).toBe(6800);
    expect(parseRateValue('-5')).toBeNull();
    expect(parseRateValue('abc')).toBeNull();
  });

  it('marks and unmarks an estimate in its source text', () => {
    expect(markEstimate('Survei 2026', true)).toBe('Estimate: Survei 2026');
    expect(markEstimate('Estimate: Survei 2026', true)).toBe('Estimate: Survei 2026');
    expect(markEstimate('Perkiraan: Survei 2026', false)).toBe('Survei 2026');
    expect(markEstimate(null, false)).toBeNull();
    expect(isEstimateSource('Estimate: ≈17 % of population informal')).toBe(true);
    expect(isEstimateSource('perkiraan - BPS')).toBe(true);
    expect(isEstimateSource('Pendataan desa 2028')).toBe(false);
  });

  it('takes workers with thousand dots and refuses an end before the start', () => {
    const workforce = workforceSchema.parse({ regionCode: '33.02.14.2001', year: '2028', occupationCode: '', informalWorkers: '1.234', source: ' ', estimate: 'on' });
    expect(workforce).toEqual({ regionCode: '33.02.14.2001', year: 2028, occupationCode: null, informalWorkers: 1234, source: null, estimate: true });
    const base = { code: 'PRS-1', name: 'Agen', villageCode: '33.02.14.2001', supervisorId: '', phone: '', activeFrom: '2026-05-01' };
    expect(agentSchema.safeParse({ ...base, activeTo: '2026-05-01' }).success).toBe(true);
    expect(agentSchema.safeParse({ ...base, activeTo: '2026-04-30' }).error?.issues.map((i) => i.message)).toEqual(['activeToBeforeFrom']);
    expect(agentSchema.parse({ ...base, activeTo: '', communityIds: ['3', '3', '7'] }).communityIds).toEqual([3, 7]);
  });
});
