import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import type { Caller } from '@/server/auth/caller';
import { regionMatch } from '@/server/indicators/scope';
import { can } from '@/domain/permissions';
import { setupSteps, type SetupProgress } from '@/domain/setup';
import { todayInJakarta } from '@/domain/month';

/**
 * How far the caller's region is from a working office: each loading step's rows, counted in SQL within
 * the caller's region. Null for a caller who does not manage reference data (the guide is the admin's),
 * and once every step has rows (checked first without counting: a working office has millions).
 */
export async function getSetupProgress(db: Database, caller: Caller): Promise<SetupProgress | null> {
  if (!can(caller.role, 'manage:reference-data')) return null;
  const within = (column: string) => (caller.regionCode ? regionMatch(sql.raw(column), caller.regionCode) : sql`true`);
  const [working] = await cachedRows<{ working: boolean }>(
    db,
    sql`select exists (select 1 from communities c where ${within('c.village_code')})
      and exists (select 1 from agents a where ${within('a.village_code')})
      and exists (select 1 from claims c join members m on m.id = c.member_id where ${within('m.village_code')})
      and exists (select 1 from contributions c join members m on m.id = c.member_id where ${within('m.village_code')})
      as working`,
  );
  if (working?.working === true) return null;
  const year = Number(todayInJakarta().slice(0, 4));
  const [row] = await cachedRows<Record<string, number | string>>(
    db,
    sql`select
      (select count(*) from regions r where r.level = 'village' and ${within('r.code')}) as regions,
      (select count(distinct we.region_code) from workforce_estimates we join regions r on r.code = we.region_code
        where r.level = 'village' and we.year = ${year} and ${within('r.code')}) as workforce,
      (select count(*) from regions r where r.level = 'village' and r.boundary_source = 'official' and ${within('r.code')}) as boundaries,
      (select count(*) from users u where u.role = 'supervisor' and u.active) as supervisors,
      (select count(*) from communities c where ${within('c.village_code')}) as communities,
      (select count(*) from agents a where ${within('a.village_code')}) as agents,
      (select count(*) from members m where ${within('m.village_code')}) as members,
      (select count(*) from contributions c join members m on m.id = c.member_id where ${within('m.village_code')}) as contributions,
      (select count(*) from claims c join members m on m.id = c.member_id where ${within('m.village_code')}) as claims`,
  );
  const n = (key: string) => Number(row?.[key] ?? 0);
  const steps = setupSteps({
    regions: n('regions'),
    communities: n('communities'),
    agents: n('agents'),
    members: n('members'),
    contributions: n('contributions'),
    claims: n('claims'),
  });
  return {
    steps,
    villagesWithWorkforce: n('workforce'),
    villagesWithOfficialBoundary: n('boundaries'),
    supervisors: n('supervisors'),
  };
}
