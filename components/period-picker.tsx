'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { addMonths, isPeriod } from '@/domain/month';
import { useI18n } from './i18n-provider';

/**
 * The month shown, kept in the URL (`?period=YYYY-MM`) so a link can be shared. Changing it updates the
 * URL without a navigation; the page's client islands refetch through React Query.
 */
export function PeriodPicker({
  defaultPeriod,
  max,
  navigate = false,
}: {
  defaultPeriod: string;
  max: string;
  /** For server-rendered pages without client islands: load the page for the new month. */
  navigate?: boolean;
}) {
  const { messages } = useI18n();
  const router = useRouter();
  const params = useSearchParams();
  const requested = params.get('period');
  const period = requested && isPeriod(requested) ? requested : defaultPeriod;

  const setPeriod = (next: string) => {
    if (!isPeriod(next) || next > max) return;
    const search = new URLSearchParams(params.toString());
    search.set('period', next);
    if (navigate) router.push(`?${search.toString()}`);
    else window.history.pushState(null, '', `?${search.toString()}`);
  };

  return (
    <div className="period-picker">
      <label htmlFor="period-input">{messages.period.label}</label>
      <button type="button" aria-label={messages.period.previous} onClick={() => setPeriod(addMonths(period, -1))}>
        ‹
      </button>
      <input
        id="period-input"
        type="month"
        value={period}
        max={max}
        onChange={(event) => setPeriod(event.target.value)}
      />
      <button
        type="button"
        aria-label={messages.period.next}
        disabled={period >= max}
        onClick={() => setPeriod(addMonths(period, 1))}
      >
        ›
      </button>
    </div>
  );
}
