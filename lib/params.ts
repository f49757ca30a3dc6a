import { AppError } from '@/lib/errors';
import { isPeriod, latestCompleteMonth } from '@/lib/indicators/month';
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
