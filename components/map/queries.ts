import { queryOptions } from '@tanstack/react-query';
import { mapContract } from '@/contracts/map';
import type { MapMetric } from '@/domain/map-metrics';
import { fetchContract } from '@/components/fetch-json';

export const mapKeys = {
  all: ['map'] as const,
  one: (region: string, period: string, metric: MapMetric) => ['map', region, period, metric] as const,
};

export function mapQuery(region: string, period: string, metric: MapMetric) {
  return queryOptions({
    queryKey: mapKeys.one(region, period, metric),
    queryFn: () => fetchContract(mapContract, { region, period, metric }),
  });
}
