// The indicators a map can colour the villages by (PRODUCT.md summary fields, plus the uncovered
// workers: the informal workforce less the active members). Shared by the API, the page and the tests.

import type { Indicator } from '@/domain/definitions';

export const MAP_METRICS = [
  'coverageRate',
  'activeMembers',
  'uncoveredWorkers',
  'lapseRate',
  'newEnrolments',
  'claimsPaidCount',
  'claimsPaidAmount',
] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

export const DEFAULT_MAP_METRIC: MapMetric = 'coverageRate';

/** How a metric's value is written: a percentage, a count of persons or claims, or Rupiah. */
export const MAP_METRIC_KIND: Record<MapMetric, 'percent' | 'count' | 'rupiah'> = {
  coverageRate: 'percent',
  activeMembers: 'count',
  uncoveredWorkers: 'count',
  lapseRate: 'percent',
  newEnrolments: 'count',
  claimsPaidCount: 'count',
  claimsPaidAmount: 'rupiah',
};

export function isMapMetric(value: unknown): value is MapMetric {
  return typeof value === 'string' && (MAP_METRICS as readonly string[]).includes(value);
}

/** The catalogue's indicator each metric shows (domain/definitions.ts); uncovered workers come from the coverage rate's parts. */
export const MAP_METRIC_INDICATOR = {
  coverageRate: 'coverageRate',
  activeMembers: 'activeMembers',
  uncoveredWorkers: 'coverageRate',
  lapseRate: 'lapseRate',
  newEnrolments: 'newEnrolments',
  claimsPaidCount: 'claimsPaid',
  claimsPaidAmount: 'claimsPaid',
} as const satisfies Record<MapMetric, Indicator>;
