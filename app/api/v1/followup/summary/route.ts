import { getDb } from '@/db';
import { getFollowupSummary } from '@/server/followup';
import { getDataAsOf } from '@/server/settings';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { followupSummaryContract } from '@/contracts/followup';
import type { ResponseOf } from '@/contracts/contract';
import { todayInJakarta } from '@/domain/month';

export const dynamic = 'force-dynamic';

/** What the follow-ups achieve in the caller's scope, per agent, per community and in total (an observational comparison). */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { from, to } = parseParams(followupSummaryContract.params, new URL(request.url).searchParams);
  const db = await getDb();
  const asOf = (await getDataAsOf(db)) ?? todayInJakarta();
  const body: ResponseOf<typeof followupSummaryContract> = await getFollowupSummary(db, { caller, from, to, asOf });
  const rows = [
    { level: 'district', key: '', name: '', ...body.district },
    ...body.byAgent.map(({ code, name, ...e }) => ({ level: 'agent', key: code ?? '', name: name ?? '', ...e })),
    ...body.byCommunity.map(({ id, name, ...e }) => ({ level: 'community', key: String(id), name, ...e })),
  ];
  return respond(request, body, rows, `followup-${from}-${to}`, caller);
});
