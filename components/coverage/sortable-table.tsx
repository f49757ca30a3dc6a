'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { SortingState } from '@tanstack/react-table';
import { DataTable, type DataColumn } from '@/components/ui/data-table';
import { useI18n } from '@/components/i18n-provider';
import { formatNumber, formatPercent, formatRupiah, isHidden } from '@/domain/format';
import { interpolate } from '@/i18n';
import { coverageNoteText, type CoverageNote } from '@/domain/data-gaps';
import type { Indicator } from '@/domain/definitions';
import { Explain } from '@/components/explain/explain';

export interface Column {
  key: string;
  label: string;
  kind: 'text' | 'count' | 'percent' | 'rupiah' | 'list';
  /**
   * Marks of the cell: a boolean field of the row and the value that shows the label (e.g. an agent at the
   * 3-month line: `inactivityFlag` true; an agent not working that month: `agentActive` false).
   */
  flags?: ReadonlyArray<{ key: string; when: boolean; label: string; tone?: 'warning' | 'info' }>;
  /** Which coverage notes (the row's `coverageNote`) explain an empty cell of this column. */
  notes?: readonly CoverageNote[];
  /**
   * Left out of the table until the reader asks for all columns, so the key columns fit an office screen
   * without a sideways scroll; the row's own page and the export carry it.
   */
  secondary?: boolean;
  /** The indicator the column shows: its heading then opens the definition (domain/definitions.ts). */
  explain?: Indicator;
}

/** Where a row's name leads: a page of its own (`path`) or the same page one level down (`region`). */
export interface RowLink {
  kind: 'path' | 'region';
  base: string;
  /** Carried along so the next page shows the same month. */
  period?: string;
}

export type TableRow = { key: string } & Record<string, unknown>;

function sortValue(value: unknown): number | string {
  if (typeof value === 'number') return value;
  // Hidden figures ("<5" and "x") sort together wherever their values lie: their order would reveal them.
  if (isHidden(value)) return 2.5;
  if (value === null || value === undefined) return -Infinity;
  if (Array.isArray(value)) return value.length;
  return String(value).toLocaleLowerCase();
}

export function hrefOf(link: RowLink, key: string): string {
  const search = new URLSearchParams();
  if (link.kind === 'region') search.set('region', key);
  if (link.period) search.set('period', link.period);
  const query = search.toString();
  const path = link.kind === 'path' ? `${link.base}${encodeURIComponent(key)}` : link.base;
  return query ? `${path}?${query}` : path;
}

const numeric = (column: Column) => column.kind !== 'text' && column.kind !== 'list';

/**
 * A DataTable of figure columns whose headings sort it; the first column names the row (and may link to
 * it). With `pageSize`, the first rows of the order chosen are drawn and the rest on request: a regency's
 * 2,943 communities drawn at once were 2.8 MB of HTML. Columns marked `secondary` appear on request.
 */
export function SortableTable({
  columns,
  rows,
  caption,
  link,
  footer,
  initialSort,
  pageSize,
  testId,
}: {
  columns: Column[];
  rows: TableRow[];
  caption: string;
  link?: RowLink;
  footer?: TableRow;
  initialSort?: { key: string; direction: 'asc' | 'desc' };
  pageSize?: number;
  testId?: string;
}) {
  const { locale, messages } = useI18n();
  const [sorting, setSorting] = useState<SortingState>([
    initialSort ? { id: initialSort.key, desc: initialSort.direction === 'desc' } : { id: columns[0]?.key ?? 'name', desc: false },
  ]);
  const [shown, setShown] = useState(pageSize ?? Number.POSITIVE_INFINITY);
  const [allColumns, setAllColumns] = useState(false);
  const hidden = columns.filter((column) => column.secondary).length;
  const show = (column: Column, value: unknown, row: TableRow): string => {
    const note = row.coverageNote as CoverageNote | null | undefined;
    if ((value === null || value === undefined) && note && column.notes?.includes(note)) return coverageNoteText(note, messages);
    if (value === null || value === undefined) return '–';
    if (column.kind === 'list') return Array.isArray(value) && value.length > 0 ? value.join(', ') : '–';
    if (column.kind === 'text') return String(value);
    const figure = isHidden(value) ? value : Number(value);
    if (column.kind === 'percent') return formatPercent(figure, locale);
    if (column.kind === 'rupiah') return formatRupiah(figure, locale);
    return formatNumber(figure, locale);
  };
  const defs: DataColumn<TableRow>[] = columns.map((column, i) => ({
    id: column.key,
    accessorFn: (row) => row[column.key],
    header: column.label,
    meta: {
      numeric: numeric(column),
      headerExtra: column.explain ? <Explain label={column.label} indicator={column.explain} print={false} /> : undefined,
    },
    sortDescFirst: column.kind !== 'text',
    sortUndefined: false,
    sortingFn: (a, b) => {
      const x = sortValue(a.original[column.key]);
      const y = sortValue(b.original[column.key]);
      return x < y ? -1 : x > y ? 1 : 0;
    },
    cell: ({ row: { original } }) => {
      const text = show(column, original[column.key], original);
      if (i === 0) return link && original.key !== 'none' ? <Link href={hrefOf(link, original.key)}>{text}</Link> : text;
      return (
        <>
          {text}
          {column.flags
            ?.filter((flag) => original[flag.key] === flag.when)
            .map((flag) => (
              <span key={flag.key} className={flag.tone === 'info' ? 'flag flag-info' : 'flag'} data-flag={flag.key}>
                {flag.label}
              </span>
            ))}
        </>
      );
    },
    footer: footer ? () => show(column, footer[column.key], footer) : undefined,
  }));
  const visibility = Object.fromEntries(columns.map((column) => [column.key, allColumns || !column.secondary]));

  return (
    <>
    {hidden > 0 ? (
      <p className="table-tools no-print">
        <button
          type="button"
          className="secondary-button"
          aria-pressed={allColumns}
          onClick={() => setAllColumns(!allColumns)}
          data-testid={testId ? `${testId}-columns` : undefined}
        >
          {allColumns ? messages.villages.keyColumns : interpolate(messages.villages.allColumns, { count: hidden })}
        </button>
      </p>
    ) : null}
    <div className="table-wrap">
      <DataTable
        columns={defs}
        data={rows}
        rowKey={(row) => row.key}
        caption={caption}
        testId={testId}
        footerKey={footer?.key}
        sorting={sorting}
        onSortingChange={setSorting}
        sortTitle={(column) => interpolate(messages.villages.sortBy, { column })}
        rowLimit={pageSize && Number.isFinite(shown) ? shown : undefined}
        columnVisibility={visibility}
      />
      {pageSize && rows.length > shown ? (
        <p className="table-more" data-testid={testId ? `${testId}-more` : undefined}>
          {interpolate(messages.villages.shownOf, { shown: formatNumber(shown, locale), total: formatNumber(rows.length, locale) })}{' '}
          <button type="button" className="secondary-button" onClick={() => setShown(shown + pageSize)}>
            {interpolate(messages.villages.showMore, { count: formatNumber(Math.min(pageSize, rows.length - shown), locale) })}
          </button>{' '}
          <button type="button" className="secondary-button" onClick={() => setShown(Number.POSITIVE_INFINITY)}>
            {messages.villages.showAll}
          </button>
        </p>
      ) : null}
    </div>
    </>
  );
}
