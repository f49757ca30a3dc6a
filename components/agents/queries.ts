import { queryOptions } from '@tanstack/react-query';
import { agentContract, agentsContract, type AGENT_FILTER_KEYS } from '@/contracts/agents';
import { fetchContract } from '@/components/fetch-json';

export { AGENT_FILTER_KEYS } from '@/contracts/agents';

/** The table's filters as they travel in the URL and to the API (ids and codes as strings). */
export type AgentFilterParams = Partial<Record<(typeof AGENT_FILTER_KEYS)[number], string>>;

export const agentKeys = {
  list: (period: string, filters: AgentFilterParams) =>
    ['agents', period, filters.supervisor ?? null, filters.village ?? null, filters.community ?? null] as const,
  one: (code: string, period: string) => ['agent', code, period] as const,
};

export function agentsQuery(period: string, filters: AgentFilterParams) {
  return queryOptions({
    queryKey: agentKeys.list(period, filters),
    queryFn: () => fetchContract(agentsContract, { period, ...filters, explain: '1' }),
  });
}

export function agentQuery(code: string, period: string) {
  return queryOptions({
    queryKey: agentKeys.one(code, period),
    queryFn: () => fetchContract(agentContract, { period }, `${agentContract.path}/${encodeURIComponent(code)}`),
  });
}
