// Reading an upload without holding it: a multipart body is split as it arrives, and the file part is
// decoded and cut into CSV records chunk by chunk. Memory stays at one chunk plus one record.
import { Buffer } from 'node:buffer';

export class UploadError extends Error {
  constructor(
    readonly code: 'too_large' | 'not_csv' | 'no_file' | 'empty_file' | 'bad_multipart',
    readonly values: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'UploadError';
  }
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

type MultipartEvent = { type: 'part'; name: string; fileName: string | null } | { type: 'data'; bytes: Uint8Array };

/** The parts of a multipart/form-data body, streamed (RFC 7578). */
export async function* multipartEvents(body: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<MultipartEvent> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const headerEnd = Buffer.from('\r\n\r\n');
  // A leading CRLF lets the first boundary match the same delimiter as the others.
  let buf: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'after' | 'headers' | 'body' | 'done' = 'preamble';
  for await (const chunk of body) {
    buf = buf.length > 0 ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    for (;;) {
      if (state === 'preamble') {
        const i = buf.indexOf(delimiter);
        if (i < 0) {
          buf = buf.subarray(Math.max(0, buf.length - delimiter.length));
          break;
        }
        buf = buf.subarray(i + delimiter.length);
        state = 'after';
      }
      if (state === 'after') {
        if (buf.length < 2) break;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          return;
        }
        const eol = buf.indexOf('\r\n');
        if (eol < 0) break;
        buf = buf.subarray(eol + 2);
        state = 'headers';
      }
      if (state === 'headers') {
        const i = buf.indexOf(headerEnd);
        if (i < 0) {
          if (buf.length > 16 * 1024) throw new UploadError('bad_multipart');
          break;
        }
        const headers = buf.subarray(0, i).toString('utf8');
        const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
        const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
        const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
        yield { type: 'part', name, fileName };
        buf = buf.subarray(i + headerEnd.length);
        state = 'body';
      }
      if (state === 'body') {
        const i = buf.indexOf(delimiter);
        if (i < 0) {
          const safe = buf.length - (delimiter.length - 1);
          if (safe > 0) {
            yield { type: 'data', bytes: buf.subarray(0, safe) };
            buf = buf.subarray(safe);
          }
          break;
        }
        if (i > 0) yield { type: 'data', bytes: buf.subarray(0, i) };
        buf = buf.subarray(i + delimiter.length);
        state = 'after';
      }
    }
  }
  throw new UploadError('bad_multipart');
}

/** The bytes of one named file field of a multipart body; other fields are skipped. */
export async function openMultipartFile(
  body: AsyncIterable<Uint8Array>,
  contentType: string,
  field = 'file',
): Promise<{ fileName: string; bytes: AsyncIterable<Uint8Array> }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!/^multipart\/form-data/i.test(contentType) || !boundary) throw new UploadError('no_file');
  const events = multipartEvents(body, boundary[1] ?? boundary[2]!);
  for (;;) {
    const next = await events.next();
    if (next.done) throw new UploadError('no_file');
    const event = next.value;
    if (event.type === 'part' && event.name === field && event.fileName !== null) {
      const fileName = event.fileName.split(/[\\/]/).pop()!.slice(0, 200);
      return { fileName, bytes: fileBytes(events) };
    }
  }
}

async function* fileBytes(events: AsyncGenerator<MultipartEvent>): AsyncGenerator<Uint8Array> {
  for (;;) {
    const next = await events.next();
    if (next.done) return;
    if (next.value.type === 'part') {
      // Drain the rest so the request body is consumed to its end.
      for await (const rest of events) void rest;
      return;
    }
    yield next.value.bytes;
  }
}

export interface CsvRecord {
  /** The line of the file on which the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/**
 * Cuts decoded text into CSV records (RFC 4180 quotes, CRLF or LF). The delimiter, `,` or `;`, is the one
 * the header line uses most (Excel in an Indonesian locale writes `;`).
 */
export class CsvRecordParser {
  delimiter: ',' | ';' | null = null;
  private pending = '';
  private cells: string[] = [];
  private field = '';
  private quoted = false;
  private afterQuote = false;
  private line = 1;
  private recordLine = 1;
  private fieldStarted = false;

  push(text: string, out: CsvRecord[]): void {
    let input = text;
    if (this.delimiter === null) {
      this.pending += text;
      const eol = this.pending.indexOf('\n');
      if (eol < 0 && this.pending.length < 64 * 1024) return;
      const header = eol < 0 ? this.pending : this.pending.slice(0, eol);
      const semicolons = header.split(';').length;
      const commas = header.split(',').length;
      this.delimiter = semicolons > commas ? ';' : ',';
      input = this.pending;
      this.pending = '';
    }
    const d = this.delimiter;
    for (let i = 0; i < input.length; i++) {
      const c = input[i]!;
      if (this.quoted) {
        if (c === '"') {
          if (input[i + 1] === '"') {
            this.field += '"';
            i++;
          } else if (i + 1 === input.length) {
            // A quote at the end of a chunk: decide when the next chunk comes.
            this.quoted = false;
            this.afterQuote = true;
          } else {
            this.quoted = false;
            this.afterQuote = true;
          }
        } else {
          if (c === '\n') this.line++;
          this.field += c;
        }
        continue;
      }
      if (this.afterQuote && c === '"') {
        // The quote that ended a chunk was the first of an escaped pair.
        this.field += '"';
        this.quoted = true;
        this.afterQuote = false;
        continue;
      }
      this.afterQuote = false;
      if (c === '"' && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
      } else if (c === d) {
        this.cells.push(this.field);
        this.field = '';
        this.fieldStarted = false;
      } else if (c === '\n') {
        this.endRecord(out);
        this.line++;
        this.recordLine = this.line;
      } else if (c === '\r') {
        if (input[i + 1] !== '\n' && i + 1 < input.length) this.field += c;
      } else {
        this.field += c;
        this.fieldStarted = true;
      }
    }
  }

  end(out: CsvRecord[]): void {
    if (this.delimiter === null) this.push('\n', out);
    this.endRecord(out);
  }

  private endRecord(out: CsvRecord[]) {
    this.cells.push(this.field);
    const cells = this.cells;
    this.cells = [];
    this.field = '';
    this.fieldStarted = false;
    this.quoted = false;
    if (cells.length === 1 && cells[0]!.trim() === '') return;
    out.push({ line: this.recordLine, cells });
  }
}

/**
 * CSV records from raw bytes: UTF-8 (a BOM is dropped), refusing anything that is not text — a NUL byte
 * or invalid UTF-8 means a binary file, whatever its name says.
 */
export async function* csvRecords(bytes: AsyncIterable<Uint8Array>, parser = new CsvRecordParser()): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let sawBytes = false;
  for await (const chunk of bytes) {
    if (chunk.byteLength === 0) continue;
    sawBytes = true;
    if (chunk.includes(0)) throw new UploadError('not_csv');
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new UploadError('not_csv');
    }
    const out: CsvRecord[] = [];
    parser.push(text, out);
    if (out.length > 0) yield out;
  }
  if (!sawBytes) throw new UploadError('empty_file');
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new UploadError('not_csv');
  }
  const out: CsvRecord[] = [];
  if (tail) parser.push(tail, out);
  parser.end(out);
  if (out.length > 0) yield out;
}
