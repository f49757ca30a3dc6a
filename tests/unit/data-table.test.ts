import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type DataColumn, type DataTableProps } from '@/components/ui/data-table';

interface Row {
  code: string;
  name: string;
  members: number;
}

const rows: Row[] = [
  { code: 'a', name: 'Alas', members: 12 },
  { code: 'b', name: 'Batu', members: 40 },
  { code: 'c', name: 'Cempaka', members: 7 },
];

const columns: DataColumn<Row>[] = [
  { id: 'name', accessorKey: 'name', header: 'Nama' },
  { id: 'members', accessorKey: 'members', header: 'Peserta', meta: { numeric: true }, footer: () => '59' },
];

const html = (props: Partial<DataTableProps<Row>>) =>
  renderToStaticMarkup(createElement(DataTable<Row>, { columns, data: rows, rowKey: (row) => row.code, ...props }));
const keys = (markup: string) => [...markup.matchAll(/<tbody>.*<\/tbody>/g)][0]![0].match(/data-key="(\w)"/g);

describe('DataTable (rendered on the server, as a page does)', () => {
  it('draws rows in data order with a row header, figure cells and the footer row', () => {
    const markup = html({ caption: 'Desa', footerKey: 'total' });
    expect(markup).toContain('<caption>Desa</caption>');
    expect(markup).toContain('<th scope="col">Nama</th><th scope="col" class="num">Peserta</th>');
    expect(markup).toContain('<tr data-key="a"><th scope="row">Alas</th><td class="num" data-column="members">12</td></tr>');
    expect(markup).toContain('<tfoot><tr data-key="total"><th scope="row"></th><td class="num" data-column="members">59</td></tr></tfoot>');
    expect(keys(markup)).toEqual(['data-key="a"', 'data-key="b"', 'data-key="c"']);
  });

  it('sorts by the state it is given, marks the sorted heading and makes headings buttons', () => {
    const markup = html({ sorting: [{ id: 'members', desc: true }], onSortingChange: () => {}, sortTitle: (c) => `Urutkan ${c}` });
    expect(keys(markup)).toEqual(['data-key="b"', 'data-key="a"', 'data-key="c"']);
    expect(markup).toContain('aria-sort="descending"><button type="button" class="sort-button" title="Urutkan Peserta">Peserta<span aria-hidden="true"> ▼</span>');
  });

  it('leaves rows in the order given when the server sorted them, and draws only the first rows asked for', () => {
    expect(keys(html({ sorting: [{ id: 'members', desc: true }], manualSorting: true }))).toEqual(['data-key="a"', 'data-key="b"', 'data-key="c"']);
    expect(keys(html({ sorting: [{ id: 'members', desc: false }], rowLimit: 2 }))).toEqual(['data-key="c"', 'data-key="a"']);
  });

  it('leaves out hidden columns', () => {
    expect(html({ columnVisibility: { members: false } })).not.toContain('Peserta');
  });
});
