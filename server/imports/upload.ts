import 'server-only';
import { AppError } from '@/domain/errors';
import { MAX_IMPORT_BYTES } from '@/domain/import-kinds';
import type { ImportSource } from '@/contracts/imports';
import { fileRecords, limitBytes, openMultipartFile, UploadError, type CsvRecord } from '@/server/imports/stream';

/**
 * The records of the `file` field of a multipart request (CSV or xlsx), streamed, within the size limit.
 * `source` is filled in while the records are read: report it once they have been.
 */
export async function recordsFromRequest(
  request: Request,
  limit = MAX_IMPORT_BYTES,
): Promise<{ fileName: string; records: AsyncIterable<CsvRecord[]>; source: ImportSource }> {
  // Multipart framing adds a little to the file itself.
  const framing = 64 * 1024;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit + framing) throw toAppError(new UploadError('too_large'), limit);
  if (!request.body) throw toAppError(new UploadError('no_file'));
  const body = request.body as unknown as AsyncIterable<Uint8Array>;
  try {
    const file = await openMultipartFile(limitBytes(body, limit + framing), request.headers.get('content-type') ?? '');
    const source: ImportSource = { format: 'csv' };
    return { fileName: file.fileName || 'upload.csv', records: fileRecords(limitBytes(file.bytes, limit), source), source };
  } catch (error) {
    throw toAppError(error, limit);
  }
}

/** An upload problem as the API's one error shape. */
export function toAppError(error: unknown, limitBytes = MAX_IMPORT_BYTES): unknown {
  if (!(error instanceof UploadError)) return error;
  const limit = Math.max(1, Math.round(limitBytes / 1024 / 1024));
  switch (error.code) {
    case 'too_large':
      return new AppError('import_too_large', 413, 'importTooLarge', { limit });
    case 'not_csv':
      return new AppError('import_not_csv', 415, 'importNotCsv');
    case 'old_xls':
      return new AppError('import_old_xls', 415, 'importOldXls');
    case 'bad_xlsx':
      return new AppError('import_bad_xlsx', 415, 'importBadXlsx');
    case 'mixed_encoding':
      return new AppError('import_mixed_encoding', 415, 'importMixedEncoding');
    case 'bad_csv':
      return new AppError('import_bad_csv', 400, 'importBadCsv', error.values);
    case 'xlsx_number_nik':
      return new AppError('import_number_nik', 400, 'importNumberNik', error.values);
    case 'empty_file':
      return new AppError('import_empty_file', 400, 'importEmptyFile');
    case 'no_rows':
      return new AppError('import_no_rows', 400, 'importNoRows');
    default:
      return new AppError('import_no_file', 400, 'importNoFile');
  }
}
