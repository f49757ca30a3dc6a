// Who may change which master data, and where: the checks every master-data service makes itself
// (the pages and actions only hide). A caller limited to a region writes only inside it, and cannot move
// a row from outside it in, nor from inside it out.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Caller } from '@/server/auth/caller';
import { regionMatch } from '@/server/indicators/scope';
import { can, type Permission } from '@/domain/permissions';
import { AppError, forbidden } from '@/domain/errors';

export function assertPermission(caller: Caller, permission: Permission) {
  if (!can(caller.role, permission)) throw forbidden();
}

export function inCallerRegion(caller: Caller, code: string): boolean {
  return !caller.regionCode || code === caller.regionCode || code.startsWith(`${caller.regionCode}.`);
}

/** 403 for a region outside the caller's own. */
export function assertInCallerRegion(caller: Caller, code: string) {
  if (!inCallerRegion(caller, code)) throw new AppError('region_out_of_scope', 403, 'regionOutOfScope', { value: code });
}

/** A SQL condition keeping a region-code column within the caller's region. */
export function callerRegionCondition(caller: Caller, column: SQL): SQL {
  return caller.regionCode ? regionMatch(column, caller.regionCode) : sql`true`;
}

/** PostgreSQL's unique_violation, from either engine's driver. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
