import 'server-only';
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { writeAudit } from '@/server/audit';
import { withRequestMemo } from '@/db/figures-cache';
import { can } from '@/domain/permissions';
import type { Caller } from '@/server/auth/caller';
import { AppError, forbidden } from '@/domain/errors';
import { toXlsx } from '@/server/http/xlsx';
import { getMessages, localeFromRequest } from '@/i18n';
import { toCsv } from '@/server/http/csv';

/** Errors that mean the database cannot be reached, as opposed to a bug in a query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'ETIMEDOUT' ||
    code === 'CONNECTION_CLOSED' ||
    code === 'CONNECT_TIMEOUT' ||
    code === '57P01' ||
    code === '57P03' ||
    code === '3D000' ||
    code === 'DATABASE_LOCKED'
  );
}

export function errorResponse(request: Request, error: unknown): NextResponse {
  const locale = localeFromRequest(request);
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.localizedMessage(locale), ...(error.param ? { param: error.param } : {}) } },
      { status: error.status },
    );
  }
  if (isDatabaseUnavailable(error)) {
    console.error('[api] database unavailable:', (error as Error).message);
    return NextResponse.json(
      { error: { code: 'database_down', message: getMessages(locale).errors.databaseDown } },
      { status: 503 },
    );
  }
  console.error('[api] unexpected error:', error);
  return NextResponse.json(
    { error: { code: 'internal', message: getMessages(locale).errors.internal } },
    { status: 500 },
  );
}

/** Wraps a route handler: one error shape, localized messages, no stack traces to clients. */
export function apiRoute<Ctx>(handler: (request: Request, context: Ctx) => Promise<Response>) {
  return async (request: Request, context: Ctx): Promise<Response> => {
    try {
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
export function assertSameOrigin(request: Request): void {
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

/** The client's address as the server saw it (Next.js fills x-forwarded-for). */
export function requestIp(request: Request): string | null {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

/**
 * JSON, or the same rows as CSV (`format=csv`) or an Excel workbook (`format=xlsx`). A file export
 * needs the `export:data` permission and, when the route names its caller, is written to the audit log
 * (what, how many rows; no personal data).
 */
export async function respond(
  request: Request,
  body: unknown,
  csvRows: readonly Record<string, unknown>[],
  name: string,
  caller?: Caller,
): Promise<Response> {
  const url = new URL(request.url);
  const format = url.searchParams.get('format');
  if (!format || format === 'json') return NextResponse.json(body);
  // An Excel file is only made on the audited path (a route that names its caller).
  if (format !== 'csv' && !(format === 'xlsx' && caller)) {
    throw new AppError('bad_format', 400, 'badFormat', { value: format.slice(0, 20) });
  }
  if (caller) {
    if (!can(caller.role, 'export:data')) throw forbidden();
    const params = Object.fromEntries([...url.searchParams].filter(([key]) => key !== 'format'));
    await writeAudit(await getDb(), {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'export',
      entity: url.pathname,
      details: { format, rows: csvRows.length, params },
      ip: requestIp(request),
    });
  }
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
