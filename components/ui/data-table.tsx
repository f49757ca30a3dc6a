// No 'use client': a server page renders a static DataTable directly, and a client component passes it
// state and handlers. It holds no state of its own (the table is built from props on each render), so the
// server's first view and the browser's are the same markup.
import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';
import {
  createTable,
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type Column,
  type ColumnDef,
  type ColumnMeta,
  type Header,
  type RowData,
  type SortingState,
  type Table,
  type TableState,
  type VisibilityState,
} from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  // The names must match the library's declaration for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Figures: right-aligned header and cells (`num`). */
    numeric?: boolean;
    /** The header's title attribute, where the header itself is an abbreviation. */
    title?: string;
    /** This column's cells name their rows (`<th scope="row">`), where it is not the first one. */
    rowHeader?: boolean;
    /** A class of the column's body cells (e.g. a long file name that may break anywhere). */
    cellClassName?: string;
    /** Drawn after the heading's label (e.g. a control that explains the column's figure). */
    headerExtra?: ReactNode;
  }
}

/** A column of a DataTable; a string `header` is also what the sort button's title names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns of one table carry different value types
export type DataColumn<Row> = ColumnDef<Row, any>;

export interface DataTableProps<Row> {
  columns: DataColumn<Row>[];
  data: Row[];
  /** Row identity: React key and the row's `data-key`. */
  rowKey?: (row: Row) => string;
  caption?: ReactNode;
  captionClassName?: string;
  className?: string;
  style?: CSSProperties;
  testId?: string;
  /** The first visible cell of a row names it (`<th scope="row">`); false where no column does. */
  rowHeaders?: boolean;
  /** Attributes of a body row (a class, `data-*` that tests and scripts find it by). */
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };
  /** The class of figure cells, where a stylesheet module names it. */
  numericClassName?: string;
  /** `data-key` of the footer row, where columns define `footer`. */
  footerKey?: string;
  /** With `onSortingChange`, headings are sort buttons; `manualSorting` where the server sorted the rows. */
  sorting?: SortingState;
  onSortingChange?: (next: SortingState) => void;
  manualSorting?: boolean;
  /** The sort button's title, e.g. "Sort by {column}". */
  sortTitle?: (label: string) => string;
  /** Draw only the first rows of the order chosen (the owner offers the rest). */
  rowLimit?: number;
  columnVisibility?: VisibilityState;
}

function buildTable<Row>(props: DataTableProps<Row>): Table<Row> {
  const state: Partial<TableState> = {
    sorting: props.sorting ?? [],
    columnVisibility: props.columnVisibility ?? {},
    pagination: { pageIndex: 0, pageSize: props.rowLimit ?? Number.MAX_SAFE_INTEGER },
  };
  const table = createTable<Row>({
    data: props.data,
    columns: props.columns,
    getRowId: props.rowKey ? (row) => props.rowKey!(row) : undefined,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: props.manualSorting ? undefined : getSortedRowModel(),
    getPaginationRowModel: props.rowLimit === undefined ? undefined : getPaginationRowModel(),
    manualSorting: props.manualSorting,
    state,
    onStateChange: () => {},
    renderFallbackValue: null,
  });
  // createTable leaves `state` as given; the features read every slice, so start from their defaults.
  table.setOptions((options) => ({ ...options, state: { ...table.initialState, ...state } }));
  return table;
}

const cellClass = (meta: ColumnMeta<never, unknown> | undefined, numeric: string) =>
  [meta?.numeric ? numeric : '', meta?.cellClassName ?? ''].filter(Boolean).join(' ') || undefined;

/** The next sort of a click on a heading: the other direction, or the column's first one. */
function nextSorting<Row>(header: Header<Row, unknown>, sorting: SortingState): SortingState {
  const active = sorting[0]?.id === header.column.id ? sorting[0] : undefined;
  const desc = active ? !active.desc : header.column.getFirstSortDir() === 'desc';
  return [{ id: header.column.id, desc }];
}

/** One column heading: the only place headers are drawn. */
function HeaderCell<Row>({ header, props }: { header: Header<Row, unknown>; props: DataTableProps<Row> }) {
  const { column } = header;
  const meta = column.columnDef.meta;
  const label = flexRender(column.columnDef.header, header.getContext());
  const sorted = props.sorting?.[0]?.id === column.id ? props.sorting[0] : undefined;
  const sortable = props.onSortingChange !== undefined && column.columnDef.enableSorting !== false;
  const text = typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id;
  return (
    <th
      scope="col"
      className={meta?.numeric ? (props.numericClassName ?? 'num') : undefined}
      title={meta?.title}
      aria-sort={sorted ? (sorted.desc ? 'descending' : 'ascending') : undefined}
    >
      {sortable ? (
        <button
          type="button"
          className="sort-button"
          title={props.sortTitle?.(text)}
          onClick={() => props.onSortingChange!(nextSorting(header, props.sorting ?? []))}
        >
          {label}
          <span aria-hidden="true">{sorted ? (sorted.desc ? ' ▼' : ' ▲') : ''}</span>
        </button>
      ) : (
        label
      )}
      {meta?.headerExtra}
    </th>
  );
}

/**
 * A table drawn by TanStack Table from typed columns: semantic markup (caption, `th scope`, `aria-sort`),
 * sorting and a row limit where the owner asks for them, a footer row where columns define `footer`.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const table = buildTable(props);
  const numeric = props.numericClassName ?? 'num';
  const marked = table.getAllLeafColumns().find((column) => column.columnDef.meta?.rowHeader)?.id;
  // The row is named by the column marked so, else by its first cell.
  const isRowHeader = (columnId: string, i: number) => (marked ? columnId === marked : i === 0 && (props.rowHeaders ?? true));
  // One body or footer cell: the row's name in a row header, anything else in a cell its column names.
  const cell = (id: string, column: Column<Row, unknown>, i: number, content: ReactNode) =>
    isRowHeader(column.id, i) ? (
      <th key={id} scope="row">
        {content}
      </th>
    ) : (
      <td key={id} className={cellClass(column.columnDef.meta, numeric)} data-column={column.id}>
        {content}
      </td>
    );
  const hasFooter = table.getAllLeafColumns().some((column) => column.columnDef.footer !== undefined);
  return (
    <table className={props.className ?? 'data-table'} style={props.style} data-testid={props.testId}>
      {props.caption !== undefined ? <caption className={props.captionClassName}>{props.caption}</caption> : null}
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <HeaderCell key={header.id} header={header} props={props} />
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-key={props.rowKey ? row.id : undefined} {...props.rowProps?.(row.original)}>
            {row.getVisibleCells().map((c, i) => cell(c.id, c.column, i, flexRender(c.column.columnDef.cell, c.getContext())))}
          </tr>
        ))}
      </tbody>
      {hasFooter ? (
        <tfoot>
          {table.getFooterGroups().map((group) => (
            <tr key={group.id} data-key={props.footerKey}>
              {group.headers.map((h, i) => cell(h.id, h.column, i, flexRender(h.column.columnDef.footer, h.getContext())))}
            </tr>
          ))}
        </tfoot>
      ) : null}
    </table>
  );
}
