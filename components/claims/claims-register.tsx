'use client';

import Link from 'next/link';
import { useI18n } from '@/components/i18n-provider';
import { DataTable } from '@/components/ui/data-table';
import type { ClaimsList } from '@/contracts/claims';
import { formatDate, formatNumber, formatPeriod, formatRupiah } from '@/domain/format';
import { interpolate } from '@/i18n';
import { claimsUrl, type ClaimParams } from '@/components/claims/queries';
import type { SetClaimParams } from './claim-filters';

/** The claims register (personal roles): one page of claims sorted on the server, its exports and pager. */
export function ClaimsRegister({
  params,
  list,
  isFetching,
  canExport,
  setParams,
}: {
  params: ClaimParams;
  list: ClaimsList | undefined;
  isFetching: boolean;
  canExport: boolean;
  setParams: SetClaimParams;
}) {
  const { locale, messages } = useI18n();
  const t = messages.claims;
  const rows = list?.rows ?? [];
  const total = list?.total ?? 0;
  const page = list?.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / (list?.pageSize ?? 25)));

  return (
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
        <div className="table-scroll" aria-busy={isFetching}>
          <DataTable
            testId="claims-table"
            caption={interpolate(params.basis === 'paid' ? t.registerCaptionPaid : t.registerCaption, { from: formatPeriod(params.from, locale), to: formatPeriod(params.to, locale) })}
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
  );
}
