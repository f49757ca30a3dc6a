import { queryOptions } from '@tanstack/react-query';
import type { ClaimListRow, ClaimsSummary } from '@/contracts/claims';
import { fetchJson } from '@/components/fetch-json';

/** The register's and the summary's filters, as they stand in the URL and in the v1 API. */
export interface ClaimParams {
  program: string;
  status: string;
  region: string;
  community: string;
  agent: string;
  from: string;
  to: string;
  sort: string;
  dir: string;
  page: string;
}

export const CLAIM_PARAM_KEYS: readonly (keyof ClaimParams)[] = [
  'program',
  'status',
  'region',
  'community',
  'agent',
  'from',
  'to',
  'sort',
  'dir',
  'page',
];

export interface ClaimsListResponse {
  rows: ClaimListRow[];
  total: number;
  page: number;
  pageSize: number;
  from: string;
  to: string;
}

function search(params: Partial<ClaimParams>, keys: readonly (keyof ClaimParams)[], extra: Record<string, string> = {}) {
  const out = new URLSearchParams();
  for (const key of keys) {
    const value = params[key];
    if (value) out.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) out.set(key, value);
  return out.toString();
}

export function claimsUrl(params: Partial<ClaimParams>, format?: 'csv' | 'xlsx') {
  return `/api/v1/claims?${search(params, CLAIM_PARAM_KEYS, format ? { format } : {})}`;
}

export function claimsSummaryUrl(params: Partial<ClaimParams>) {
  return `/api/v1/claims/summary?${search(params, ['program', 'region', 'from', 'to'])}`;
}

export function claimsListQuery(params: Partial<ClaimParams>) {
  return queryOptions({
    queryKey: ['claims', 'list', search(params, CLAIM_PARAM_KEYS)] as const,
    queryFn: () => fetchJson<ClaimsListResponse>(claimsUrl(params)),
  });
}

export function claimsSummaryQuery(params: Partial<ClaimParams>) {
  return queryOptions({
    queryKey: ['claims', 'summary', search(params, ['program', 'region', 'from', 'to'])] as const,
    queryFn: () => fetchJson<ClaimsSummary>(claimsSummaryUrl(params)),
  });
}
