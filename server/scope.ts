import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { cachedRows, memoForRequest } from '@/db/figures-cache';
import type { Caller } from '@/server/auth/caller';
import { DEFAULT_REGION_CODE } from '@/server/config';
import { REGION_CODE_PATTERN } from '@/domain/regions';
import { AppError, forbidden } from '@/domain/errors';
import type { IndicatorScope } from '@/server/indicators/scope';

function within(code: string, ancestor: string): boolean {
  return code === ancestor || code.startsWith(`${ancestor}.`);
}

export interface ResolvedRegion {
  code: string;
  name: string;
  level: string;
}

/**
 * Turns a caller and the region they asked for into the rows they may count. This is the check: a
 * region outside the caller's own is refused (403), a supervisor only counts the members their agents
 * recruited, whatever a page or a URL asks for.
 */
export function resolveScope(
  db: Database,
  caller: Caller,
  requestedRegion?: string | null,
): Promise<{ scope: IndicatorScope; region: ResolvedRegion }> {
  // A page's sections each ask for the same scope: read once per request.
  const key = JSON.stringify(['scope', caller.userId, caller.role, caller.regionCode, requestedRegion ?? null]);
  return memoForRequest(db, key, () => readScope(db, caller, requestedRegion));
}

async function readScope(
  db: Database,
  caller: Caller,
  requestedRegion?: string | null,
): Promise<{ scope: IndicatorScope; region: ResolvedRegion }> {
  // An agent reads only through their own pages and endpoints (resolveAgentScope): every aggregate,
  // list or record reached through the general scope is refused, whatever a URL asks for.
  if (caller.role === 'agent') throw forbidden();
  const regionCode = requestedRegion || caller.regionCode || DEFAULT_REGION_CODE;
  if (!REGION_CODE_PATTERN.test(regionCode)) {
    throw new AppError('bad_region', 400, 'badRegion', { value: regionCode.slice(0, 40) });
  }
  if (caller.regionCode && !within(regionCode, caller.regionCode)) {
    throw new AppError('region_out_of_scope', 403, 'regionOutOfScope', { value: regionCode });
  }
  // Reference rows, read through the figures' cache: a request's only reads are then its session's and the data version.
  const [region] = await cachedRows<ResolvedRegion>(db, sql`select code, name, level from regions where code = ${regionCode}`);
  if (!region) throw new AppError('bad_region', 400, 'badRegion', { value: regionCode });

  if (caller.role !== 'supervisor') return { scope: { regionCode }, region };
  const own = await cachedRows<{ code: string }>(db, sql`select code from agents where supervisor_id = ${caller.userId} order by code`);
  return { scope: { regionCode, agentCodes: own.map((agent) => agent.code) }, region };
}

/**
 * An agent's own scope: the members recruited by (served by) their agent code, within their region
 * limit. An account whose code is gone sees nothing rather than everything.
 */
export function resolveAgentScope(caller: Caller): { scope: IndicatorScope; agentCode: string | null } {
  if (caller.role !== 'agent') throw forbidden();
  const agentCode = caller.agentCode ?? null;
  return { scope: { regionCode: caller.regionCode || DEFAULT_REGION_CODE, agentCodes: agentCode ? [agentCode] : [] }, agentCode };
}
