import { queryOptions } from '@tanstack/react-query';
import type { CommunityListRow, CoverageBy, CoverageRow, TrendView } from '@/contracts/coverage';
import type { SummaryMetric } from '@/domain/summary-metrics';
import { fetchJson } from '@/components/fetch-json';

export interface CoverageResponse {
  rows: CoverageRow[];
  period: string;
  region: string;
  by: CoverageBy;
}

export const coverageKeys = {
  all: ['coverage'] as const,
  one: (region: string, period: string, by: CoverageBy, community?: number) =>
    ['coverage', region, period, by, community ?? null] as const,
  communities: (region: string, period: string, id?: number) => ['communities', region, period, id ?? null] as const,
  trend: (region: string, metric: SummaryMetric, from: string, to: string) => ['trend', region, metric, from, to] as const,
};

export function coverageUrl(region: string, period: string, by: CoverageBy, format?: 'csv' | 'xlsx', community?: number) {
  const params = new URLSearchParams({ by, period, region });
  if (community !== undefined) params.set('community', String(community));
  if (format) params.set('format', format);
  return `/api/v1/coverage?${params.toString()}`;
}

export function coverageQuery(region: string, period: string, by: CoverageBy, community?: number) {
  return queryOptions({
    queryKey: coverageKeys.one(region, period, by, community),
    queryFn: () => fetchJson<CoverageResponse>(coverageUrl(region, period, by, undefined, community)),
  });
}

export function communitiesQuery(region: string, period: string, id?: number) {
  const params = new URLSearchParams({ period, region });
  if (id !== undefined) params.set('id', String(id));
  return queryOptions({
    queryKey: coverageKeys.communities(region, period, id),
    queryFn: () => fetchJson<{ rows: CommunityListRow[] }>(`/api/v1/communities?${params.toString()}`),
  });
}

export function trendUrl(region: string, metric: SummaryMetric, from: string, to: string, format?: 'csv' | 'xlsx') {
  const params = new URLSearchParams({ metric, from, to, region });
  if (format) params.set('format', format);
  return `/api/v1/trend?${params.toString()}`;
}

export function trendQuery(region: string, metric: SummaryMetric, from: string, to: string) {
  return queryOptions({
    queryKey: coverageKeys.trend(region, metric, from, to),
    queryFn: () => fetchJson<TrendView>(trendUrl(region, metric, from, to)),
  });
}
