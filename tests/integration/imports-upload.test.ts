// The upload path of POST /api/v1/imports on a real Request: multipart streamed, 413 past the limit
// (declared or not), 415 for a binary file, and the same records whatever the chunking.
import { describe, expect, it } from 'vitest';
import { AppError } from '@/domain/errors';
import { csvRecords, openMultipartFile, type CsvRecord } from '@/server/imports/stream';
import { recordsFromRequest } from '@/server/imports/upload';

async function drain(records: AsyncIterable<CsvRecord[]>) {
  const out: CsvRecord[] = [];
  for await (const chunk of records) out.push(...chunk);
  return out;
}

function formRequest(content: string | Uint8Array, name = 'data.csv') {
  const form = new FormData();
  form.set('note', 'ignored field');
  form.set('file', new Blob([content as BlobPart], { type: 'text/csv' }), name);
  return new Request('http://localhost/api/v1/imports?kind=members', { method: 'POST', body: form });
}

/** The same request body, streamed without a Content-Length (as a chunked upload arrives). */
async function chunkedRequest(request: Request, declareLength = false) {
  const bytes = new Uint8Array(await request.arrayBuffer());
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 5) controller.enqueue(bytes.slice(i, i + 5));
      controller.close();
    },
  });
  return new Request(request.url, { method: 'POST', body: stream, headers: { 'content-type': request.headers.get('content-type')!, ...(declareLength ? { 'content-length': String(bytes.length) } : {}) }, duplex: 'half' } as RequestInit);
}

describe('import upload', () => {
  const csv = 'nik;nama\r\n"3302141203850001";"Sutrisno ""Tris""; Karta"\r\n3302145507900002;Siti\u00e9\r\n';

  it('reads the file part of a multipart body, chunked or not', async () => {
    for (const request of [formRequest(`\uFEFF${csv}`, 'C:\\Users\\x\\peserta.csv'), await chunkedRequest(formRequest(`\uFEFF${csv}`))]) {
      const { fileName, records } = await recordsFromRequest(request);
      expect(fileName).toMatch(/peserta\.csv|data\.csv/);
      expect(await drain(records)).toEqual([
        { line: 1, cells: ['nik', 'nama'] },
        { line: 2, cells: ['3302141203850001', 'Sutrisno "Tris"; Karta'] },
        { line: 3, cells: ['3302145507900002', 'Siti\u00e9'] },
      ]);
    }
  });

  it('answers 413 past the limit, whether the size was declared or only counted', async () => {
    const big = 'nik;nama\n' + '3302141203850001;Nama\n'.repeat(4000);
    const declared = await chunkedRequest(formRequest(big), true);
    await expect(recordsFromRequest(declared, 1000)).rejects.toMatchObject({ status: 413, code: 'import_too_large' });
    const { records } = await recordsFromRequest(await chunkedRequest(formRequest(big)), 1000);
    await expect(drain(records)).rejects.toMatchObject({ code: 'too_large' });
  });

  it('refuses a binary file, a broken xlsx renamed .csv and a request without a file', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
    const { records } = await recordsFromRequest(formRequest(zip));
    await expect(drain(records)).rejects.toMatchObject({ code: 'bad_xlsx' });
    const binary = await recordsFromRequest(formRequest(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3])));
    await expect(drain(binary.records)).rejects.toMatchObject({ code: 'not_csv' });
    const empty = new Request('http://localhost/x', { method: 'POST', body: 'nothing', headers: { 'content-type': 'text/plain' } });
    const refused = await recordsFromRequest(empty).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(400);
  });

  it('parses the same records whatever the chunk size (quotes, CRLF and multi-byte letters across borders)', async () => {
    const text = 'a,b\r\n"x,""y""\r\nz",é\r\n\r\nlast,1';
    // Line ends are read as one: the CRLF inside the quoted cell arrives as LF.
    for (const size of [1, 2, 3, 5, 100]) {
      const bytes = new TextEncoder().encode(text);
      async function* parts() {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      }
      expect(await drain(csvRecords(parts()))).toEqual([
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x,"y"\nz', 'é'] },
        { line: 5, cells: ['last', '1'] },
      ]);
    }
    await expect(openMultipartFile((async function* () {})(), 'text/csv')).rejects.toMatchObject({ code: 'no_file' });
  });
});
