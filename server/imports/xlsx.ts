// The records of an .xlsx upload: the first sheet, streamed by exceljs's reader, each cell as text the
// way the CSV path would give it (an Excel date as YYYY-MM-DD, a number as its plain digits).
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportSource } from '@/contracts/imports';
import { headerKey } from '@/domain/import-kinds';
import { UploadError, type CsvRecord } from '@/server/imports/stream';

/** Buffers cut so that none ends inside a UTF-8 character (the rest waits for the next one). */
async function* utf8Boundaries(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer | string> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let cut = data.length;
    for (let back = 1; back <= Math.min(4, data.length); back++) {
      const byte = data[data.length - back]!;
      if ((byte & 0xc0) === 0x80) continue;
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      if (need > back) cut = data.length - back;
      break;
    }
    carry = Buffer.from(data.subarray(cut));
    if (cut > 0) yield data.subarray(0, cut);
  }
  if (carry.length > 0) yield carry;
}

const asyncIterable = (stream: NodeJS.ReadableStream | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> =>
  Symbol.asyncIterator in stream ? (stream as AsyncIterable<Uint8Array>) : (stream as NodeJS.ReadableStream).pipe(new PassThrough());

type ReaderInternals = {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Uint8Array>, sheetNo: string): Generator<unknown>;
};

/**
 * exceljs's streaming reader decodes each inflated chunk on its own, so a letter such as é whose two bytes
 * fall in two chunks comes out as two replacement characters. Its shared strings and sheets are handed
 * to it in chunks that end on a character border instead.
 */
function utf8SafeReader(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options);
  const internals = reader as unknown as ReaderInternals;
  const sharedStrings = internals._parseSharedStrings.bind(reader);
  const worksheet = internals._parseWorksheet.bind(reader);
  internals._parseSharedStrings = (entry) => sharedStrings(Readable.from(utf8Boundaries(asyncIterable(entry))));
  internals._parseWorksheet = (iterator, sheetNo) => worksheet(utf8Boundaries(iterator) as AsyncIterable<Uint8Array>, sheetNo);
  return reader;
}

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
  const reader = utf8SafeReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let nikColumns: number[] | null = null;
  let header: string[] = [];
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
          header = cells;
          nikColumns = cells.flatMap((cell, i) => (headerKey(cell) === 'nik' ? [i] : []));
        } else {
          for (const i of nikColumns) if (numbers.has(i)) throw new UploadError('xlsx_number_nik', { line: row.number, column: header[i]!.trim() });
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
