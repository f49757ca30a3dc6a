'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '@/components/i18n-provider';
import { StatCard } from '@/components/ui/stat-card';
import { Explain } from '@/components/explain/explain';
import { pushSearchParams } from '@/components/url-state';
import type { ClaimsList, ClaimsSummary } from '@/contracts/claims';
import { formatDate, formatNumber, formatPercent, formatPeriod, formatRupiah, isHidden, type Figure } from '@/domain/format';
import { interpolate } from '@/i18n';
import {
  CLAIM_PARAM_KEYS,
  claimsListQuery,
  claimsSummaryQuery,
  claimsUrl,
  type ClaimParams,
} from '@/components/claims/queries';

const STATUSES = ['submitted', 'verified', 'approved', 'paid', 'rejected'] as const;
const PROGRAMS = ['JKK', 'JKM'] as const;

export interface FilterChoices {
  villages: Array<{ code: string; name: string }>;
  communities: Array<{ id: number; name: string }>;
  agents: Array<{ code: string; name: string }>;
}

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
  const { locale, messages } = useI18n();
  const t = messages.claims;
  const url = useSearchParams();
  const params = useClaimParams(defaults);
  const initial = same(params, initialParams);
  const list = useQuery({ ...claimsListQuery(params), initialData: initial && initialList ? initialList : undefined, enabled: personal });
  const summary = useQuery({ ...claimsSummaryQuery(params), initialData: initial ? initialSummary : undefined });

  const setParams = (changes: Partial<Record<keyof ClaimParams, string | null>>) => {
    const next: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(changes)) next[key] = value ? value : null;
    pushSearchParams(url, next);
  };

  const onFilter = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (key: string) => (form.get(key) as string | null) ?? '';
    setParams({
      program: value('program'),
      status: value('status'),
      region: value('region'),
      community: value('community'),
      agent: value('agent'),
      from: value('from'),
      to: value('to'),
      page: null,
    });
  };

  const sortBy = (key: string) => {
    const active = params.sort === key;
    setParams({ sort: key, dir: active && params.dir === 'desc' ? 'asc' : 'desc', page: null });
  };

  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const page = list.data?.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / (list.data?.pageSize ?? 25)));
  const s = summary.data;
  const fmtDays = (value: Figure | null) =>
    value === null ? '–' : isHidden(value) ? value : interpolate(t.days, { value: formatNumber(value, locale, 1) });

  const header = (key: string, label: string, numeric = false) => {
    const active = params.sort === key;
    return (
      <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="sort-button" onClick={() => sortBy(key)} title={interpolate(messages.villages.sortBy, { column: label })}>
          {label}
          <span aria-hidden="true">{active ? (params.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <>
      <form className="form-grid claims-filters" onSubmit={onFilter} aria-label={t.filters} key={CLAIM_PARAM_KEYS.map((k) => params[k]).join('|')}>
        <div className="field">
          <label htmlFor="f-program">{t.program}</label>
          <select id="f-program" name="program" defaultValue={params.program}>
            <option value="">{t.all}</option>
            {PROGRAMS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t.status}</label>
          <select id="f-status" name="status" defaultValue={params.status}>
            <option value="">{t.all}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t.statuses[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-village">{t.village}</label>
          <select id="f-village" name="region" defaultValue={params.region}>
            <option value="">{t.all}</option>
            {choices.villages.map((v) => (
              <option key={v.code} value={v.code}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        {personal ? (
          <>
            <div className="field">
              <label htmlFor="f-community">{t.community}</label>
              <select id="f-community" name="community" defaultValue={params.community}>
                <option value="">{t.all}</option>
                {choices.communities.map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-agent">{t.agent}</label>
              <select id="f-agent" name="agent" defaultValue={params.agent}>
                <option value="">{t.all}</option>
                {choices.agents.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.name} ({a.code})
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}
        <div className="field">
          <label htmlFor="f-from">{t.from}</label>
          <input id="f-from" name="from" type="month" defaultValue={params.from} required />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t.to}</label>
          <input id="f-to" name="to" type="month" defaultValue={params.to} required />
        </div>
        <div className="field claims-filter-buttons">
          <button type="submit" className="primary-button">
            {t.apply}
          </button>
          <button
            type="button"
            className="secondary-button"
            onClick={() => setParams(Object.fromEntries(CLAIM_PARAM_KEYS.map((key) => [key, null])))}
          >
            {t.reset}
          </button>
        </div>
      </form>

      {summary.error || list.error ? (
        <p role="alert" className="form-error">
          {(summary.error ?? list.error)?.message}
        </p>
      ) : null}

      <h2 className="claims-heading">{t.summaryTitle}</h2>
      <p className="muted">
        {interpolate(t.rangeNote, { from: formatPeriod(params.from, locale), to: formatPeriod(params.to, locale) })}
      </p>
      {s ? (
        <div aria-busy={summary.isFetching} data-testid="claims-summary">
          <div className="stat-grid">
            <StatCard
              label={t.paidCount}
              value={formatNumber(s.paidCount, locale)}
              explain={<Explain label={t.paidCount} explanation={s.explanations?.paidCount} indicator="claimsPaid" />}
            />
            <StatCard
              label={t.paidAmount}
              value={formatRupiah(s.paidAmount, locale)}
              explain={<Explain label={t.paidAmount} explanation={s.explanations?.paidAmount} indicator="claimsPaid" />}
            />
            <StatCard
              label={t.turnaroundMedian}
              value={fmtDays(s.turnaroundMedianDays)}
              explain={<Explain label={t.turnaroundMedian} explanation={s.explanations?.turnaroundMedianDays} indicator="claimsTurnaround" />}
            />
            <StatCard
              label={t.turnaroundP90}
              value={fmtDays(s.turnaroundP90Days)}
              explain={<Explain label={t.turnaroundP90} explanation={s.explanations?.turnaroundP90Days} indicator="claimsTurnaround" />}
            />
            <StatCard
              label={t.approvalRate}
              value={formatPercent(s.approvalRate, locale)}
              explain={<Explain label={t.approvalRate} explanation={s.explanations?.approvalRate} indicator="approvalRate" />}
            />
            <StatCard
              explain={<Explain label={t.solidarityEffect} indicator="solidarityEffect" />}
              label={t.solidarityEffect}
              value={s.solidarity.effect === null ? '–' : isHidden(s.solidarity.effect) ? s.solidarity.effect : interpolate(t.times, { value: formatNumber(s.solidarity.effect, locale, 2) })}
            />
          </div>
          <div className="breakdown-grid claims-grid">
            <section className="panel">
              <h3>{t.byProgramTitle}</h3>
              <div className="claims-panel-scroll"><table className="data-table" data-testid="claims-by-program">
                <thead>
                  <tr>
                    <th scope="col">{t.program}</th>
                    <th scope="col" className="num">{t.count}</th>
                    <th scope="col" className="num">{t.amount}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.byProgram.map((p) => (
                    <tr key={p.program}>
                      <th scope="row">{p.program}</th>
                      <td className="num">{formatNumber(p.count, locale)}</td>
                      <td className="num">{formatRupiah(p.amount, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table></div>
            </section>
            <section className="panel">
              <h3>{t.funnelTitle}</h3>
              <div className="claims-panel-scroll"><table className="data-table" data-testid="claims-funnel">
                <thead>
                  <tr>
                    <th scope="col">{t.status}</th>
                    <th scope="col" className="num">{t.count}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.byStatus.map((b) => (
                    <tr key={b.status}>
                      <th scope="row">{t.statuses[b.status]}</th>
                      <td className="num">{formatNumber(b.count, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table></div>
            </section>
            <section className="panel">
              <h3>{t.rejectionTitle}</h3>
              {s.rejectionReasons.length === 0 ? (
                <p className="muted">{t.noRejections}</p>
              ) : (
                <div className="claims-panel-scroll"><table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t.reason}</th>
                      <th scope="col" className="num">{t.count}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.rejectionReasons.map((r) => (
                      <tr key={r.reason}>
                        <th scope="row">{r.reason || '–'}</th>
                        <td className="num">{formatNumber(r.count, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table></div>
              )}
            </section>
            <section className="panel">
              <h3>{t.solidarityTitle}</h3>
              <p className="chart-text">{t.solidarityIntro}</p>
              <dl className="claim-figures">
                <dt>{t.solidarityClaims}</dt>
                <dd>{formatNumber(s.solidarity.claims, locale)}</dd>
                <dt>{t.solidarityAfter}</dt>
                <dd>{formatNumber(s.solidarity.enrolmentsAfter, locale)}</dd>
                <dt>{t.solidarityBaseline}</dt>
                <dd>{formatNumber(s.solidarity.baseline, locale, 1)}</dd>
                <dt>{t.solidarityAbove}</dt>
                <dd>{formatNumber(s.solidarity.claimsAboveBaseline, locale)}</dd>
              </dl>
            </section>
          </div>
          <details>
            <summary>{t.payoutsTitle}</summary>
            <div className="table-scroll">
              <table className="data-table" data-testid="claims-by-month">
                <thead>
                  <tr>
                    <th scope="col">{t.month}</th>
                    {PROGRAMS.map((p) => (
                      <th key={p} scope="col" className="num">
                        {p}
                      </th>
                    ))}
                    <th scope="col" className="num">{t.paidAmount}</th>
                    <th scope="col" className="num">{t.contributionsCollected}</th>
                    <th scope="col" className="num">{t.payoutRatio}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.payoutsVsContributions.map((m) => {
                    const paid = m.claimsPaidAmount;
                    const collected = m.contributionsCollected;
                    const ratio =
                      typeof paid === 'number' && typeof collected === 'number' && collected > 0 ? (paid / collected) * 100 : null;
                    return (
                      <tr key={m.period}>
                        <th scope="row">{formatPeriod(m.period, locale)}</th>
                        {PROGRAMS.map((p) => {
                          const cell = s.byMonth.find((b) => b.period === m.period && b.program === p);
                          return (
                            <td key={p} className="num">
                              {cell ? formatRupiah(cell.amount, locale) : '–'}
                            </td>
                          );
                        })}
                        <td className="num">{formatRupiah(paid, locale)}</td>
                        <td className="num">{formatRupiah(collected, locale)}</td>
                        <td className="num">{formatPercent(ratio, locale)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </details>
          <details>
            <summary>{t.byVillageTitle}</summary>
            <div className="table-scroll">
              <table className="data-table" data-testid="claims-by-village">
                <thead>
                  <tr>
                    <th scope="col">{t.village}</th>
                    <th scope="col" className="num">{t.submittedCount}</th>
                    <th scope="col" className="num">{t.paidCount}</th>
                    <th scope="col" className="num">{t.paidAmount}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.byVillage.map((v) => (
                    <tr key={v.code}>
                      <th scope="row">{v.name}</th>
                      <td className="num">{formatNumber(v.submittedCount, locale)}</td>
                      <td className="num">{formatNumber(v.paidCount, locale)}</td>
                      <td className="num">{formatRupiah(v.paidAmount, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </div>
      ) : null}

      {personal ? (
        <>
        <div className="claims-register-head">
          <h2>{t.registerTitle}</h2>
          <span className="muted" data-testid="claims-total">
            {interpolate(t.total, { count: formatNumber(total, locale) })}
          </span>
          {canExport ? (
            <div className="export-links no-print">
              <a href={claimsUrl({ ...params, page: '' }, 'csv')} download data-testid="export-csv">
                {messages.coverage.downloadCsv}
              </a>
              <a href={claimsUrl({ ...params, page: '' }, 'xlsx')} download>
                {messages.coverage.downloadExcel}
              </a>
            </div>
          ) : null}
        </div>
        {params.basis === 'paid' ? (
          <p className="note" data-testid="claims-basis">
            {interpolate(t.registerCaptionPaid, { from: formatPeriod(params.from, locale), to: formatPeriod(params.to, locale) })}
          </p>
        ) : null}
        {rows.length === 0 ? (
          <p className="note">{t.noResults}</p>
        ) : (
          <div className="table-scroll" aria-busy={list.isFetching}>
            <table className="data-table" data-testid="claims-table">
              <caption className="visually-hidden">
                {interpolate(params.basis === 'paid' ? t.registerCaptionPaid : t.registerCaption, { from: formatPeriod(params.from, locale), to: formatPeriod(params.to, locale) })}
              </caption>
              <thead>
                <tr>
                  {header('number', t.number)}
                  {header('program', t.program)}
                  <th scope="col">{t.benefit}</th>
                  {personal ? <th scope="col">{t.member}</th> : null}
                  {header('village', t.village)}
                  {header('status', t.status)}
                  {header('incidentDate', t.incidentDate)}
                  {header('submittedOn', t.submittedOn)}
                  {header('paidOn', t.paidOn)}
                  {header('amount', t.amount, true)}
                  <th scope="col" title={t.coverage}>{t.coverageShort}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.number}>
                    <th scope="row">
                      {personal ? <Link href={`/claims/${encodeURIComponent(row.number)}`}>{row.number}</Link> : row.number}
                    </th>
                    <td>{row.program}</td>
                    <td>{row.benefitType ? (t.benefitsShort[row.benefitType as keyof typeof t.benefitsShort] ?? row.benefitType) : '–'}</td>
                    {personal ? (
                      <td>
                        {row.memberName}
                        <br />
                        <span className="nik">{row.nikMasked}</span>
                      </td>
                    ) : null}
                    <td>{row.villageName}</td>
                    <td>
                      <span className={`status claim-status-${row.status}`}>{t.statuses[row.status]}</span>
                    </td>
                    <td>{formatDate(row.incidentDate, locale)}</td>
                    <td>{formatDate(row.submittedOn, locale)}</td>
                    <td>{row.paidOn ? formatDate(row.paidOn, locale) : '–'}</td>
                    <td className="num">{formatRupiah(row.amount, locale)}</td>
                    <td>{row.coveredAtIncident ? t.covered : <strong className="claim-not-covered">{t.notCovered}</strong>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav className="pager" aria-label={messages.admin.pagination}>
            {page > 1 ? (
              <button type="button" className="secondary-button" onClick={() => setParams({ page: String(page - 1) })}>
                {messages.admin.previousPage}
              </button>
            ) : null}
            <span>{interpolate(messages.admin.pageOf, { page, pages })}</span>
            {page < pages ? (
              <button type="button" className="secondary-button" onClick={() => setParams({ page: String(page + 1) })}>
                {messages.admin.nextPage}
              </button>
            ) : null}
          </nav>
        ) : null}
        </>
      ) : (
        <p className="note" data-testid="claims-register-hidden">
          {t.personalHidden}
        </p>
      )}
    </>
  );
}
