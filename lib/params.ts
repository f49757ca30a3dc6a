import { AppError } from '@/lib/errors';
import { addMonths, isPeriod, latestCompleteMonth, monthsBetween } from '@/lib/indicators/month';
import { DEFAULT_MAP_METRIC, isMapMetric, MAP_METRICS, type MapMetric } from '@/lib/map-metrics';

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
