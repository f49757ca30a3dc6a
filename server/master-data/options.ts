// The choices the master-data forms offer, each within the caller's region: its villages (within the
// regencies the office works in: Central Java alone has 8,563), the occupations, the supervisors and the
// communities an agent may belong to.
import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { officeRegencies } from '@/server/office-area';
import { callerRegionCondition } from '@/server/master-data/access';

export interface VillageOption {
  code: string;
  name: string;
  districtName: string;
}

export async function listVillageOptions(db: Database, { caller }: { caller: Caller }): Promise<VillageOption[]> {
  const area = caller.regionCode ? [] : await officeRegencies(db);
  const inArea = caller.regionCode
    ? callerRegionCondition(caller, sql`v.code`)
    : area.length === 0
      ? sql`false`
      : sql`left(v.code, 5) in (${sql.join(area.map((code) => sql`${code}`), sql`, `)})`;
  return queryRows<VillageOption>(
    db,
    sql`select v.code, v.name, coalesce(d.name, '') as "districtName"
      from regions v left join regions d on d.code = v.parent_code
      where v.level = 'village' and ${inArea}
      order by v.code`,
  );
}

/** Regions a workforce estimate can be for: the villages above and the kecamatan they belong to. */
export async function listWorkforceRegionOptions(
  db: Database,
  { caller }: { caller: Caller },
): Promise<{ code: string; name: string; level: string }[]> {
  const area = caller.regionCode ? [] : await officeRegencies(db);
  const inArea = caller.regionCode
    ? callerRegionCondition(caller, sql`r.code`)
    : area.length === 0
      ? sql`false`
      : sql`left(r.code, 5) in (${sql.join(area.map((code) => sql`${code}`), sql`, `)})`;
  return queryRows(
    db,
    sql`select r.code, r.name, r.level from regions r
      where r.level in ('district', 'village') and ${inArea}
      order by r.code`,
  );
}

export interface OccupationOption {
  code: string;
  nameId: string;
  nameEn: string;
}

export async function listOccupationOptions(db: Database): Promise<OccupationOption[]> {
  return queryRows<OccupationOption>(db, sql`select code, name_id as "nameId", name_en as "nameEn" from occupations order by name_id`);
}

export interface SupervisorOption {
  id: number;
  name: string;
  email: string;
  active: boolean;
}

/** Users with the supervisor role (an agent names one); inactive ones stay listed for the agents they had. */
export async function listSupervisorOptions(db: Database): Promise<SupervisorOption[]> {
  return queryRows<SupervisorOption>(
    db,
    sql`select id, name, email, active from users where role = 'supervisor' order by active desc, name, email`,
  );
}

export interface CommunityOption {
  id: number;
  name: string;
  villageCode: string;
  villageName: string;
}

export async function listCommunityOptions(db: Database, { caller }: { caller: Caller }): Promise<CommunityOption[]> {
  return queryRows<CommunityOption>(
    db,
    sql`select c.id, c.name, c.village_code as "villageCode", coalesce(v.name, '') as "villageName"
      from communities c left join regions v on v.code = c.village_code
      where ${callerRegionCondition(caller, sql`c.village_code`)}
      order by c.village_code, c.name`,
  );
}
