'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '@/components/i18n-provider';
import { DataTable, type DataColumn } from '@/components/ui/data-table';
import { StatCard } from '@/components/ui/stat-card';
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

type MonthRow = ClaimsSummary['payoutsVsContributions'][number];

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

  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const page = list.data?.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / (list.data?.pageSize ?? 25)));
  const s = summary.data;
  const fmtDays = (value: Figure | null) =>
    value === null ? '–' : isHidden(value) ? value : interpolate(t.days, { value: formatNumber(value, locale, 1) });

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
            <StatCard label={t.paidCount} value={formatNumber(s.paidCount, locale)} />
            <StatCard label={t.paidAmount} value={formatRupiah(s.paidAmount, locale)} />
            <StatCard label={t.turnaroundMedian} value={fmtDays(s.turnaroundMedianDays)} />
            <StatCard label={t.turnaroundP90} value={fmtDays(s.turnaroundP90Days)} />
            <StatCard label={t.approvalRate} value={formatPercent(s.approvalRate, locale)} />
            <StatCard
              label={t.solidarityEffect}
              value={s.solidarity.effect === null ? '–' : isHidden(s.solidarity.effect) ? s.solidarity.effect : interpolate(t.times, { value: formatNumber(s.solidarity.effect, locale, 2) })}
            />
          </div>
          <div className="breakdown-grid claims-grid">
            <section className="panel">
              <h3>{t.byProgramTitle}</h3>
              <div className="claims-panel-scroll"><DataTable
                testId="claims-by-program"
                data={s.byProgram}
                columns={[
                  { id: 'program', header: t.program, cell: ({ row }) => row.original.program },
                  { id: 'count', header: t.count, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.count, locale) },
                  { id: 'amount', header: t.amount, meta: { numeric: true }, cell: ({ row }) => formatRupiah(row.original.amount, locale) },
                ]}
              /></div>
            </section>
            <section className="panel">
              <h3>{t.funnelTitle}</h3>
              <div className="claims-panel-scroll"><DataTable
                testId="claims-funnel"
                data={s.byStatus}
                columns={[
                  { id: 'status', header: t.status, cell: ({ row }) => t.statuses[row.original.status] },
                  { id: 'count', header: t.count, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.count, locale) },
                ]}
              /></div>
            </section>
            <section className="panel">
              <h3>{t.rejectionTitle}</h3>
              {s.rejectionReasons.length === 0 ? (
                <p className="muted">{t.noRejections}</p>
              ) : (
                <div className="claims-panel-scroll"><DataTable
                  data={s.rejectionReasons}
                  columns={[
                    { id: 'reason', header: t.reason, cell: ({ row }) => row.original.reason || '–' },
                    { id: 'count', header: t.count, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.count, locale) },
                  ]}
                /></div>
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
              <DataTable
                testId="claims-by-month"
                data={s.payoutsVsContributions}
                columns={[
                  { id: 'month', header: t.month, cell: ({ row }) => formatPeriod(row.original.period, locale) },
                  ...PROGRAMS.map(
                    (program): DataColumn<MonthRow> => ({
                      id: program,
                      header: program,
                      meta: { numeric: true },
                      cell: ({ row }) => {
                        const cell = s.byMonth.find((b) => b.period === row.original.period && b.program === program);
                        return cell ? formatRupiah(cell.amount, locale) : '–';
                      },
                    }),
                  ),
                  { id: 'paid', header: t.paidAmount, meta: { numeric: true }, cell: ({ row }) => formatRupiah(row.original.claimsPaidAmount, locale) },
                  {
                    id: 'collected',
                    header: t.contributionsCollected,
                    meta: { numeric: true },
                    cell: ({ row }) => formatRupiah(row.original.contributionsCollected, locale),
                  },
                  {
                    id: 'ratio',
                    header: t.payoutRatio,
                    meta: { numeric: true },
                    cell: ({ row: { original: m } }) => {
                      const paid = m.claimsPaidAmount;
                      const collected = m.contributionsCollected;
                      return formatPercent(typeof paid === 'number' && typeof collected === 'number' && collected > 0 ? (paid / collected) * 100 : null, locale);
                    },
                  },
                ]}
              />
            </div>
          </details>
          <details>
            <summary>{t.byVillageTitle}</summary>
            <div className="table-scroll">
              <DataTable
                testId="claims-by-village"
                data={s.byVillage}
                columns={[
                  { id: 'village', header: t.village, cell: ({ row }) => row.original.name },
                  { id: 'submitted', header: t.submittedCount, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.submittedCount, locale) },
                  { id: 'paid', header: t.paidCount, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.paidCount, locale) },
                  { id: 'amount', header: t.paidAmount, meta: { numeric: true }, cell: ({ row }) => formatRupiah(row.original.paidAmount, locale) },
                ]}
              />
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
        {rows.length === 0 ? (
          <p className="note">{t.noResults}</p>
        ) : (
          <div className="table-scroll" aria-busy={list.isFetching}>
            <DataTable
              testId="claims-table"
              caption={interpolate(t.registerCaption, { from: formatPeriod(params.from, locale), to: formatPeriod(params.to, locale) })}
              captionClassName="visually-hidden"
              data={rows}
              rowKey={(row) => row.number}
              manualSorting
              sorting={params.sort ? [{ id: params.sort, desc: params.dir !== 'asc' }] : []}
              onSortingChange={([next]) => setParams({ sort: next!.id, dir: next!.desc ? 'desc' : 'asc', page: null })}
              sortTitle={(column) => interpolate(messages.villages.sortBy, { column })}
              columns={[
                {
                  id: 'number',
                  header: t.number,
                  sortDescFirst: true,
                  cell: ({ row }) => <Link href={`/claims/${encodeURIComponent(row.original.number)}`}>{row.original.number}</Link>,
                },
                { id: 'program', header: t.program, sortDescFirst: true, cell: ({ row }) => row.original.program },
                {
                  id: 'benefit',
                  header: t.benefit,
                  enableSorting: false,
                  cell: ({ row: { original } }) =>
                    original.benefitType ? (t.benefitsShort[original.benefitType as keyof typeof t.benefitsShort] ?? original.benefitType) : '–',
                },
                {
                  id: 'member',
                  header: t.member,
                  enableSorting: false,
                  cell: ({ row: { original } }) => (
                    <>
                      {original.memberName}
                      <br />
                      <span className="nik">{original.nikMasked}</span>
                    </>
                  ),
                },
                { id: 'village', header: t.village, sortDescFirst: true, cell: ({ row }) => row.original.villageName },
                {
                  id: 'status',
                  header: t.status,
                  sortDescFirst: true,
                  cell: ({ row: { original } }) => <span className={`status claim-status-${original.status}`}>{t.statuses[original.status]}</span>,
                },
                { id: 'incidentDate', header: t.incidentDate, sortDescFirst: true, cell: ({ row }) => formatDate(row.original.incidentDate, locale) },
                { id: 'submittedOn', header: t.submittedOn, sortDescFirst: true, cell: ({ row }) => formatDate(row.original.submittedOn, locale) },
                {
                  id: 'paidOn',
                  header: t.paidOn,
                  sortDescFirst: true,
                  cell: ({ row: { original } }) => (original.paidOn ? formatDate(original.paidOn, locale) : '–'),
                },
                { id: 'amount', header: t.amount, sortDescFirst: true, meta: { numeric: true }, cell: ({ row }) => formatRupiah(row.original.amount, locale) },
                {
                  id: 'coverage',
                  header: t.coverageShort,
                  enableSorting: false,
                  meta: { title: t.coverage },
                  cell: ({ row: { original } }) => (original.coveredAtIncident ? t.covered : <strong className="claim-not-covered">{t.notCovered}</strong>),
                },
              ]}
            />
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
