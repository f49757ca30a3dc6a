import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import { DEFAULT_REGION_CODE } from '@/server/config';

/**
 * The regencies (codes `33.02`) the office works in: the default region's, and those holding its
 * denominators, communities, agents, official boundaries or users' regions. Lists meant for people
 * (a user's region, the boundary states) stay within them: Central Java alone has 8,563 villages.
 */
export async function officeRegencies(db: Database): Promise<string[]> {
  const rows = await cachedRows<{ regency: string }>(
    db,
    sql`select distinct left(code, 5) as regency from (
        select region_code as code from workforce_estimates
        union select village_code from communities
        union select village_code from agents
        union select code from regions where boundary_source = 'official'
        union select region_code from users where region_code is not null
        union select ${DEFAULT_REGION_CODE}::text
      ) used
      where length(code) >= 5
      order by 1`,
  );
  return rows.map((row) => row.regency);
}
