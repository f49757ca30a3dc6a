'use client';

import { useQuery } from '@tanstack/react-query';
import { TrendChart } from '@/components/charts/trend-chart';
import { useI18n } from '@/components/i18n-provider';
import { NikCell } from '@/components/members/nik-cell';
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
          <table className="data-table" data-testid="agent-series">
            <caption>{a.trendCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{a.month}</th>
                <th scope="col" className="num">{a.recruits}</th>
                <th scope="col" className="num">{a.target}</th>
                <th scope="col" className="num">{a.activeMembers}</th>
                <th scope="col" className="num">{a.membersInArrears}</th>
                <th scope="col" className="num">{a.contributionsCollected}</th>
                <th scope="col" className="num">{a.claimsAssisted}</th>
                {showIncome ? <th scope="col" className="num">{a.incentive}</th> : null}
              </tr>
            </thead>
            <tbody>
              {[...series].reverse().map((p) => (
                <tr key={p.period} data-key={p.period}>
                  <th scope="row">{formatPeriod(p.period, locale)}</th>
                  <td className="num" data-column="recruits">{n(p.recruits)}</td>
                  <td className="num" data-column="target">{n(p.target)}</td>
                  <td className="num" data-column="activeMembers">{n(p.activeMembers)}</td>
                  <td className="num" data-column="membersInArrears">{n(p.membersInArrears)}</td>
                  <td className="num" data-column="contributionsCollected">{formatRupiah(p.contributionsCollected, locale)}</td>
                  <td className="num" data-column="claimsAssisted">{n(p.claimsAssisted)}</td>
                  {showIncome ? <td className="num" data-column="incentive">{formatRupiah(p.incentive ?? 0, locale)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
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
          <table className="data-table" data-testid="agent-communities">
            <thead>
              <tr>
                <th scope="col">{a.communities}</th>
                <th scope="col">{a.belongs}</th>
                <th scope="col" className="num">{a.members}</th>
              </tr>
            </thead>
            <tbody>
              {data.communityList.slice(0, COMMUNITIES_SHOWN).map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{c.belongs ? '✓' : '–'}</td>
                  <td className="num">{n(c.members)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
            <table className="data-table" data-testid="agent-arrears">
              <thead>
                <tr>
                  <th scope="col">{messages.members.name}</th>
                  <th scope="col">{messages.members.nik}</th>
                  <th scope="col">{messages.members.village}</th>
                  <th scope="col">{a.communities}</th>
                  <th scope="col">{a.lastCovered}</th>
                </tr>
              </thead>
              <tbody>
                {data.arrears.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.name}</th>
                    <td>{canReveal ? <NikCell memberId={m.id} masked={m.nikMasked} /> : <span className="nik">{m.nikMasked}</span>}</td>
                    <td>{m.village}</td>
                    <td>{m.community ?? '–'}</td>
                    <td>{m.lastCoveredMonth ? formatPeriod(m.lastCoveredMonth, locale) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
              <table className="data-table" data-testid="agent-claims">
                <thead>
                  <tr>
                    <th scope="col">{a.claimNumber}</th>
                    <th scope="col">{a.program}</th>
                    <th scope="col">{a.status}</th>
                    <th scope="col">{a.submittedOn}</th>
                    <th scope="col">{a.paidOn}</th>
                    <th scope="col" className="num">{a.turnaround}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.claims.map((c) => (
                    <tr key={c.number}>
                      <th scope="row">{c.number}</th>
                      <td>{c.program}</td>
                      <td>{a.claimStatuses[c.status as keyof typeof a.claimStatuses] ?? c.status}</td>
                      <td>{formatDate(c.submittedOn, locale)}</td>
                      <td>{c.paidOn ? formatDate(c.paidOn, locale) : '–'}</td>
                      <td className="num">{c.turnaroundDays === null ? '–' : n(c.turnaroundDays)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
