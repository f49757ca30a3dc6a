import 'server-only';
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { writeAudit } from '@/server/audit';
import { withRequestMemo } from '@/db/figures-cache';
import { can } from '@/domain/permissions';
import type { Caller } from '@/server/auth/caller';
import { AppError, databaseUnavailable, forbidden } from '@/domain/errors';
import { describeError, isDatabaseUnavailable } from '@/db/errors';
import { toXlsx } from '@/server/http/xlsx';
import { getMessages, localeFromRequest } from '@/i18n';
import { toCsv } from '@/server/http/csv';
import { clientAddress } from '@/server/http/client-address';

export function errorResponse(request: Request, error: unknown): NextResponse {
  const locale = localeFromRequest(request);
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.localizedMessage(locale), ...(error.param ? { param: error.param } : {}) } },
      // An outage passes by itself: a client may ask again shortly.
      { status: error.status, headers: error.status === 503 ? { 'retry-after': '5' } : undefined },
    );
  }
  if (isDatabaseUnavailable(error)) {
    console.error('[api] database unavailable:', describeError(error, { stack: false }));
    return errorResponse(request, databaseUnavailable());
  }
  console.error('[api] unexpected error:', describeError(error));
  return NextResponse.json(
    { error: { code: 'internal', message: getMessages(locale).errors.internal } },
    { status: 500 },
  );
}

/** Methods that change nothing: every other one is checked for a cross-site sender first. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Wraps a route handler: a state-changing request must come from this site, one error shape, localized
 * messages, no stack traces to clients. `anyOrigin` is only for a route whose authority is a token in the
 * request itself, never the session cookie (a mail program's one-click unsubscribe).
 */
export function apiRoute<Ctx>(handler: (request: Request, context: Ctx) => Promise<Response>, { anyOrigin = false } = {}) {
  return async (request: Request, context: Ctx): Promise<Response> => {
    try {
      if (!anyOrigin && !SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      // A read answers from one memo of the scope, data version and rollup state (db/figures-cache.ts).
      return request.method === 'GET' ? await withRequestMemo(() => handler(request, context)) : await handler(request, context);
    } catch (error) {
      return errorResponse(request, error);
    }
  };
}

/**
 * Refuses a state-changing request sent by another site's page (CSRF): browsers name the page's origin
 * in `Origin` and say `Sec-Fetch-Site`. Scripts that send neither are not browsers and carry no
 * ambient cookies of a victim.
 */
function assertSameOrigin(request: Request): void {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw new AppError('cross_site', 403, 'crossSite');
  const origin = request.headers.get('origin');
  if (!origin) return;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!host || originHost !== host) throw new AppError('cross_site', 403, 'crossSite');
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

/** Search text may be a NIK or a name: the audit log records only that there was one. */
const FREE_TEXT_PARAMS = new Set(['q']);

/**
 * JSON, or the same rows as CSV (`format=csv`) or an Excel workbook (`format=xlsx`). Every file export
 * needs the caller's `export:data` permission and is written to the audit log (what, how many rows; no
 * personal data).
 */
export async function respond(
  request: Request,
  body: unknown,
  csvRows: readonly Record<string, unknown>[],
  name: string,
  caller: Caller,
): Promise<Response> {
  const url = new URL(request.url);
  const format = url.searchParams.get('format');
  if (!format || format === 'json') return NextResponse.json(body);
  if (format !== 'csv' && format !== 'xlsx') {
    throw new AppError('bad_format', 400, 'badFormat', { value: format.slice(0, 20) });
  }
  if (!can(caller.role, 'export:data')) throw forbidden();
  const params = Object.fromEntries(
    [...url.searchParams].filter(([key]) => key !== 'format').map(([key, value]) => [key, FREE_TEXT_PARAMS.has(key) ? Boolean(value) : value]),
  );
  await writeAudit(await getDb(), {
    userId: caller.userId,
    actorEmail: caller.email,
    action: 'export',
    entity: url.pathname,
    details: { format, rows: csvRows.length, params },
    ip: clientAddress(request.headers),
  });
  if (format === 'xlsx') {
    const bytes = await toXlsx(csvRows, { sheet: name, title: `Payung · ${name}` });
    return new Response(bytes as unknown as BodyInit, {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${name}.xlsx"`,
      },
    });
  }
  return new Response(toCsv(csvRows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
    },
  });
}
