'use client';

import { useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '@/components/i18n-provider';
import { pushSearchParams } from '@/components/url-state';
import type { ClaimsList, ClaimsSummary } from '@/contracts/claims';
import { CLAIM_PARAM_KEYS, claimsListQuery, claimsSummaryQuery, type ClaimParams } from '@/components/claims/queries';
import { ClaimFilters, type FilterChoices, type SetClaimParams } from './claim-filters';
import { ClaimsRegister } from './claims-register';
import { ClaimsSummaryPanels } from './claims-summary';

function useClaimParams(defaults: ClaimParams): ClaimParams {
  const url = useSearchParams();
  const out = { ...defaults };
  for (const key of CLAIM_PARAM_KEYS) {
    const value = url.get(key);
    if (value) out[key] = value;
  }
  return out;
}

const same = (a: ClaimParams, b: ClaimParams) => CLAIM_PARAM_KEYS.every((key) => a[key] === b[key]);

/**
 * The claims area: filters in the URL, the summary and the register fetched through React Query from
 * the v1 API (the server renders the first view). Personal columns appear only when the API sends them.
 */
export function ClaimsView({
  defaults,
  initialParams,
  initialList,
  initialSummary,
  choices,
  personal,
  canExport,
}: {
  defaults: ClaimParams;
  initialParams: ClaimParams;
  /** Null for roles that see aggregates only: they get the summary, not the register's rows. */
  initialList: ClaimsList | null;
  initialSummary: ClaimsSummary;
  choices: FilterChoices;
  personal: boolean;
  canExport: boolean;
}) {
  const { messages } = useI18n();
  const url = useSearchParams();
  const params = useClaimParams(defaults);
  const initial = same(params, initialParams);
  const list = useQuery({ ...claimsListQuery(params), initialData: initial && initialList ? initialList : undefined, enabled: personal });
  const summary = useQuery({ ...claimsSummaryQuery(params), initialData: initial ? initialSummary : undefined });

  const setParams: SetClaimParams = (changes) => {
    const next: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(changes)) next[key] = value ? value : null;
    pushSearchParams(url, next);
  };

  return (
    <>
      <ClaimFilters params={params} choices={choices} personal={personal} setParams={setParams} />
      {summary.error || list.error ? (
        <p role="alert" className="form-error">
          {(summary.error ?? list.error)?.message}
        </p>
      ) : null}
      <ClaimsSummaryPanels params={params} summary={summary.data} isFetching={summary.isFetching} />
      {personal ? (
        <ClaimsRegister params={params} list={list.data} isFetching={list.isFetching} canExport={canExport} setParams={setParams} />
      ) : (
        <p className="note" data-testid="claims-register-hidden">
          {messages.claims.personalHidden}
        </p>
      )}
    </>
  );
}
