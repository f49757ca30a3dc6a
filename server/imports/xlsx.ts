// The records of an .xlsx upload: the first sheet, streamed by exceljs's reader, each cell as text the
// way the CSV path would give it (an Excel date as YYYY-MM-DD, a number as its plain digits).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportSource } from '@/contracts/imports';
import { headerKey } from '@/domain/import-kinds';
import { UploadError, type CsvRecord } from '@/server/imports/stream';

/** Rows handed on at once. */
const BATCH = 500;

/** A date format code: one with d, m or y outside quoted text and [colour]/[locale] brackets. */
const isDateFormat = (format: string | undefined) => !!format && /[dmy]/i.test(format.replace(/"[^"]*"|\[[^\]]*\]/g, ''));

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel keeps 15 significant digits; printing more invents noise (0.1 + 0.2). */
function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(Number(value.toPrecision(15)));
}

function dateText(value: Date): string {
  // exceljs gives the sheet's wall-clock time as UTC.
  return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
}

/** A cell as text, and whether Excel stored it as a number. */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): { text: string; number: boolean } {
  if (value === null || value === undefined) return { text: '', number: false };
  if (value instanceof Date) return { text: dateText(value), number: false };
  if (typeof value === 'number') return { text: numberText(value), number: true };
  if (typeof value === 'string') return { text: value, number: false };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', number: false };
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join(''), number: false };
  if ('error' in value) return { text: '', number: false };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (typeof result === 'number' && isDateFormat(numFmt)) {
      // A formula's date comes back as its serial number (days since 1899-12-30).
      return { text: dateText(new Date(Math.round((result - 25569) * 86400000))), number: false };
    }
    if (result instanceof Date) return { text: dateText(result), number: false };
    return cellText((result ?? null) as ExcelJS.CellValue);
  }
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  return { text: String(value as unknown), number: false };
}

/**
 * Records of the workbook's first sheet. The first non-empty row is the header; a record's line is the
 * sheet's row number. A NIK stored as a number is refused: Excel keeps 15 digits, so a 16-digit NIK typed
 * into a number cell has already lost its last digit.
 */
export async function* xlsxRecords(bytes: AsyncIterable<Uint8Array>, source: ImportSource): AsyncGenerator<CsvRecord[]> {
  source.format = 'xlsx';
  delete source.encoding;
  delete source.delimiter;
  // The bytes are pumped by hand: a stream's error does not travel down a pipe, so a failed upload (too
  // large) ends the input, and the reason is thrown once the reader stops.
  const input = new PassThrough();
  let inputError: unknown = null;
  void (async () => {
    try {
      for await (const chunk of bytes) {
        if (!input.write(chunk)) await new Promise((resolve) => input.once('drain', resolve));
      }
    } catch (error) {
      inputError = error;
    } finally {
      input.end();
    }
  })();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let nikColumns: number[] | null = null;
  let width = 0;
  const batch: CsvRecord[] = [];
  let sawSheet = false;
  try {
    for await (const worksheet of reader) {
      const first = (reader as unknown as { model?: { sheets?: { name?: string }[] } }).model?.sheets?.[0]?.name;
      if (first && (worksheet as unknown as { name?: string }).name && (worksheet as unknown as { name?: string }).name !== first) continue;
      sawSheet = true;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        const numbers = new Set<number>();
        const count = Math.max(width, values.length - 1);
        for (let column = 1; column <= count; column++) {
          const cell = values[column] === undefined ? null : row.getCell(column);
          const { text, number } = cell ? cellText(cell.value, cell.numFmt) : { text: '', number: false };
          cells.push(text);
          if (number) numbers.add(column - 1);
        }
        if (!cells.some((cell) => cell.trim() !== '')) continue;
        if (nikColumns === null) {
          width = cells.length;
          nikColumns = cells.flatMap((cell, i) => (headerKey(cell) === 'nik' ? [i] : []));
        } else {
          for (const i of nikColumns) if (numbers.has(i)) throw new UploadError('xlsx_number_nik', { line: row.number, column: cells[i] ?? '' });
        }
        batch.push({ line: row.number, cells });
        if (batch.length >= BATCH) yield batch.splice(0, batch.length);
      }
      // The first sheet only.
      break;
    }
  } catch (error) {
    if (error instanceof UploadError) throw error;
    if (inputError) throw inputError;
    throw new UploadError('bad_xlsx');
  }
  if (inputError) throw inputError;
  if (!sawSheet) throw new UploadError('bad_xlsx');
  if (batch.length > 0) yield batch;
}
