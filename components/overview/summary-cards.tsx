'use client';

import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { StatCard } from '@/components/ui/stat-card';
import { useI18n } from '@/components/i18n-provider';
import type { SummaryView } from '@/db/queries/summary';
import { formatNumber, formatPercent, formatPeriod, formatRupiah } from '@/lib/format';
import { interpolate } from '@/lib/i18n';
import { isPeriod } from '@/lib/indicators/month';
import { summaryQuery } from '@/lib/queries/summary';

/** The district's headline indicators for the month in the URL, refetched when the month changes. */
export function SummaryCards({ initial, suppressed }: { initial: SummaryView; suppressed: boolean }) {
  const { locale, messages } = useI18n();
  const t = messages.overview;
  const requested = useSearchParams().get('period');
  const period = requested && isPeriod(requested) ? requested : initial.period;
  const { data, isFetching, error } = useQuery({
    ...summaryQuery(initial.region, period),
    initialData: period === initial.period ? initial : undefined,
  });
  const summary = data ?? initial;

  return (
    <>
      <p className="page-subtitle" data-testid="summary-subtitle">
        {interpolate(t.subtitle, { region: summary.regionName, period: formatPeriod(summary.period, locale) })}
      </p>
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
      <div className="stat-grid" aria-busy={isFetching} aria-live="polite">
        <StatCard
          label={t.activeMembers}
          value={formatNumber(summary.activeMembers, locale)}
          help={t.activeMembersHelp}
        />
        <StatCard
          label={t.coverageRate}
          value={formatPercent(summary.coverageRate, locale)}
          help={interpolate(t.coverageRateHelp, { workforce: formatNumber(summary.informalWorkforce, locale) })}
        />
        <StatCard label={t.newEnrolments} value={formatNumber(summary.newEnrolments, locale)} help={t.newEnrolmentsHelp} />
        <StatCard label={t.lapsedMembers} value={formatNumber(summary.lapsedMembers, locale)} help={t.lapsedMembersHelp} />
        <StatCard label={t.lapseRate} value={formatPercent(summary.lapseRate, locale)} help={t.lapseRateHelp} />
        <StatCard
          label={t.reactivatedMembers}
          value={formatNumber(summary.reactivatedMembers, locale)}
          help={t.reactivatedMembersHelp}
        />
        <StatCard label={t.endedMembers} value={formatNumber(summary.endedMembers, locale)} help={t.endedMembersHelp} />
        <StatCard
          label={t.contributionsCollected}
          value={formatRupiah(summary.contributionsCollected, locale)}
          help={t.contributionsCollectedHelp}
        />
        <StatCard
          label={t.claimsPaid}
          value={formatRupiah(summary.claimsPaidAmount, locale)}
          help={interpolate(t.claimsPaidHelp, { count: formatNumber(summary.claimsPaidCount, locale) })}
        />
      </div>
      {suppressed ? <p className="note">{t.suppressedNote}</p> : null}
    </>
  );
}
