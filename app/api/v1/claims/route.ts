import { getDb } from '@/db';
import { listClaims } from '@/server/claims';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { claimsContract } from '@/contracts/claims';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

/**
 * The claim register: claims submitted in from..to (default the latest complete month), paged, with
 * `{ rows, total, page }`. A district official gets rows without personal columns. `format=csv|xlsx`
 * exports every matching row (audited).
 */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const params = parseParams(claimsContract.params, new URL(request.url).searchParams);
  const { from, to } = params;
  const result = await listClaims(await getDb(), {
    caller,
    filters: {
      program: params.program ?? null,
      status: params.status ?? null,
      region: params.region ?? null,
      community: params.community ?? null,
      agent: params.agent ?? null,
      basis: params.basis,
      from,
      to,
    },
    sort: params.sort,
    direction: params.dir,
    page: params.page,
    all: params.format !== 'json',
  });
  const body: ResponseOf<typeof claimsContract> = { ...result, from, to };
  return respond(request, body, result.rows as unknown as Record<string, unknown>[], `claims-${from}-${to}`, caller);
});
