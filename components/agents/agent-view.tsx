'use client';

import { useQuery } from '@tanstack/react-query';
import { TrendChart } from '@/components/charts/trend-chart';
import { useI18n } from '@/components/i18n-provider';
import { NikCell } from '@/components/members/nik-cell';
import { DataTable } from '@/components/ui/data-table';
import { StatCard } from '@/components/ui/stat-card';
import { Explain } from '@/components/explain/explain';
import { usePeriod } from '@/components/url-state';
import type { AgentDetail } from '@/contracts/agents';
import type { AgentTargetActionState } from '@/domain/agents';
import { formatDate, formatNumber, formatPercent, formatPeriod, formatRupiah, type Figure } from '@/domain/format';
import { interpolate } from '@/i18n';
import { agentQuery } from '@/components/agents/queries';
import { AgentTargetForm } from './agent-target-form';

/** The communities the agent belongs to come first, then those it serves most. */
const COMMUNITIES_SHOWN = 10;
const STATUSES = ['aktif', 'menunggak', 'baru', 'nonaktif'] as const;
const asNumber = (value: Figure | null) => (typeof value === 'number' ? value : null);

/** One agent for the month in the URL: server-rendered first, then React Query on period changes. */
export function AgentView({
  code,
  initialPeriod,
  initial,
  targetAction,
  canReveal,
}: {
  code: string;
  initialPeriod: string;
  initial: AgentDetail;
  targetAction: ((state: AgentTargetActionState, form: FormData) => Promise<AgentTargetActionState>) | null;
  canReveal: boolean;
}) {
  const { locale, messages } = useI18n();
  const a = messages.agents;
  const period = usePeriod(initialPeriod);
  const { data, isFetching, error } = useQuery({
    ...agentQuery(code, period),
    initialData: period === initialPeriod ? { ...initial, period } : undefined,
  });
  if (!data) {
    return error ? (
      <p role="alert" className="form-error">
        {error.message}
      </p>
    ) : (
      <div className="skeleton" style={{ minHeight: '12rem' }} />
    );
  }
  const n = (value: Figure | null) => formatNumber(value, locale);
  const series = data.series;
  const showIncome = data.incentive !== undefined;
  return (
    <div aria-busy={isFetching}>
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
      <div className="stat-grid" aria-live="polite">
        <StatCard
          label={a.recruits} explain={<Explain label={a.recruits} indicator="agentPerformance" />}
          value={n(data.recruits)}
          help={data.target === null ? undefined : `${a.target}: ${n(data.target)} · ${a.targetAttainment}: ${formatPercent(data.targetAttainment, locale)}`}
        />
        <StatCard label={a.targetAttainment} explain={<Explain label={a.targetAttainment} indicator="agentPerformance" />} value={formatPercent(data.targetAttainment, locale)} />
        <StatCard label={a.activeMembers} explain={<Explain label={a.activeMembers} indicator="activeMembers" />} value={n(data.activeMembers)} />
        <StatCard
          label={a.membersInArrears} explain={<Explain label={a.membersInArrears} indicator="lapsedMembers" />}
          value={n(data.membersInArrears)}
          help={`${formatPeriod(series.at(-2)?.period ?? period, locale)}: ${n(data.membersInArrearsPreviousMonth)}`}
        />
        <StatCard
          label={a.retention6m} explain={<Explain label={a.retention6m} indicator="retention" />}
          value={formatPercent(data.retention6m, locale)}
          help={`${a.retention6mCohort}: ${n(data.retention6mCohort)}`}
        />
        <StatCard label={a.contributionsCollected} explain={<Explain label={a.contributionsCollected} indicator="contributionsCollected" />} value={formatRupiah(data.contributionsCollected, locale)} />
        <StatCard label={a.claimsAssisted} explain={<Explain label={a.claimsAssisted} indicator="agentPerformance" />} value={n(data.claimsAssisted)} />
        <StatCard
          label={a.monthsSinceLastAcquisition} explain={<Explain label={a.monthsSinceLastAcquisition} indicator="agentPerformance" />}
          value={`${n(data.monthsSinceLastAcquisition)}${data.inactivityFlag ? ` · ${a.flagInactive}` : ''}`}
          help={
            [data.agentActive ? null : a.flagNotWorking, data.lastAcquisition ? formatPeriod(data.lastAcquisition, locale) : null]
              .filter(Boolean)
              .join(' · ') || undefined
          }
        />
        {showIncome ? (
          <StatCard
            label={a.incentive}
            value={formatRupiah(data.incentive ?? 0, locale)}
            help={`${a.acquisitionBonus}: ${formatRupiah(data.acquisitionBonus ?? 0, locale)} · ${a.collectionFee}: ${formatRupiah(data.collectionFee ?? 0, locale)}`}
          />
        ) : null}
      </div>

      <section className="panel agent-section" aria-labelledby="target-heading">
        <h2 id="target-heading">{interpolate(a.targetTitle, { period: formatPeriod(period, locale) })}</h2>
        {targetAction ? (
          <AgentTargetForm action={targetAction} agentCode={data.code} agentName={data.name} month={period} current={data.target} />
        ) : (
          <p className="muted">
            {a.target}: {n(data.target)}. {a.targetReadOnly}
          </p>
        )}
      </section>

      <section className="panel agent-section" aria-labelledby="trend-heading">
        <h2 id="trend-heading">{a.trendTitle}</h2>
        <TrendChart
          data={series.map((p) => ({ label: formatPeriod(p.period, locale), bar: asNumber(p.recruits), line: asNumber(p.activeMembers) }))}
          barLabel={a.recruits}
          lineLabel={a.activeMembers}
          formatBar={(v) => formatNumber(v, locale)}
          formatLine={(v) => formatNumber(v, locale)}
          height={220}
        />
        <div className="table-wrap">
          <DataTable
            testId="agent-series"
            caption={a.trendCaption}
            data={[...series].reverse()}
            rowKey={(p) => p.period}
            columns={[
              { id: 'period', header: a.month, cell: ({ row }) => formatPeriod(row.original.period, locale) },
              { id: 'recruits', header: a.recruits, meta: { numeric: true }, cell: ({ row }) => n(row.original.recruits) },
              { id: 'target', header: a.target, meta: { numeric: true }, cell: ({ row }) => n(row.original.target) },
              { id: 'activeMembers', header: a.activeMembers, meta: { numeric: true }, cell: ({ row }) => n(row.original.activeMembers) },
              { id: 'membersInArrears', header: a.membersInArrears, meta: { numeric: true }, cell: ({ row }) => n(row.original.membersInArrears) },
              {
                id: 'contributionsCollected',
                header: a.contributionsCollected,
                meta: { numeric: true },
                cell: ({ row }) => formatRupiah(row.original.contributionsCollected, locale),
              },
              { id: 'claimsAssisted', header: a.claimsAssisted, meta: { numeric: true }, cell: ({ row }) => n(row.original.claimsAssisted) },
              { id: 'incentive', header: a.incentive, meta: { numeric: true }, cell: ({ row }) => formatRupiah(row.original.incentive ?? 0, locale) },
            ]}
            columnVisibility={{ incentive: showIncome }}
          />
        </div>
      </section>

      <div className="breakdown-grid">
        <section className="panel agent-section" aria-labelledby="mix-heading">
          <h2 id="mix-heading">{interpolate(a.statusMix, { period: formatPeriod(period, locale) })}</h2>
          <table className="data-table" data-testid="agent-status-mix">
            <tbody>
              {STATUSES.map((status) => (
                <tr key={status}>
                  <th scope="row">
                    <span className={`status status-${status}`}>{messages.memberStatus[status]}</span>
                  </th>
                  <td className="num">{n(data.statusMix[status])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="agent-section">{a.trustTitle}</h3>
          <ul className="muted">
            <li>
              {a.embedded}: {formatPercent(data.embeddedRetention6m, locale)} ({interpolate(a.trustCounts, { retained: n(data.embeddedRetained), cohort: n(data.embeddedCohort) })})
            </li>
            <li>
              {a.outside}: {formatPercent(data.outsideRetention6m, locale)} ({interpolate(a.trustCounts, { retained: n(data.outsideRetained), cohort: n(data.outsideCohort) })})
            </li>
          </ul>
        </section>
        <section className="panel agent-section" aria-labelledby="communities-heading">
          <h2 id="communities-heading">{a.communitiesTitle}</h2>
          <DataTable
            testId="agent-communities"
            data={data.communityList.slice(0, COMMUNITIES_SHOWN)}
            columns={[
              { id: 'name', header: a.communities, cell: ({ row }) => row.original.name },
              { id: 'belongs', header: a.belongs, cell: ({ row }) => (row.original.belongs ? '✓' : '–') },
              { id: 'members', header: a.members, meta: { numeric: true }, cell: ({ row }) => n(row.original.members) },
            ]}
          />
          {data.communityList.length > COMMUNITIES_SHOWN ? (
            <p className="muted">{interpolate(a.moreCommunities, { count: data.communityList.length - COMMUNITIES_SHOWN })}</p>
          ) : null}
        </section>
      </div>

      <section className="panel agent-section" aria-labelledby="arrears-heading">
        <h2 id="arrears-heading">{a.arrearsTitle}</h2>
        {data.arrears === null ? (
          <p className="muted">{a.arrearsHidden}</p>
        ) : data.arrears.length === 0 ? (
          <p className="muted">{a.arrearsNone}</p>
        ) : (
          <div className="table-wrap">
            <DataTable
              testId="agent-arrears"
              data={data.arrears}
              columns={[
                { id: 'name', header: messages.members.name, cell: ({ row }) => row.original.name },
                {
                  id: 'nik',
                  header: messages.members.nik,
                  cell: ({ row: { original: m } }) =>
                    canReveal ? <NikCell memberId={m.id} masked={m.nikMasked} /> : <span className="nik">{m.nikMasked}</span>,
                },
                { id: 'village', header: messages.members.village, cell: ({ row }) => row.original.village },
                { id: 'community', header: a.communities, cell: ({ row }) => row.original.community ?? '–' },
                {
                  id: 'lastCovered',
                  header: a.lastCovered,
                  cell: ({ row: { original: m } }) => (m.lastCoveredMonth ? formatPeriod(m.lastCoveredMonth, locale) : '–'),
                },
              ]}
            />
          </div>
        )}
      </section>

      <section className="panel agent-section" aria-labelledby="claims-heading">
        <h2 id="claims-heading">{a.claimsTitle}</h2>
        {data.claims === null ? (
          <p className="muted">{interpolate(a.claimsHidden, { count: n(data.claimsCount) })}</p>
        ) : data.claims.length === 0 ? (
          <p className="muted">{a.claimsNone}</p>
        ) : (
          <>
            {data.turnaroundMedianDays !== null ? (
              <p className="muted">{interpolate(a.medianTurnaround, { days: formatNumber(data.turnaroundMedianDays, locale, 1) })}</p>
            ) : null}
            <div className="table-wrap">
              <DataTable
                testId="agent-claims"
                data={data.claims}
                columns={[
                  { id: 'number', header: a.claimNumber, cell: ({ row }) => row.original.number },
                  { id: 'program', header: a.program, cell: ({ row }) => row.original.program },
                  {
                    id: 'status',
                    header: a.status,
                    cell: ({ row: { original: c } }) => a.claimStatuses[c.status as keyof typeof a.claimStatuses] ?? c.status,
                  },
                  { id: 'submittedOn', header: a.submittedOn, cell: ({ row }) => formatDate(row.original.submittedOn, locale) },
                  { id: 'paidOn', header: a.paidOn, cell: ({ row: { original: c } }) => (c.paidOn ? formatDate(c.paidOn, locale) : '–') },
                  {
                    id: 'turnaround',
                    header: a.turnaround,
                    meta: { numeric: true },
                    cell: ({ row: { original: c } }) => (c.turnaroundDays === null ? '–' : n(c.turnaroundDays)),
                  },
                ]}
              />
            </div>
          </>
        )}
      </section>
    </div>
  );
}
