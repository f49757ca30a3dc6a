// Reading an upload without holding it: the multipart body is split by busboy as it arrives, and the file
// part is recognised (xlsx by its zip signature, otherwise CSV), decoded (UTF-8, or Windows-1252 when the
// bytes are not UTF-8) and cut into records by csv-parse chunk by chunk. Memory stays at one chunk.
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { parse as parseCsv, type Info } from 'csv-parse';
import type { ImportSource } from '@/contracts/imports';

export class UploadError extends Error {
  constructor(
    readonly code:
      | 'too_large'
      | 'not_csv'
      | 'no_file'
      | 'empty_file'
      | 'bad_multipart'
      | 'no_rows'
      | 'bad_csv'
      | 'bad_xlsx'
      | 'old_xls'
      | 'mixed_encoding'
      | 'xlsx_number_nik',
    readonly values: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'UploadError';
  }
}

export interface CsvRecord {
  /** The line of the file on which the record starts (the header is line 1; in xlsx, the sheet's row). */
  line: number;
  cells: string[];
}

/** Counts bytes as they pass and stops with `too_large` past the limit, whatever Content-Length said. */
export async function* limitBytes(source: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.byteLength;
    if (total > limit) throw new UploadError('too_large', { limit });
    yield chunk;
  }
}

/** The bytes of one named file field of a multipart/form-data body, streamed; other parts are skipped. */
export function openMultipartFile(
  body: AsyncIterable<Uint8Array>,
  contentType: string,
  field = 'file',
): Promise<{ fileName: string; bytes: AsyncIterable<Uint8Array> }> {
  if (!/^multipart\/form-data/i.test(contentType)) return Promise.reject(new UploadError('no_file'));
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8', limits: { files: 5, fields: 50, parts: 60 } });
  } catch {
    // No boundary, or not multipart after all.
    return Promise.reject(new UploadError('no_file'));
  }
  return new Promise((resolve, reject) => {
    let found = false;
    parser.on('file', (name, stream, info) => {
      if (found || name !== field) {
        stream.resume();
        return;
      }
      found = true;
      const fileName = (info.filename ?? '').split(/[\\/]/).pop()!.slice(0, 200);
      resolve({ fileName, bytes: fileBytes(stream) });
    });
    parser.on('error', (error: unknown) => {
      if (!found) reject(error instanceof UploadError ? error : new UploadError('bad_multipart'));
    });
    parser.on('close', () => {
      if (!found) reject(new UploadError('no_file'));
    });
    const source = Readable.from(body);
    // busboy hands a destroy's error on to the open file stream, so a byte limit reaches its reader.
    source.on('error', (error) => parser.destroy(error));
    source.pipe(parser);
  });
}

async function* fileBytes(stream: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (error) {
    throw error instanceof UploadError ? error : new UploadError('bad_multipart');
  }
}

/** The first `size` bytes (fewer only at the end) and the whole stream again, unread. */
async function peek(bytes: AsyncIterable<Uint8Array>, size: number): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const iterator = bytes[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let length = 0;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    length += next.value.byteLength;
  }
  const head = Buffer.concat(seen).subarray(0, size);
  async function* all() {
    yield* seen;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, all: all() };
}

const startsWith = (head: Uint8Array, signature: number[]) => signature.every((byte, i) => head[i] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * The records of an uploaded file of any accepted format: xlsx is recognised by its content (a zip), not by
 * its name; everything else is read as CSV. `source` is filled in as the file is read. Blank rows are
 * skipped; a file with a header but no data row is refused (`no_rows`), never "imported 0 rows".
 */
export async function* fileRecords(bytes: AsyncIterable<Uint8Array>, source: ImportSource = { format: 'csv' }): AsyncGenerator<CsvRecord[]> {
  const { head, all } = await peek(bytes, 4);
  if (startsWith(head, ZIP)) {
    // Loaded on demand: exceljs is large and most uploads are CSV.
    const { xlsxRecords } = await import('@/server/imports/xlsx');
    yield* dataRecords(xlsxRecords(all, source));
    return;
  }
  if (startsWith(head, OLE)) throw new UploadError('old_xls');
  yield* csvRecords(all, source);
}

/**
 * Drops blank records; refuses a file with no record (`empty_file`) or only a header (`no_rows`). The
 * header is held back until a data row follows it, so a header-only file is refused as such, whatever
 * its header says.
 */
export async function* dataRecords(records: AsyncIterable<CsvRecord[]>): AsyncGenerator<CsvRecord[]> {
  let header: CsvRecord | null = null;
  let rows = 0;
  for await (const chunk of records) {
    const kept = chunk.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
    if (rows === 0 && kept.length > 0) {
      header ??= kept.shift()!;
      if (kept.length === 0) continue;
      kept.unshift(header);
      rows--;
    }
    rows += kept.length;
    if (kept.length > 0) yield kept;
  }
  if (!header) throw new UploadError('empty_file');
  if (rows === 0) throw new UploadError('no_rows');
}

/** Bytes of a UTF-8 prefix that ends on a character border (an incomplete last character is held back). */
function completeUtf8(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * Decoded text. A UTF-16 byte-order mark means UTF-16 (Excel's "Unicode text"); otherwise UTF-8 (a BOM is
 * dropped) until a byte sequence that is not UTF-8 shows up, which means Windows-1252 (Excel's "CSV" on
 * Windows). Text read before then was plain ASCII, the same in both. A NUL byte means a binary file.
 */
export async function* decodeText(bytes: AsyncIterable<Uint8Array>, source: ImportSource): AsyncGenerator<string> {
  const { head, all } = await peek(bytes, 3);
  if (head.length === 0) throw new UploadError('empty_file');
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    const encoding = head[0] === 0xff ? 'utf-16le' : 'utf-16be';
    source.encoding = encoding;
    const decoder = new TextDecoder(encoding);
    for await (const chunk of all) yield decoder.decode(chunk, { stream: true });
    yield decoder.decode();
    return;
  }
  source.encoding = 'utf-8';
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const cp1252 = new TextDecoder('windows-1252');
  let skip = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  let carry: Uint8Array = new Uint8Array(0);
  let sawNonAscii = false;
  const fallBack = (data: Uint8Array) => {
    if (sawNonAscii) throw new UploadError('mixed_encoding');
    source.encoding = 'windows-1252';
    return cp1252.decode(data);
  };
  for await (const chunk of all) {
    if (chunk.includes(0)) throw new UploadError('not_csv');
    let data: Uint8Array = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    carry = new Uint8Array(0);
    if (skip > 0) {
      const dropped = Math.min(skip, data.length);
      data = data.subarray(dropped);
      skip -= dropped;
    }
    if (data.length === 0) continue;
    if ((source.encoding as string) === 'windows-1252') {
      yield cp1252.decode(data);
      continue;
    }
    const cut = completeUtf8(data);
    let text: string;
    try {
      text = utf8.decode(data.subarray(0, cut));
      sawNonAscii ||= data.subarray(0, cut).some((byte) => byte >= 0x80);
      carry = data.slice(cut);
    } catch {
      text = fallBack(data);
    }
    yield text;
  }
  if (carry.length > 0) {
    let text: string;
    try {
      text = utf8.decode(carry);
    } catch {
      text = fallBack(carry);
    }
    yield text;
  }
}

type Delimiter = NonNullable<ImportSource['delimiter']>;
const DELIMITERS: Delimiter[] = [',', ';', '\t'];

/** The delimiter the header line uses most outside quotes (comma when it has none: one column). */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** The text up to the first line break outside quotes, or null when none has arrived yet. */
function firstLine(text: string): string | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return null;
}

/**
 * CSV records from raw bytes (RFC 4180 quotes; CRLF, LF or CR line ends; `,`, `;` or tab detected from the
 * header line). `source` says which encoding and delimiter were used.
 */
export async function* csvRecords(bytes: AsyncIterable<Uint8Array>, source: ImportSource = { format: 'csv' }): AsyncGenerator<CsvRecord[]> {
  source.format = 'csv';
  yield* dataRecords(parseText(decodeText(bytes, source), source));
}

async function* parseText(text: AsyncIterable<string>, source: ImportSource): AsyncGenerator<CsvRecord[]> {
  let pending = '';
  let parser: ReturnType<typeof parseCsv> | null = null;
  let failure: unknown = null;
  let lastLine = 0;
  const out: CsvRecord[] = [];
  const open = (header: string) => {
    source.delimiter = detectDelimiter(header);
    const p = parseCsv({ delimiter: source.delimiter, info: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true });
    p.on('data', ({ record, info }: { record: string[]; info: Info }) => {
      // `info.lines` is the line the record ends on; a quoted cell may span lines.
      const spans = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      lastLine = info.lines;
      out.push({ line: info.lines - spans, cells: record });
    });
    p.on('error', (error) => {
      failure ??= error;
    });
    return p;
  };
  const check = () => {
    if (failure) throw failure instanceof UploadError ? failure : new UploadError('bad_csv', { line: lastLine + 1 });
  };
  for await (const piece of text) {
    // Line ends as one: CRLF and a lone CR become LF, so that csv-parse counts lines alike. A CR at the
    // end of a piece waits for the next one, which may start with its LF.
    let chunk = pending + piece;
    pending = '';
    if (chunk.endsWith('\r')) {
      pending = '\r';
      chunk = chunk.slice(0, -1);
    }
    chunk = chunk.replace(/\r\n?/g, '\n');
    if (!parser) {
      const header = firstLine(chunk);
      if (header === null && chunk.length < 64 * 1024) {
        pending = chunk + pending;
        continue;
      }
      parser = open(header ?? chunk);
    }
    if (!parser.write(chunk)) {
      const p = parser;
      await new Promise<void>((resolve) => p.once('drain', resolve));
    }
    check();
    if (out.length > 0) yield out.splice(0, out.length);
  }
  const rest = pending.replace(/\r\n?/g, '\n');
  parser ??= open(rest);
  const p = parser;
  await new Promise<void>((resolve) => {
    p.once('end', resolve);
    p.once('error', () => resolve());
    p.end(rest);
  });
  check();
  if (out.length > 0) yield out.splice(0, out.length);
}
