'use client';

import { useI18n } from '@/components/i18n-provider';
import { DataTable, type DataColumn } from '@/components/ui/data-table';
import { StatCard } from '@/components/ui/stat-card';
import { Explain } from '@/components/explain/explain';
import type { ClaimsSummary } from '@/contracts/claims';
import { formatNumber, formatPercent, formatPeriod, formatRupiah, isHidden, type Figure } from '@/domain/format';
import { PROGRAMS } from '@/domain/enums';
import { interpolate } from '@/i18n';
import type { ClaimParams } from '@/components/claims/queries';

type MonthRow = ClaimsSummary['payoutsVsContributions'][number];

/** The claims summary for the filters' range: headline figures, breakdowns, payouts by month and by village. */
export function ClaimsSummaryPanels({ params, summary: s, isFetching }: { params: ClaimParams; summary: ClaimsSummary | undefined; isFetching: boolean }) {
  const { locale, messages } = useI18n();
  const t = messages.claims;
  const fmtDays = (value: Figure | null) =>
    value === null ? '–' : isHidden(value) ? value : interpolate(t.days, { value: formatNumber(value, locale, 1) });

  return (
    <>
      <h2 className="claims-heading">{t.summaryTitle}</h2>
      <p className="muted">
        {interpolate(t.rangeNote, { from: formatPeriod(params.from, locale), to: formatPeriod(params.to, locale) })}
      </p>
      {s ? (
        <div aria-busy={isFetching} data-testid="claims-summary">
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
    </>
  );
}
