import { queryOptions } from '@tanstack/react-query';
import type { AgentDetail, AgentListView } from '@/contracts/agents';
import { fetchJson } from '@/components/fetch-json';

/** The table's filters as they travel in the URL and to the API (ids and codes as strings). */
export interface AgentFilterParams {
  supervisor?: string;
  village?: string;
  community?: string;
}

export const AGENT_FILTER_KEYS = ['supervisor', 'village', 'community'] as const;

export const agentKeys = {
  list: (period: string, filters: AgentFilterParams) =>
    ['agents', period, filters.supervisor ?? null, filters.village ?? null, filters.community ?? null] as const,
  one: (code: string, period: string) => ['agent', code, period] as const,
};

export function agentsSearch(period: string, filters: AgentFilterParams): URLSearchParams {
  const params = new URLSearchParams({ period });
  for (const key of AGENT_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function agentsQuery(period: string, filters: AgentFilterParams) {
  return queryOptions({
    queryKey: agentKeys.list(period, filters),
    queryFn: () => fetchJson<AgentListView>(`/api/v1/agents?${agentsSearch(period, filters).toString()}`),
  });
}

export function agentQuery(code: string, period: string) {
  return queryOptions({
    queryKey: agentKeys.one(code, period),
    queryFn: () =>
      fetchJson<AgentDetail & { period: string }>(`/api/v1/agents/${encodeURIComponent(code)}?period=${period}`),
  });
}
