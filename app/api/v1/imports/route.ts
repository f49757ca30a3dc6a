import { revalidatePath } from 'next/cache';
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { listImports, runImport } from '@/server/imports/pipeline';
import { IMPORT_KINDS, type ImportKind } from '@/domain/enums';
import { apiRoute, respond } from '@/server/http/api';
import { clientAddress } from '@/server/http/client-address';
import { can } from '@/domain/permissions';
import { requireApiCaller } from '@/server/auth/session';
import { AppError, forbidden } from '@/domain/errors';
import { getMessages, interpolate, localeFromRequest } from '@/i18n';
import { recordsFromRequest, toAppError } from '@/server/imports/upload';

export const dynamic = 'force-dynamic';

/** `GET /api/v1/imports`: the import history, newest first. */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const rows = await listImports(await getDb(), { caller });
  return respond(request, { rows }, rows as unknown as Record<string, unknown>[], 'imports', caller);
});

/**
 * `POST /api/v1/imports?kind=members|contributions|claims&mode=all|valid_only|preview`, multipart field
 * `file` (CSV in UTF-8 or Windows-1252 with `,` `;` or tab, or .xlsx): the import report, with how the
 * file was read (`source`). `all` (the default) writes the whole file or nothing (422 with the report
 * when any row is bad); `valid_only` keeps the valid rows; `preview` checks without writing.
 */
export const POST = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  // Refused before the upload is read; the data layer checks again.
  if (!can(caller.role, 'import:data')) throw forbidden();
  const url = new URL(request.url);
  const kind = url.searchParams.get('kind') ?? '';
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new AppError('bad_kind', 400, 'importBadKind', { value: kind.slice(0, 20) });
  const mode = url.searchParams.get('mode') ?? 'all';
  if (mode !== 'all' && mode !== 'valid_only' && mode !== 'preview') throw new AppError('bad_mode', 400, 'importBadMode', { value: mode.slice(0, 20) });
  const locale = localeFromRequest(request);
  const { fileName, records, source } = await recordsFromRequest(request);
  let report;
  try {
    report = await runImport(await getDb(), { caller, kind: kind as ImportKind, fileName, records, mode, locale, ip: clientAddress(request.headers) });
  } catch (error) {
    throw toAppError(error);
  }
  // Known once the file has been read through.
  report = { ...report, source };
  if (report.committed) revalidatePath('/', 'layout');
  if (mode !== 'preview' && !report.committed) {
    const message = interpolate(getMessages(locale).errors.importRejected, { errors: report.errorCount, rejected: report.rejected });
    return NextResponse.json({ ...report, error: { code: 'import_rejected', message } }, { status: 422 });
  }
  return NextResponse.json(report, { headers: { 'cache-control': 'no-store' } });
});
