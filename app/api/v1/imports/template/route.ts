import { getImportTemplate } from '@/server/imports/template';
import { importTemplateParams } from '@/contracts/imports';
import { parseParams } from '@/contracts/params';
import { apiRoute } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { localeFromRequest } from '@/i18n';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/imports/template?kind=members&format=xlsx|csv|notes`: a kind's template to fill in — its
 * columns and one example row, with each column explained (the xlsx's second sheet, or `notes` as CSV),
 * in the request's language. For whoever may import.
 */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { kind, format } = parseParams(importTemplateParams, new URL(request.url).searchParams);
  if (!kind) throw new AppError('bad_kind', 400, 'importBadKind', { value: '' }, 'kind');
  const file = await getImportTemplate({ caller, kind, format, locale: localeFromRequest(request) });
  return new Response(file.body as BodyInit, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    },
  });
});
