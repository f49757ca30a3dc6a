import { queryOptions } from '@tanstack/react-query';
import { summaryContract } from '@/contracts/summary';
import { fetchContract } from '@/components/fetch-json';

export const summaryKeys = {
  all: ['summary'] as const,
  one: (region: string, period: string) => ['summary', region, period] as const,
};

/** The month's summary with the previous month and the same month last year (`compare=1`) and each card's explanation. */
export function summaryQuery(region: string, period: string) {
  return queryOptions({
    queryKey: summaryKeys.one(region, period),
    queryFn: () => fetchContract(summaryContract, { region, period, compare: '1', explain: '1' }),
  });
}
