'use client';

import { useQuery } from '@tanstack/react-query';
import { StatCard } from '@/components/ui/stat-card';
import { useI18n } from '@/components/i18n-provider';
import { usePeriod } from '@/components/url-state';
import type { FigureSet, NowcastView } from '@/contracts/figures';
import type { SummaryView } from '@/contracts/summary';
import { formatChange, formatDate, formatNumber, formatPercent, formatPeriod, formatRupiah, type Figure, type FigureKind } from '@/domain/format';
import { interpolate, type Locale, type Messages } from '@/i18n';
import { nowcastQuery, summaryQuery } from '@/components/overview/queries';
import { coverageNoteText } from '@/domain/data-gaps';
import { Explain } from '@/components/explain/explain';
import type { Indicator } from '@/domain/definitions';

/** Each card's indicator, for its definition while the month's explanations are not loaded. */
const INDICATOR_OF: Record<keyof NonNullable<SummaryView['explanations']>, Indicator> = {
  activeMembers: 'activeMembers',
  coverageRate: 'coverageRate',
  newEnrolments: 'newEnrolments',
  lapsedMembers: 'lapsedMembers',
  lapseRate: 'lapseRate',
  reactivatedMembers: 'reactivatedMembers',
  contributionsCollected: 'contributionsCollected',
  claimsPaidAmount: 'claimsPaid',
};


/** The change of a figure against another month, unless either is unknown or suppressed. */
function changesOf(
  key: Exclude<keyof FigureSet, 'coverageNote'>,
  kind: FigureKind,
  summary: SummaryView,
  locale: Locale,
  messages: Messages,
  better: 'up' | 'down',
) {
  const now = summary[key];
  const out: Array<{ text: string; direction: 'up' | 'down' | 'flat'; tone: 'good' | 'bad' | 'neutral' }> = [];
  const compare = (other: SummaryView['previousMonth'], template: string) => {
    const then: Figure | null | undefined = other?.[key];
    if (typeof now !== 'number' || typeof then !== 'number' || !other) return;
    const delta = now - then;
    const direction = Math.abs(delta) < 1e-9 ? 'flat' : delta > 0 ? 'up' : 'down';
    const change = direction === 'flat' ? messages.coverage.noChange : formatChange(delta, kind, locale, messages.coverage.points);
    // The colour says whether the change is good news (fewer members in arrears is), the arrow its sign.
    const tone = direction === 'flat' ? 'neutral' : direction === better ? 'good' : 'bad';
    out.push({ text: interpolate(template, { change, period: formatPeriod(other.period, locale) }), direction, tone });
  };
  compare(summary.previousMonth, messages.coverage.changeVsPrevious);
  compare(summary.sameMonthLastYear, messages.coverage.changeVsLastYear);
  return out;
}

/** The figures read from members' statuses: they can change until the month's arrears window closes. */
const MEMBER_FIGURES = new Set<keyof FigureSet>(['activeMembers', 'coverageRate', 'lapsedMembers', 'lapseRate', 'reactivatedMembers', 'endedMembers']);

/** "Expected final 2.310 (2.250–2.370)", when the estimate says more than the observed value does. */
function estimateText(nowcast: NowcastView | null, kind: FigureKind, observed: Figure | null, locale: Locale, messages: Messages) {
  if (!nowcast || typeof observed !== 'number') return undefined;
  const format = (value: number) =>
    kind === 'money' ? formatRupiah(value, locale) : kind === 'rate' ? formatPercent(value, locale) : formatNumber(Math.round(value), locale);
  // An estimate that rounds to the observed value with no spread (money after the month ended) adds nothing.
  if (format(nowcast.low) === format(observed) && format(nowcast.high) === format(observed)) return undefined;
  return interpolate(messages.provisional.expected, { value: format(nowcast.expected), low: format(nowcast.low), high: format(nowcast.high) });
}

/** The region's headline indicators for the month in the URL, refetched when the month changes. */
export function SummaryCards({ initial, suppressed }: { initial: SummaryView; suppressed: boolean }) {
  const { locale, messages } = useI18n();
  const t = messages.overview;
  const period = usePeriod(initial.period);
  const { data, isFetching, error } = useQuery({
    ...summaryQuery(initial.region, period),
    initialData: period === initial.period ? initial : undefined,
  });
  const summary = data ?? initial;
  const { data: fetchedNowcast } = useQuery({
    ...nowcastQuery(summary.region, summary.period),
    enabled: summary.provisional && summary.nowcast === null && !summary.noData,
  });
  const nowcasts = summary.nowcast ?? fetchedNowcast ?? null;
  // Member figures change until the arrears window closes; money collected only until the month ends.
  const monthRunning = summary.dataAsOf !== null && summary.dataAsOf.slice(0, 7) <= summary.period;
  const isMarked = (key: keyof FigureSet) =>
    key === 'contributionsCollected' ? monthRunning : summary.provisional && MEMBER_FIGURES.has(key);
  const changes = (key: Exclude<keyof FigureSet, 'coverageNote'>, kind: FigureKind, better: 'up' | 'down' = 'up') =>
    changesOf(key, kind, summary, locale, messages, better);
  const pt = messages.provisional;
  const badge = {
    badge: pt.badge,
    explanation: interpolate(pt.badgeHelp, { period: formatPeriod(summary.period, locale), date: formatDate(summary.provisionalUntil, locale) }),
  };
  // A comparison of member figures with a provisional month (this one, or one compared with) says so.
  const comparesProvisional = [summary, summary.previousMonth, summary.sameMonthLastYear].some((month) => month?.provisional);
  const marks = (key: Exclude<keyof FigureSet, 'coverageNote'>, kind: FigureKind) => {
    if (!isMarked(key)) return {};
    const nowcast = nowcasts?.[key as keyof NonNullable<SummaryView['nowcast']>] ?? null;
    return {
      provisional: badge,
      estimate: estimateText(nowcast, kind, summary[key], locale, messages),
      changesNote: key === 'contributionsCollected' || comparesProvisional ? pt.comparesProvisional : undefined,
    };
  };

  const agents = summary.population === 'agents';
  const ex = summary.explanations;
  // An empty month (nothing recorded by its end) reads "no data" on every card, never 0.
  const value = (text: string) => (summary.noData ? t.noData : text);
  const card = (
    key: keyof NonNullable<SummaryView['explanations']>,
    label: string,
    text: string,
    help: string,
    cardChanges: ReturnType<typeof changes>,
    kind: FigureKind,
  ) => (
    <StatCard
      label={label}
      value={value(text)}
      help={help}
      changes={summary.noData ? undefined : cardChanges}
      {...(summary.noData ? {} : marks(key, kind))}
      explain={<Explain label={label} explanation={ex?.[key]} indicator={ex ? undefined : INDICATOR_OF[key]} noData={summary.noData} />}
    />
  );
  const coverageLabel = agents ? t.agentsCoverageRate : t.coverageRate;

  return (
    <>
      <p className="page-subtitle" data-testid="summary-subtitle">
        {interpolate(t.subtitle, { region: summary.regionName, period: formatPeriod(summary.period, locale) })}
      </p>
      {agents ? (
        <p className="note" data-testid="summary-population">
          {interpolate(t.agentsScope, { region: summary.regionName })}
        </p>
      ) : null}
      {summary.noData ? (
        <p className="note" data-testid="summary-no-data">
          {interpolate(t.noDataNote, { region: summary.regionName, period: formatPeriod(summary.period, locale) })}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
      <div className="stat-grid" aria-busy={isFetching} aria-live="polite">
        {card('activeMembers', t.activeMembers, formatNumber(summary.activeMembers, locale), t.activeMembersHelp, changes('activeMembers', 'count'), 'count')}
        {card(
          'coverageRate',
          coverageLabel,
          summary.coverageNote ? coverageNoteText(summary.coverageNote, messages) : formatPercent(summary.coverageRate, locale),
          summary.informalWorkforce === null
            ? t.coverageRateNoWorkforce
            : interpolate(agents ? t.agentsCoverageRateHelp : t.coverageRateHelp, { workforce: formatNumber(summary.informalWorkforce, locale) }),
          changes('coverageRate', 'rate'),
          'rate',
        )}
        {card('newEnrolments', t.newEnrolments, formatNumber(summary.newEnrolments, locale), t.newEnrolmentsHelp, changes('newEnrolments', 'count'), 'count')}
        {card(
          'lapsedMembers',
          t.lapsedMembers,
          formatNumber(summary.lapsedMembers, locale),
          `${t.lapsedMembersHelp}. ${t.endedMembers}: ${formatNumber(summary.endedMembers, locale)}.`,
          changes('lapsedMembers', 'count', 'down'),
          'count',
        )}
        {card('lapseRate', t.lapseRate, formatPercent(summary.lapseRate, locale), t.lapseRateHelp, changes('lapseRate', 'rate', 'down'), 'rate')}
        {card(
          'reactivatedMembers',
          t.reactivatedMembers,
          formatNumber(summary.reactivatedMembers, locale),
          t.reactivatedMembersHelp,
          changes('reactivatedMembers', 'count'),
          'count',
        )}
        {card(
          'contributionsCollected',
          t.contributionsCollected,
          formatRupiah(summary.contributionsCollected, locale),
          t.contributionsCollectedHelp,
          changes('contributionsCollected', 'money'),
          'money',
        )}
        {card(
          'claimsPaidAmount',
          t.claimsPaid,
          formatRupiah(summary.claimsPaidAmount, locale),
          interpolate(t.claimsPaidHelp, { count: formatNumber(summary.claimsPaidCount, locale) }),
          changes('claimsPaidAmount', 'money'),
          'money',
        )}
      </div>
      {nowcasts && Object.values(nowcasts).some(Boolean) ? (
        <p className="note" data-testid="nowcast-method">
          {badge.explanation} {interpolate(pt.method, { lag: nowcasts.activeMembers?.lag ?? 0 })}
        </p>
      ) : null}
      {suppressed ? <p className="note">{t.suppressedNote}</p> : null}
    </>
  );
}
