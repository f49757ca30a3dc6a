import 'server-only';
import ExcelJS from 'exceljs';

export interface XlsxSheetOptions {
  sheet: string;
  title?: string;
  columns?: readonly string[];
}

/**
 * Rows as an Excel workbook (one sheet, a bold frozen header, numbers as numbers). Text goes in as
 * text values, never as formulas, so a cell starting with "=" cannot run in the officer's Excel.
 */
export async function toXlsx(rows: readonly Record<string, unknown>[], options: XlsxSheetOptions): Promise<Uint8Array> {
  return toXlsxWorkbook([{ rows, ...options }]);
}

/** Several exports as the sheets of one workbook (the monthly report's attachment), each as toXlsx makes it. */
export async function toXlsxWorkbook(
  sheets: ReadonlyArray<XlsxSheetOptions & { rows: readonly Record<string, unknown>[] }>,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Payung';
  workbook.created = new Date();
  for (const { rows, ...options } of sheets) addSheet(workbook, rows, options);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function addSheet(workbook: ExcelJS.Workbook, rows: readonly Record<string, unknown>[], options: XlsxSheetOptions): void {
  const sheet = workbook.addWorksheet(options.sheet.slice(0, 31));
  const header = options.columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  let first = 1;
  if (options.title) {
    sheet.addRow([options.title]).font = { bold: true, size: 12 };
    sheet.addRow([]);
    first = 3;
  }
  const head = sheet.addRow([...header]);
  head.font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      header.map((key) => {
        const value = row[key];
        if (value === null || value === undefined) return null;
        if (typeof value === 'number') return value;
        return typeof value === 'object' ? JSON.stringify(value) : String(value);
      }),
    );
  }
  sheet.views = [{ state: 'frozen', ySplit: first }];
  header.forEach((key, i) => {
    sheet.getColumn(i + 1).width = Math.min(Math.max(key.length + 2, 12), 40);
  });
}
