import { queryOptions } from '@tanstack/react-query';
import { communitiesContract, coverageContract, trendContract, type CoverageBy } from '@/contracts/coverage';
import type { SummaryMetric } from '@/domain/summary-metrics';
import { contractUrl, fetchContract } from '@/components/fetch-json';

export const coverageKeys = {
  all: ['coverage'] as const,
  one: (region: string, period: string, by: CoverageBy, community?: number) =>
    ['coverage', region, period, by, community ?? null] as const,
  communities: (region: string, period: string, id?: number) => ['communities', region, period, id ?? null] as const,
  trend: (region: string, metric: SummaryMetric, from: string, to: string) => ['trend', region, metric, from, to] as const,
};

const coverageParams = (region: string, period: string, by: CoverageBy, community?: number) => ({
  by,
  period,
  region,
  community: community === undefined ? undefined : String(community),
});

export function coverageUrl(region: string, period: string, by: CoverageBy, format?: 'csv' | 'xlsx', community?: number) {
  return contractUrl(coverageContract, { ...coverageParams(region, period, by, community), format });
}

export function coverageQuery(region: string, period: string, by: CoverageBy, community?: number) {
  return queryOptions({
    queryKey: coverageKeys.one(region, period, by, community),
    queryFn: () => fetchContract(coverageContract, coverageParams(region, period, by, community)),
  });
}

export function communitiesQuery(region: string, period: string, id?: number) {
  return queryOptions({
    queryKey: coverageKeys.communities(region, period, id),
    queryFn: () => fetchContract(communitiesContract, { period, region, id: id === undefined ? undefined : String(id) }),
  });
}

export function trendUrl(region: string, metric: SummaryMetric, from: string, to: string, format?: 'csv' | 'xlsx') {
  return contractUrl(trendContract, { metric, from, to, region, format });
}

export function trendQuery(region: string, metric: SummaryMetric, from: string, to: string) {
  return queryOptions({
    queryKey: coverageKeys.trend(region, metric, from, to),
    queryFn: () => fetchContract(trendContract, { metric, from, to, region }),
  });
}
