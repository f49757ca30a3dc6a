'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useI18n } from '@/components/i18n-provider';
import { ExportLinks } from '@/components/coverage/export-links';
import { SortableTable, type Column, type TableRow } from '@/components/coverage/sortable-table';
import { pushSearchParams, usePeriod } from '@/components/url-state';
import type { AgentListView, CountedRate } from '@/contracts/agents';
import { formatNumber, formatPercent, formatPeriod, type Figure } from '@/domain/format';
import { interpolate } from '@/i18n';
import type { AttentionRow } from '@/contracts/agents';
import type { Explanation } from '@/contracts/explain';
import { Explain } from '@/components/explain/explain';
import { AGENT_FILTER_KEYS, agentsQuery, type AgentFilterParams } from '@/components/agents/queries';

/** The worst few of each list; the table below has them all. */
const ATTENTION_SHOWN = 5;

function useFilters(): AgentFilterParams {
  const params = useSearchParams();
  const filters: AgentFilterParams = {};
  for (const key of AGENT_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** Who needs a visit or a word this month: behind target, arrears rising, near or past the 3-month line. */
export function AttentionPanel({ rows, period }: { rows: readonly AttentionRow[]; period: string }) {
  const { locale, messages } = useI18n();
  const a = messages.agents;
  const n = (value: Figure | null) => formatNumber(value, locale);
  const rise = (r: AttentionRow) =>
    (typeof r.membersInArrears === 'number' ? r.membersInArrears : 0) -
    (typeof r.membersInArrearsPreviousMonth === 'number' ? r.membersInArrearsPreviousMonth : 0);
  const groups: Array<{ id: string; title: string; items: Array<{ code: string; text: string }> }> = [
    {
      id: 'behind-target',
      title: a.behindTarget,
      items: rows
        .filter((r) => r.behindTarget)
        .sort((x, y) => (typeof x.targetAttainment === 'number' ? x.targetAttainment : 0) - (typeof y.targetAttainment === 'number' ? y.targetAttainment : 0))
        .map((r) => ({ code: r.code, text: interpolate(a.behindTargetItem, { name: r.name, recruits: n(r.recruits), target: n(r.target) }) })),
    },
    {
      id: 'arrears-rising',
      title: a.arrearsRising,
      items: rows
        .filter((r) => r.arrearsRising)
        .sort((x, y) => rise(y) - rise(x))
        .map((r) => ({
          code: r.code,
          text: interpolate(a.arrearsRisingItem, { name: r.name, before: n(r.membersInArrearsPreviousMonth), now: n(r.membersInArrears) }),
        })),
    },
    {
      id: 'inactivity',
      title: a.inactivity,
      items: rows
        .filter((r) => r.inactivityFlag || r.nearInactivity)
        .sort((x, y) => y.monthsSinceLastAcquisition - x.monthsSinceLastAcquisition)
        .map((r) => ({
          code: r.code,
          text: interpolate(r.inactivityFlag ? a.inactiveItem : a.nearInactivityItem, { name: r.name, months: r.monthsSinceLastAcquisition }),
        })),
    },
  ];
  return (
    <section className="panel agent-section" aria-labelledby="attention-heading" data-testid="agents-attention">
      <h2 id="attention-heading">{interpolate(a.attentionTitle, { period: formatPeriod(period, locale) })}</h2>
      <div className="attention-grid">
        {groups.map((group) => (
          <div key={group.id} data-testid={`attention-${group.id}`}>
            <h3>
              {group.title} ({group.items.length})
            </h3>
            {group.items.length === 0 ? (
              <p className="muted">{a.nothing}</p>
            ) : (
              <ul>
                {group.items.slice(0, ATTENTION_SHOWN).map((item) => (
                  <li key={item.code}>
                    <Link href={`/agents/${encodeURIComponent(item.code)}?period=${period}`}>{item.text}</Link>
                  </li>
                ))}
                {group.items.length > ATTENTION_SHOWN ? (
                  <li className="muted">{interpolate(a.more, { count: group.items.length - ATTENTION_SHOWN })}</li>
                ) : null}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

/** Embedded-vs-outside retention with the counts behind each rate. */
export function TrustPanel({
  trust,
  period,
  explanations,
}: {
  trust: AgentListView['trust'];
  period: string;
  explanations?: AgentListView['explanations'];
}) {
  const { locale, messages } = useI18n();
  const a = messages.agents;
  const items: Array<{ id: string; label: string; value: CountedRate; explanation?: Explanation }> = [
    { id: 'embedded', label: a.embedded, value: trust.embedded, explanation: explanations?.embedded },
    { id: 'outside', label: a.outside, value: trust.outside, explanation: explanations?.outside },
    { id: 'no-community', label: a.noCommunity, value: trust.noCommunity, explanation: explanations?.noCommunity },
  ];
  return (
    <section className="panel agent-section" aria-labelledby="trust-heading" data-testid="agents-trust">
      <h2 id="trust-heading">{a.trustTitle}</h2>
      <p className="muted">{interpolate(a.trustIntro, { period: formatPeriod(period, locale) })}</p>
      <div className="trust-grid">
        {items.map((item) => (
          <div key={item.id} data-testid={`trust-${item.id}`} role="group" aria-label={item.label}>
            <div className="stat-head">
              <h3>{item.label}</h3>
              <Explain label={item.label} explanation={item.explanation} indicator="retention" />
            </div>
            <p className="trust-rate" data-testid="stat-value">{formatPercent(item.value.rate, locale)}</p>
            <p className="muted">
              {interpolate(a.trustCounts, { retained: formatNumber(item.value.retained, locale), cohort: formatNumber(item.value.cohort, locale) })}
            </p>
          </div>
        ))}
      </div>
    </section>
  );
}

/** The agents table with its filters, attention list and trust figures for the month in the URL. */
export function AgentsExplorer({
  initialPeriod,
  initialFilters,
  initial,
  columns,
  showFilters,
}: {
  initialPeriod: string;
  initialFilters: AgentFilterParams;
  initial: AgentListView;
  columns: Column[];
  showFilters: { supervisor: boolean };
}) {
  const { locale, messages } = useI18n();
  const a = messages.agents;
  const search = useSearchParams();
  const period = usePeriod(initialPeriod);
  const filters = useFilters();
  const same =
    period === initialPeriod && AGENT_FILTER_KEYS.every((key) => (filters[key] ?? '') === (initialFilters[key] ?? ''));
  const { data, isFetching, error } = useQuery({ ...agentsQuery(period, filters), initialData: same ? initial : undefined });
  const view = data ?? initial;
  const options = view.options;
  const select = (key: keyof AgentFilterParams, label: string, choices: Array<{ value: string; name: string }>) => (
    <label>
      {label}
      <select
        value={filters[key] ?? ''}
        onChange={(event) => pushSearchParams(search, { [key]: event.target.value || null })}
      >
        <option value="">{a.all}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div aria-busy={isFetching}>
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
      {data ? <AttentionPanel rows={data.rows} period={period} /> : null}
      {data ? <TrustPanel trust={data.trust} period={period} explanations={data.explanations} /> : null}
      <div className="agent-section">
        <div className="page-head">
          <fieldset className="filter-bar no-print">
            <legend className="visually-hidden">{a.filters}</legend>
            {showFilters.supervisor
              ? select('supervisor', a.filterSupervisor, options.supervisors.map((s) => ({ value: String(s.id), name: s.name })))
              : null}
            {select('village', a.filterVillage, options.villages.map((v) => ({ value: v.code, name: v.name })))}
            {select('community', a.filterCommunity, options.communities.map((c) => ({ value: String(c.id), name: c.name })))}
          </fieldset>
          <ExportLinks path="/api/v1/agents" params={{ ...filters }} initialPeriod={initialPeriod} />
        </div>
        {data && data.rows.length === 0 ? <p className="muted">{a.noAgents}</p> : null}
        <SortableTable
          columns={columns}
          rows={(data?.rows ?? []) as unknown as TableRow[]}
          caption={interpolate(a.tableCaption, { period: formatPeriod(period, locale), count: data?.rows.length ?? 0 })}
          link={{ kind: 'path', base: '/agents/', period }}
          initialSort={{ key: 'recruits', direction: 'desc' }}
          testId="agents-table"
        />
        <p className="note">{a.retentionNote}</p>
        {columns.some((column) => column.key === 'incentive') ? <p className="note">{a.incentiveNote}</p> : null}
      </div>
    </div>
  );
}
