import { getDb } from '@/db';
import { getSummaryView } from '@/server/summary';
import { nowcastColumns } from '@/server/nowcast';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { summaryContract } from '@/contracts/summary';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { period, region, compare, explain, nowcast: withNowcast } = parseParams(summaryContract.params, new URL(request.url).searchParams);
  const summary: ResponseOf<typeof summaryContract> = await getSummaryView(await getDb(), { caller, period, regionCode: region, compare, explain, nowcast: withNowcast });
  const { previousMonth: _p, sameMonthLastYear: _l, explanations: _e, nowcast, ...flat } = summary;
  // One row: the figures, whether the month is provisional, and the nowcast as its own columns.
  const row = { ...flat, ...nowcastColumns(nowcast) };
  return respond(request, summary, [row], `summary-${period}`, caller);
});
