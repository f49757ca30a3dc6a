'use client';

import { useQuery } from '@tanstack/react-query';
import { useI18n } from '@/components/i18n-provider';
import { usePeriod } from '@/components/url-state';
import type { CoverageBy, CoverageRow } from '@/contracts/coverage';
import { formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';
import { coverageQuery } from '@/components/coverage/queries';
import { summaryQuery } from '@/components/overview/queries';
import type { SummaryView } from '@/contracts/summary';
import { SortableTable, type Column, type RowLink, type TableRow } from './sortable-table';

/**
 * A region's coverage split by one grouping for the month in the URL: rendered on the server first,
 * refetched from /api/v1/coverage when the month changes. With `total`, a footer row shows the
 * region's own summary (the sum of its rows' numerators over the sum of their denominators).
 */
export function CoverageTable({
  region,
  by,
  initialPeriod,
  initialRows,
  initialProvisional,
  columns,
  caption,
  link,
  total,
  initialSort,
  testId,
  community,
}: {
  region: string;
  by: CoverageBy;
  initialPeriod: string;
  initialRows: CoverageRow[];
  /** Whether the initial month is provisional (the view's `provisional`). */
  initialProvisional: boolean;
  columns: Column[];
  caption: string;
  link?: RowLink;
  total?: { label: string; initial: SummaryView };
  initialSort?: { key: string; direction: 'asc' | 'desc' };
  testId?: string;
  /** Only the members of one community (a community's page). */
  community?: number;
}) {
  const { locale, messages } = useI18n();
  const period = usePeriod(initialPeriod);
  const { data, isFetching, error } = useQuery({
    ...coverageQuery(region, period, by, community),
    initialData: period === initialPeriod ? { rows: initialRows, period, region, by, provisional: initialProvisional } : undefined,
  });
  const summary = useQuery({
    ...summaryQuery(region, period),
    enabled: Boolean(total),
    initialData: total && period === total.initial.period ? total.initial : undefined,
  });
  const rows = (data?.rows ?? []) as unknown as TableRow[];
  const footer =
    total && summary.data
      ? ({
          ...(summary.data as unknown as Record<string, unknown>),
          key: 'total',
          name: total.label,
          uncoveredWorkers:
            summary.data.informalWorkforce === null
              ? null
              : typeof summary.data.activeMembers === 'number'
                ? Math.max(summary.data.informalWorkforce - summary.data.activeMembers, 0)
                : summary.data.activeMembers,
        } as TableRow)
      : undefined;

  return (
    <div aria-busy={isFetching}>
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
      <SortableTable
        columns={columns}
        rows={rows}
        caption={interpolate(caption, { period: formatPeriod(period, locale) })}
        link={link ? { ...link, period } : undefined}
        footer={footer}
        initialSort={initialSort}
        testId={testId}
      />
      {rows.length === 0 && !isFetching ? <p className="note">{messages.coverage.empty}</p> : null}
    </div>
  );
}
