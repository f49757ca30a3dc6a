'use client';

import type { ReactNode } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { PairBarChart } from '@/components/charts/pair-bar-chart';
import { ShareBarChart } from '@/components/charts/share-bar-chart';
import { Explain } from '@/components/explain/explain';
import { TrendChart } from '@/components/charts/trend-chart';
import { useI18n } from '@/components/i18n-provider';
import { DataTable, type DataColumn } from '@/components/ui/data-table';
import { pushSearchParams, usePeriod, useRange } from '@/components/url-state';
import type { CoverageRow, TrendView } from '@/contracts/coverage';
import { formatNumber, formatPercent, formatPeriod, formatShortPeriod, type Figure } from '@/domain/format';
import { interpolate } from '@/i18n';
import { addMonths, TREND_RANGES } from '@/domain/month';
import type { SummaryMetric } from '@/domain/summary-metrics';
import { coverageQuery, trendQuery } from '@/components/coverage/queries';

const METRICS = ['activeMembers', 'coverageRate', 'newEnrolments', 'lapsedMembers'] as const satisfies readonly SummaryMetric[];

const numeric = (value: Figure | null | undefined): number | null => (typeof value === 'number' ? value : null);

/**
 * The overview's trend charts (active members with the coverage rate; new enrolments against members
 * in arrears) over the range in the URL, and the channel mix of the month. Each chart has a text
 * summary and its data as a table.
 */
export function CoverageTrends({
  region,
  initialPeriod,
  initialRange,
  initialTrends,
  initialChannels,
  initialProvisional,
}: {
  region: string;
  initialPeriod: string;
  initialRange: number;
  initialTrends: Record<(typeof METRICS)[number], TrendView>;
  initialChannels: CoverageRow[];
  /** Whether the initial month is provisional (the channel view's `provisional`). */
  initialProvisional: boolean;
}) {
  const { locale, messages } = useI18n();
  const t = messages.coverage;
  const o = messages.overview;
  const params = useSearchParams();
  const period = usePeriod(initialPeriod);
  const range = useRange(initialRange);
  const from = addMonths(period, -(range - 1));
  const initialKey = period === initialPeriod && range === initialRange;

  const trends = useQueries({
    queries: METRICS.map((metric) => ({
      ...trendQuery(region, metric, from, period),
      initialData: initialKey ? initialTrends[metric] : undefined,
    })),
  });
  const channels = useQuery({
    ...coverageQuery(region, period, 'channel'),
    initialData: period === initialPeriod ? { rows: initialChannels, period, region, by: 'channel' as const, provisional: initialProvisional } : undefined,
  });
  const [active, rate, enrolments, lapsed] = trends.map((q) => q.data);
  const busy = trends.some((q) => q.isFetching) || channels.isFetching;
  const error = trends.find((q) => q.error)?.error ?? channels.error;

  const months = active?.points.map((p) => p.period) ?? [];
  const at = (view: TrendView | undefined, i: number) => view?.points[i]?.value ?? null;
  const provisionalAt = (i: number) => active?.points[i]?.provisional === true;
  const anyProvisional = months.some((_, i) => provisionalAt(i));
  const pt = messages.provisional;
  // The table names a provisional month as such: the chart's dashes are hidden from screen readers.
  const monthName = (p: string, i: number) =>
    provisionalAt(i) ? (
      <>
        {formatPeriod(p, locale)} <span className="flag flag-info">{pt.badge.toLowerCase()}</span>
      </>
    ) : (
      formatPeriod(p, locale)
    );
  const fmtN = (v: Figure | null) => formatNumber(v, locale);
  const fmtP = (v: Figure | null) => formatPercent(v, locale);

  const first = 0;
  const last = months.length - 1;
  const enrolTotal = enrolments?.points.reduce<number | null>(
    (sum, p) => (sum === null || typeof p.value !== 'number' ? null : sum + p.value),
    0,
  );

  const channelRows = (channels.data?.rows ?? []).filter((row) => row.newEnrolments !== 0);
  const allNumeric = channelRows.every((row) => typeof row.newEnrolments === 'number');
  const channelTotal = channelRows.reduce((sum, row) => sum + (numeric(row.newEnrolments) ?? 0), 0);
  const shares = channelRows
    .map((row) => ({ label: row.name, count: row.newEnrolments, share: allNumeric && channelTotal > 0 ? ((numeric(row.newEnrolments) ?? 0) / channelTotal) * 100 : null }))
    .sort((a, b) => (numeric(b.count) ?? 0) - (numeric(a.count) ?? 0));

  return (
    <section className="trends" aria-busy={busy} aria-labelledby="trends-heading">
      <div className="section-head">
        <h2 id="trends-heading" className="visually-hidden">
          {t.trendTitle}
        </h2>
        <div className="range-picker no-print">
          <label htmlFor="range-select">{t.rangeLabel}</label>
          <select
            id="range-select"
            value={range}
            onChange={(event) => pushSearchParams(params, { range: event.target.value })}
          >
            {TREND_RANGES.map((months) => (
              <option key={months} value={months}>
                {interpolate(t.rangeMonths, { months })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
      <div className="chart-grid">
        <figure className="panel">
          <figcaption className="chart-head">
            <h3>{t.trendTitle}</h3>
            <Explain label={o.activeMembers} indicator="activeMembers" print={false} />
            <Explain label={o.coverageRate} indicator="coverageRate" print={false} />
          </figcaption>
          {months.length > 0 ? (
            <>
              <TrendChart
                data={months.map((p, i) => ({
                  label: formatShortPeriod(p, locale),
                  bar: numeric(at(active, i)),
                  line: numeric(at(rate, i)),
                  provisional: provisionalAt(i),
                }))}
                provisionalLabel={pt.badge}
                barLabel={o.activeMembers}
                lineLabel={o.coverageRate}
                formatBar={(v) => formatNumber(v, locale)}
                formatLine={(v) => formatPercent(v, locale, 0)}
              />
              <p className="chart-text" data-testid="trend-text">
                {interpolate(t.trendText, {
                  from: formatPeriod(months[first]!, locale),
                  to: formatPeriod(months[last]!, locale),
                  startActive: fmtN(at(active, first)),
                  endActive: fmtN(at(active, last)),
                  startRate: fmtP(at(rate, first)),
                  endRate: fmtP(at(rate, last)),
                })}
              </p>
              {anyProvisional ? (
                <p className="chart-text" data-testid="trend-provisional-note">
                  {pt.trendNote}
                </p>
              ) : null}
              <MonthTable
                summary={t.showTable}
                monthHeader={t.month}
                rows={months.map((p, i) => ({ month: monthName(p, i), cells: [fmtN(at(active, i)), fmtP(at(rate, i))] }))}
                headers={[o.activeMembers, o.coverageRate]}
              />
            </>
          ) : (
            <p>{t.loading}</p>
          )}
        </figure>
        <figure className="panel">
          <figcaption className="chart-head">
            <h3>{t.flowTitle}</h3>
            <Explain label={o.newEnrolments} indicator="newEnrolments" print={false} />
            <Explain label={o.lapsedMembers} indicator="lapsedMembers" print={false} />
          </figcaption>
          {months.length > 0 ? (
            <>
              <PairBarChart
                data={months.map((p, i) => ({
                  label: formatShortPeriod(p, locale),
                  a: numeric(at(enrolments, i)),
                  b: numeric(at(lapsed, i)),
                  provisional: provisionalAt(i),
                }))}
                aLabel={o.newEnrolments}
                bLabel={o.lapsedMembers}
                format={(v) => formatNumber(v, locale)}
              />
              <p className="chart-text">
                {interpolate(t.flowText, {
                  from: formatPeriod(months[first]!, locale),
                  to: formatPeriod(months[last]!, locale),
                  enrolments: enrolTotal === null || enrolTotal === undefined ? '–' : fmtN(enrolTotal),
                  lapsed: fmtN(at(lapsed, last)),
                })}
              </p>
              {anyProvisional ? <p className="chart-text">{pt.trendNote}</p> : null}
              <MonthTable
                summary={t.showTable}
                monthHeader={t.month}
                rows={months.map((p, i) => ({ month: monthName(p, i), cells: [fmtN(at(enrolments, i)), fmtN(at(lapsed, i))] }))}
                headers={[o.newEnrolments, o.lapsedMembers]}
              />
            </>
          ) : (
            <p>{t.loading}</p>
          )}
        </figure>
        <figure className="panel">
          <figcaption className="chart-head">
            <h3>{interpolate(t.channelTitle, { period: formatPeriod(period, locale) })}</h3>
            <Explain label={t.share} indicator="channelShare" print={false} />
          </figcaption>
          {shares.length === 0 ? (
            <p>{t.channelEmpty}</p>
          ) : (
            <>
              {allNumeric ? (
                <ShareBarChart
                  data={shares.map((s) => ({ label: s.label, value: s.share ?? 0 }))}
                  format={(v) => formatPercent(v, locale, 0)}
                />
              ) : null}
              <DataTable
                className="data-table compact"
                testId="channel-table"
                data={shares}
                columns={[
                  { id: 'channel', header: t.channel, cell: ({ row }) => row.original.label },
                  { id: 'enrolments', header: t.enrolments, meta: { numeric: true }, cell: ({ row }) => fmtN(row.original.count) },
                  { id: 'share', header: t.share, meta: { numeric: true }, cell: ({ row }) => fmtP(row.original.share) },
                ]}
              />
            </>
          )}
        </figure>
      </div>
    </section>
  );
}

interface MonthRow {
  month: ReactNode;
  cells: string[];
}

/** A chart's figures as a table, folded under a summary: the text alternative of a trend chart. */
function MonthTable({
  summary,
  monthHeader,
  headers,
  rows,
}: {
  summary: string;
  monthHeader: string;
  headers: string[];
  rows: MonthRow[];
}) {
  return (
    <details>
      <summary>{summary}</summary>
      <div className="table-wrap">
        <DataTable
          className="data-table compact month-table"
          data={rows}
          columns={[
            { id: 'month', header: monthHeader, cell: ({ row }) => row.original.month },
            ...headers.map((header, i): DataColumn<MonthRow> => ({ id: `cell-${i}`, header, meta: { numeric: true }, cell: ({ row }) => row.original.cells[i] })),
          ]}
        />
      </div>
    </details>
  );
}
