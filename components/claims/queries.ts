import { queryOptions } from '@tanstack/react-query';
import { claimsContract, claimsSummaryContract } from '@/contracts/claims';
import { toSearch } from '@/contracts/params';
import { contractUrl, fetchContract } from '@/components/fetch-json';

/** The register's and the summary's filters, as they stand in the URL and in the v1 API. */
export type ClaimParams = {
  program: string;
  status: string;
  region: string;
  community: string;
  agent: string;
  /** `paid`: from..to reads the payment date (the claims behind the payouts); empty: the submission date. */
  basis: string;
  from: string;
  to: string;
  sort: string;
  dir: string;
  page: string;
};

export const CLAIM_PARAM_KEYS: readonly (keyof ClaimParams)[] = [
  'program',
  'status',
  'region',
  'community',
  'agent',
  'basis',
  'from',
  'to',
  'sort',
  'dir',
  'page',
];

function pick(params: Partial<ClaimParams>, keys: readonly (keyof ClaimParams)[]): Partial<ClaimParams> {
  const out: Partial<ClaimParams> = {};
  for (const key of keys) if (params[key]) out[key] = params[key];
  return out;
}

const SUMMARY_KEYS = ['program', 'region', 'from', 'to'] as const satisfies readonly (keyof ClaimParams)[];

export function claimsUrl(params: Partial<ClaimParams>, format?: 'csv' | 'xlsx') {
  return contractUrl(claimsContract, { ...pick(params, CLAIM_PARAM_KEYS), format });
}

export function claimsSummaryUrl(params: Partial<ClaimParams>) {
  return contractUrl(claimsSummaryContract, pick(params, SUMMARY_KEYS));
}

export function claimsListQuery(params: Partial<ClaimParams>) {
  const chosen = pick(params, CLAIM_PARAM_KEYS);
  return queryOptions({
    queryKey: ['claims', 'list', toSearch(chosen)] as const,
    queryFn: () => fetchContract(claimsContract, chosen),
  });
}

export function claimsSummaryQuery(params: Partial<ClaimParams>) {
  const chosen = pick(params, SUMMARY_KEYS);
  return queryOptions({
    queryKey: ['claims', 'summary', toSearch(chosen)] as const,
    queryFn: () => fetchContract(claimsSummaryContract, { ...chosen, explain: '1' }),
  });
}
