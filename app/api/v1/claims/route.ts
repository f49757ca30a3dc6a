import { getDb } from '@/db';
import { listClaims } from '@/server/claims';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import {
  parseClaimRangeParams,
  parseClaimSortParams,
  parseClaimStatusParam,
  parsePageParam,
  parseProgramParam,
} from '@/contracts/params';
import { AppError } from '@/domain/errors';

export const dynamic = 'force-dynamic';

function optionalId(value: string | null): number | null {
  if (!value) return null;
  if (!/^\d{1,9}$/.test(value)) throw new AppError('bad_community', 400, 'badCommunity', { value: value.slice(0, 20) });
  return Number(value);
}

/**
 * The claim register: claims submitted in from..to (default the latest complete month), paged, with
 * `{ rows, total, page }`. A district official gets rows without personal columns. `format=csv|xlsx`
 * exports every matching row (audited).
 */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const params = new URL(request.url).searchParams;
  const { from, to } = parseClaimRangeParams(params.get('from'), params.get('to'));
  const { sort, direction } = parseClaimSortParams(params.get('sort'), params.get('dir'));
  const agent = params.get('agent');
  const format = params.get('format');
  const result = await listClaims(await getDb(), {
    caller,
    filters: {
      program: parseProgramParam(params.get('program')),
      status: parseClaimStatusParam(params.get('status')),
      region: params.get('region'),
      community: optionalId(params.get('community')),
      agent: agent ? agent.slice(0, 20) : null,
      from,
      to,
    },
    sort,
    direction,
    page: parsePageParam(params.get('page')),
    all: format === 'csv' || format === 'xlsx',
  });
  const body = { rows: result.rows, total: result.total, page: result.page, pageSize: result.pageSize, from, to };
  return respond(request, body, result.rows as unknown as Record<string, unknown>[], `claims-${from}-${to}`, caller);
});

