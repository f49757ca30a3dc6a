// No 'use client': a server page renders a static DataTable directly, and a client component passes it
// state and handlers. It holds no state of its own (the table is built from props on each render), so the
// server's first view and the browser's are the same markup.
import type { ReactNode } from 'react';
import {
  createTable,
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type ColumnDef,
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
  }
}

/** A column of a DataTable; `header` is its visible text (also what the sort button's title names). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns of one table carry different value types
export type DataColumn<Row> = ColumnDef<Row, any> & { header?: string };

export interface DataTableProps<Row> {
  columns: DataColumn<Row>[];
  data: Row[];
  /** Row identity: React key and the row's `data-key`. */
  rowKey?: (row: Row) => string;
  caption?: ReactNode;
  captionClassName?: string;
  className?: string;
  testId?: string;
  /** The first visible cell of a row names it (`<th scope="row">`); false where no column does. */
  rowHeaders?: boolean;
  rowClassName?: (row: Row) => string | undefined;
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
      className={meta?.numeric ? 'num' : undefined}
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
    </th>
  );
}

/**
 * A table drawn by TanStack Table from typed columns: semantic markup (caption, `th scope`, `aria-sort`),
 * sorting and a row limit where the owner asks for them, a footer row where columns define `footer`.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const table = buildTable(props);
  const rowHeaders = props.rowHeaders ?? true;
  const hasFooter = table.getAllLeafColumns().some((column) => column.columnDef.footer !== undefined);
  return (
    <table className={props.className ?? 'data-table'} data-testid={props.testId}>
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
          <tr key={row.id} data-key={props.rowKey ? row.id : undefined} className={props.rowClassName?.(row.original)}>
            {row.getVisibleCells().map((cell, i) => {
              const content = flexRender(cell.column.columnDef.cell, cell.getContext());
              return i === 0 && rowHeaders ? (
                <th key={cell.id} scope="row">
                  {content}
                </th>
              ) : (
                <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? 'num' : undefined} data-column={cell.column.id}>
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {hasFooter ? (
        <tfoot>
          {table.getFooterGroups().map((group) => (
            <tr key={group.id} data-key={props.footerKey}>
              {group.headers.map((header, i) => {
                const content = flexRender(header.column.columnDef.footer, header.getContext());
                return i === 0 && rowHeaders ? (
                  <th key={header.id} scope="row">
                    {content}
                  </th>
                ) : (
                  <td key={header.id} className={header.column.columnDef.meta?.numeric ? 'num' : undefined} data-column={header.column.id}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tfoot>
      ) : null}
    </table>
  );
}
