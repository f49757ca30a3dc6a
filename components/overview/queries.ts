import { queryOptions } from '@tanstack/react-query';
import { summaryContract } from '@/contracts/summary';
import { fetchContract } from '@/components/fetch-json';

export const summaryKeys = {
  all: ['summary'] as const,
  one: (region: string, period: string) => ['summary', region, period] as const,
  nowcast: (region: string, period: string) => ['summary', region, period, 'nowcast'] as const,
};

/** The month's summary with the previous month and the same month last year (`compare=1`) and each card's explanation. */
export function summaryQuery(region: string, period: string) {
  return queryOptions({
    queryKey: summaryKeys.one(region, period),
    queryFn: () => fetchContract(summaryContract, { region, period, compare: '1', explain: '1' }),
  });
}

/**
 * A provisional month's expected final values (`nowcast=1`): read from every member's payment days, so
 * fetched after the page has shown the observed figures rather than holding up its first view.
 */
export function nowcastQuery(region: string, period: string) {
  return queryOptions({
    queryKey: summaryKeys.nowcast(region, period),
    queryFn: async () => (await fetchContract(summaryContract, { region, period, nowcast: '1' })).nowcast,
    staleTime: 5 * 60_000,
  });
}
