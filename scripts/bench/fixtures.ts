// The users and the parameters (a village, an agent, a community, a claim) the bench asks for, picked
// from the bench database so the URLs name real rows inside each caller's scope.
import { DEMO_PASSWORD } from '../../db/seed/demo-users';
import { DEFAULT_REGION_CODE } from '@/server/config';
import { latestCompleteMonth } from '@/domain/month';
import type { Sql } from './database';

export const REGENCY_CODE = '33.02';
/** Central Java: measured at the province tier (`--scale jateng`). */
export const PROVINCE_CODE = '33';

export type RoleName = 'officer' | 'supervisor';

export interface BenchUser {
  role: RoleName;
  email: string;
  password: string;
}

/** Demo sign-ins that the kabupaten-scale seed creates too (db/seed/scale.ts). */
export const USERS: Record<RoleName, BenchUser> = {
  officer: { role: 'officer', email: 'officer@payung.test', password: DEMO_PASSWORD },
  supervisor: { role: 'supervisor', email: 'supervisor@payung.test', password: DEMO_PASSWORD },
};

export interface RoleParams {
  agentCode: string;
  communityId: number;
  claimNumber: string;
}

export interface Fixtures {
  period: string;
  districtCode: string;
  regencyCode: string;
  /** Set at the province tier only. */
  provinceCode: string | null;
  villageCode: string;
  byRole: Record<RoleName, RoleParams>;
}

async function pickFor(sql: Sql, supervisorEmail: string | null, districtCode: string): Promise<RoleParams> {
  const like = `${districtCode}.%`;
  // A supervisor's own agents; for an officer any agent of the district. The agent with the most
  // members, so its page shows a full series.
  const [agent] = await sql<{ code: string }[]>`
    select a.code from agents a
    where a.village_code like ${like}
      and (${supervisorEmail}::text is null or a.supervisor_id = (select id from users where email = ${supervisorEmail}))
      and a.active_to is null
    order by (select count(*) from members m where m.agent_code = a.code) desc, a.code
    limit 1`;
  if (!agent) throw new Error(`no agent found in ${districtCode}${supervisorEmail ? ` for ${supervisorEmail}` : ''}`);
  const [community] = await sql<{ id: number }[]>`
    select c.id from communities c
    where c.village_code like ${like}
      and (${supervisorEmail}::text is null or exists (
        select 1 from members m where m.community_id = c.id and m.agent_code = ${agent.code}))
    order by (select count(*) from members m where m.community_id = c.id) desc, c.id
    limit 1`;
  if (!community) throw new Error(`no community found in ${districtCode}`);
  const [claim] = await sql<{ number: string }[]>`
    select cl.number from claims cl join members m on m.id = cl.member_id
    where m.village_code like ${like}
      and (${supervisorEmail}::text is null or m.agent_code in (
        select code from agents where supervisor_id = (select id from users where email = ${supervisorEmail})))
    order by cl.submitted_on desc, cl.number
    limit 1`;
  if (!claim) throw new Error(`no claim found in ${districtCode}`);
  return { agentCode: agent.code, communityId: Number(community.id), claimNumber: claim.number };
}

export async function loadFixtures(sql: Sql, withProvince: boolean): Promise<Fixtures> {
  const districtCode = DEFAULT_REGION_CODE;
  const [village] = await sql<{ code: string }[]>`
    select r.code from regions r
    where r.level = 'village' and r.code like ${`${districtCode}.%`}
    order by (select count(*) from members m where m.village_code = r.code) desc, r.code
    limit 1`;
  if (!village) throw new Error(`no village found in ${districtCode}`);
  const [officer, supervisor] = await Promise.all([
    pickFor(sql, null, districtCode),
    pickFor(sql, USERS.supervisor.email, districtCode),
  ]);
  return {
    period: latestCompleteMonth(),
    districtCode,
    regencyCode: REGENCY_CODE,
    provinceCode: withProvince ? PROVINCE_CODE : null,
    villageCode: village.code,
    byRole: { officer, supervisor },
  };
}
