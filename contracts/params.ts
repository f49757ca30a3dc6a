import { CLAIM_STATUSES, PROGRAMS, type ClaimStatus, type Program } from '@/domain/enums';
import { CLAIM_SORTS, type ClaimSort } from '@/domain/claims';
import { AppError } from '@/domain/errors';
import { addMonths, isPeriod, latestCompleteMonth, monthsBetween } from '@/domain/month';
import { DEFAULT_MAP_METRIC, isMapMetric, MAP_METRICS, type MapMetric } from '@/domain/map-metrics';

/** `period` from a query string: YYYY-MM, defaulting to the latest complete month. */
export function parsePeriodParam(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return latestCompleteMonth();
  if (!isPeriod(value)) throw new AppError('bad_period', 400, 'badPeriod', { value: value.slice(0, 20) });
  return value;
}

/** `metric` of the map: one of MAP_METRICS, defaulting to the coverage rate. */
export function parseMapMetricParam(value: string | null | undefined): MapMetric {
  if (value === null || value === undefined || value === '') return DEFAULT_MAP_METRIC;
  if (!isMapMetric(value)) {
    throw new AppError('bad_metric', 400, 'badMetric', { value: value.slice(0, 40), allowed: MAP_METRICS.join(', ') });
  }
  return value;
}

/** Longest trend a request may ask for: ten years of months. */
export const MAX_TREND_MONTHS = 120;

/** `from` and `to` of a trend: YYYY-MM each, from ≤ to; default the 12 months up to `to`. */
export function parseRangeParams(fromValue: string | null, toValue: string | null): { from: string; to: string } {
  const to = parsePeriodParam(toValue);
  const from = fromValue ? parsePeriodParam(fromValue) : addMonths(to, -11);
  if (from > to || monthsBetween(from, to).length > MAX_TREND_MONTHS) {
    throw new AppError('bad_range', 400, 'badRange', { value: `${from}..${to}` });
  }
  return { from, to };
}

/** `program` of the claims API: JKK or JKM, or none (both). */
export function parseProgramParam(value: string | null | undefined): Program | null {
  if (!value) return null;
  if (!(PROGRAMS as readonly string[]).includes(value)) {
    throw new AppError('bad_program', 400, 'badProgram', { value: value.slice(0, 20) });
  }
  return value as Program;
}

/** `status` of the claims register: one of the claim statuses (English codes), or none. */
export function parseClaimStatusParam(value: string | null | undefined): ClaimStatus | null {
  if (!value) return null;
  if (!(CLAIM_STATUSES as readonly string[]).includes(value)) {
    throw new AppError('bad_status', 400, 'badStatus', { value: value.slice(0, 20) });
  }
  return value as ClaimStatus;
}

/**
 * `from` and `to` of the claims API: YYYY-MM each, both defaulting to the latest complete month (a
 * missing `from` is `to`), from ≤ to, at most ten years.
 */
export function parseClaimRangeParams(fromValue: string | null, toValue: string | null): { from: string; to: string } {
  const to = toValue ? parsePeriodParam(toValue) : fromValue ? parsePeriodParam(fromValue) : latestCompleteMonth();
  const from = fromValue ? parsePeriodParam(fromValue) : to;
  if (from > to || monthsBetween(from, to).length > MAX_TREND_MONTHS) {
    throw new AppError('bad_range', 400, 'badRange', { value: `${from}..${to}` });
  }
  return { from, to };
}

/** `page`: a whole number from 1 (default 1). */
export function parsePageParam(value: string | null | undefined): number {
  if (!value) return 1;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw new AppError('bad_page', 400, 'badPage', { value: value.slice(0, 20) });
  return Number(value);
}

/** `sort` of the claims register and its direction (`dir=asc|desc`, default descending). */
export function parseClaimSortParams(sort: string | null, dir: string | null): { sort: ClaimSort; direction: 'asc' | 'desc' } {
  const key = sort || 'submittedOn';
  if (!(CLAIM_SORTS as readonly string[]).includes(key)) {
    throw new AppError('bad_sort', 400, 'badSort', { value: key.slice(0, 20), allowed: CLAIM_SORTS.join(', ') });
  }
  return { sort: key as ClaimSort, direction: dir === 'asc' ? 'asc' : 'desc' };
}
