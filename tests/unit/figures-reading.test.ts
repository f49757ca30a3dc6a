// The e2e figure readers (e2e/figures.ts): what the page-equals-export test calls "the same figure" must
// itself be right, or that test passes vacuously or fails on formatting.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { disagreement, fromCsv, periodOf, periodsIn, placeholders, readCsv, readShown, readXlsx, sameValue } from '../../e2e/figures';
import { formatNumber, formatPercent, formatRupiah } from '@/domain/format';
import { toCsv } from '@/server/http/csv';

describe('readShown', () => {
  it('reads Indonesian numbers, percentages, Rupiah and days with the decimals shown', () => {
    expect(readShown('2.185')).toEqual({ kind: 'number', value: 2185, decimals: 0 });
    expect(readShown('12,4%')).toEqual({ kind: 'number', value: 12.4, decimals: 1 });
    expect(readShown('0,05%')).toEqual({ kind: 'number', value: 0.05, decimals: 2 });
    expect(readShown('Rp 1.234.500')).toEqual({ kind: 'number', value: 1234500, decimals: 0 });
    expect(readShown('3,5 hari')).toEqual({ kind: 'number', value: 3.5, decimals: 1 });
    expect(readShown('1,25×')).toEqual({ kind: 'number', value: 1.25, decimals: 2 });
    expect(readShown('−1,5')).toEqual({ kind: 'number', value: -1.5, decimals: 1 });
  });

  it('keeps hidden figures and text apart from numbers', () => {
    expect(readShown('<5')).toEqual({ kind: 'hidden', value: '<5' });
    expect(readShown(' x ')).toEqual({ kind: 'hidden', value: 'x' });
    expect(readShown('–')).toEqual({ kind: 'text', value: '–' });
    // "1.2345" is no Indonesian number (a thousands group has three digits).
    expect(readShown('1.2345').kind).toBe('text');
  });

  it('reads back what domain/format writes', () => {
    for (const value of [0, 7, 2185, 17675, 1234567]) expect(readShown(formatNumber(value))).toMatchObject({ value });
    expect(readShown(formatRupiah(16800))).toMatchObject({ value: 16800 });
    expect(readShown(formatPercent(12.3632))).toMatchObject({ value: 12.4, decimals: 1 });
  });
});

describe('disagreement', () => {
  it('accepts a figure rounded as shown and nothing else', () => {
    // 2185 / 17675 = 12.3621…%, shown with one decimal as 12,4%.
    expect(disagreement('12,4%', (2185 / 17675) * 100)).toBeNull();
    expect(disagreement('12,3%', (2185 / 17675) * 100)).toMatch(/surface 12\.36/);
    expect(disagreement('2.185', 2185)).toBeNull();
    expect(disagreement('2.185', 2186)).not.toBeNull();
    expect(disagreement('Rp 16.800', 16800)).toBeNull();
  });

  it('wants "<5" and "x" identical, and no number where the surface has none', () => {
    expect(disagreement('<5', '<5')).toBeNull();
    expect(disagreement('x', '<5')).not.toBeNull();
    expect(disagreement('3', '<5')).not.toBeNull();
    expect(disagreement('<5', 3)).not.toBeNull();
    expect(disagreement('–', null)).toBeNull();
    expect(disagreement('belum ada denominator', null)).toBeNull();
    expect(disagreement('0', null)).not.toBeNull();
    expect(disagreement('–', 0)).not.toBeNull();
  });
});

describe('placeholders and periods', () => {
  it('takes a filled template apart', () => {
    expect(placeholders('{count} klaim dibayar pada bulan ini', '12 klaim dibayar pada bulan ini')).toEqual({ count: '12' });
    expect(placeholders('{name}: {before} → {now} peserta menunggak', 'Sari (A.1): 3 → <5 peserta menunggak')).toEqual({
      name: 'Sari (A.1)',
      before: '3',
      now: '<5',
    });
    expect(placeholders('{change} dari bulan lalu', '+3 dari November 2025')).toBeNull();
  });

  it('reads months named in Indonesian or English', () => {
    expect(periodOf('Cakupan per wilayah di Ajibarang, Oktober 2026')).toBe('2026-10');
    expect(periodOf('August 2025')).toBe('2025-08');
    expect(periodOf('Agustus')).toBeNull();
    expect(periodsIn('Klaim yang diajukan Januari 2026 – Desember 2026')).toEqual(['2026-01', '2026-12']);
  });
});

describe('export readers', () => {
  it('read a CSV written by server/http/csv as the values it was given', () => {
    const rows = readCsv(toCsv([{ key: '33.02.14.2001', name: 'Darmakradenan; "utara"', activeMembers: 2185, lapseRate: 1.25, claims: '<5', rate: null }]));
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, fromCsv(v)]));
    expect(row).toEqual({ key: '33.02.14.2001', name: 'Darmakradenan; "utara"', activeMembers: 2185, lapseRate: 1.25, claims: '<5', rate: null });
  });

  it('read a workbook whose header follows a title row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('coverage');
    sheet.addRow(['Payung · coverage-village-2026-10']);
    sheet.addRow([]);
    sheet.addRow(['key', 'activeMembers', 'coverageRate']);
    sheet.addRow(['A', 12, null]);
    sheet.addRow(['B', 'x', 4.5]);
    const rows = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { key: 'A', activeMembers: 12, coverageRate: null },
      { key: 'B', activeMembers: 'x', coverageRate: 4.5 },
    ]);
  });

  it('compares values as figures', () => {
    expect(sameValue(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameValue('<5', '<5')).toBe(true);
    expect(sameValue(null, 0)).toBe(false);
  });
});
