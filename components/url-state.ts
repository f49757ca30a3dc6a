'use client';

import { useSearchParams } from 'next/navigation';
import { isPeriod, TREND_RANGES } from '@/domain/month';

/** Sets search parameters without a navigation: the client islands refetch through React Query. */
export function pushSearchParams(current: URLSearchParams, changes: Record<string, string | null>) {
  const search = new URLSearchParams(current.toString());
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) search.delete(key);
    else search.set(key, value);
  }
  window.history.pushState(null, '', `?${search.toString()}`);
}

/** The period in the URL, or the one the server rendered. */
export function usePeriod(fallback: string): string {
  const requested = useSearchParams().get('period');
  return requested && isPeriod(requested) ? requested : fallback;
}

/** The trend range in months (`?range=12|24|36`). */
export function useRange(fallback: number): number {
  const requested = Number(useSearchParams().get('range'));
  return (TREND_RANGES as readonly number[]).includes(requested) ? requested : fallback;
}
