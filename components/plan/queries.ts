import { queryOptions } from '@tanstack/react-query';
import { capacityContract, scenariosContract } from '@/contracts/plan';
import { fetchContract } from '@/components/fetch-json';

/** The planner's parameters as they travel in the URL and to the API. */
export interface CapacityParams {
  period: string;
  region: string;
  target: string;
  by: string;
  embedded: string;
}

export const planKeys = {
  capacity: (p: CapacityParams) => ['plan', 'capacity', p.period, p.region, p.target, p.by, p.embedded] as const,
  scenarios: () => ['plan', 'scenarios'] as const,
};

export function capacityQuery(p: CapacityParams) {
  return queryOptions({
    queryKey: planKeys.capacity(p),
    queryFn: () => fetchContract(capacityContract, { ...p, embedded: p.embedded || undefined }),
  });
}

export function scenariosQuery() {
  return queryOptions({ queryKey: planKeys.scenarios(), queryFn: () => fetchContract(scenariosContract, {}) });
}
