import { sql, type SQL } from 'drizzle-orm';

/**
 * The informal workforce of a region for a year: the sum of its villages' estimates (or the region's
 * own estimate when it has no village rows). Higher levels sum denominators, never average rates.
 * Both arguments are SQL so a grouped query can pass columns (a child region, the year of a month).
 */
export function workforceOfSql(region: SQL, year: SQL): SQL {
  return sql`coalesce(
    (select sum(we.informal_workers) from workforce_estimates we
       join regions r on r.code = we.region_code
      where r.level = 'village' and we.year = ${year}
        and (r.code = ${region} or r.code like ${region} || '.%')),
    (select sum(we.informal_workers) from workforce_estimates we
      where we.region_code = ${region} and we.year = ${year}),
    0)`;
}

export function workforceSql(regionCode: string, year: number): SQL {
  return workforceOfSql(sql`${regionCode}::text`, sql`${year}::int`);
}
