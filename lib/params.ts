import { AppError } from '@/lib/errors';
import { isPeriod, latestCompleteMonth } from '@/lib/indicators/month';

/** `period` from a query string: YYYY-MM, defaulting to the latest complete month. */
export function parsePeriodParam(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return latestCompleteMonth();
  if (!isPeriod(value)) throw new AppError('bad_period', 400, 'badPeriod', { value: value.slice(0, 20) });
  return value;
}
