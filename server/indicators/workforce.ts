import { sql, type SQL } from 'drizzle-orm';
import { regionMatch } from '@/server/indicators/scope';

/**
 * The informal workforce of a region for a year: the sum of its villages' estimates (or the region's
 * own estimate when it has no village rows); null when none is loaded (never 0: a coverage rate over a
 * missing denominator is not 0 %). Higher levels sum denominators, never average rates.
 * Both arguments are SQL so a grouped query can pass columns (a child region, the year of a month).
 */
export function workforceOfSql(region: SQL, year: SQL): SQL {
  return sql`coalesce(
    (select sum(we.informal_workers) from workforce_estimates we
       join regions r on r.code = we.region_code
      where r.level = 'village' and we.year = ${year}
        and (r.code = ${region} or r.code like ${region} || '.%')),
    (select sum(we.informal_workers) from workforce_estimates we
      where we.region_code = ${region} and we.year = ${year}))`;
}

export function workforceSql(regionCode: string, year: number): SQL {
  return workforceOfSql(sql`${regionCode}::text`, sql`${year}::int`);
}

/**
 * workforceOfSql for many regions of one level at once: `select year, key, workforce` for every year of
 * `years` (a relation with a `year` column) and every key of `groups` (a relation with a `key` column),
 * where every key is a region code of `codeLength` characters under `regionCode`. The same rule, in one
 * pass over the villages' estimates instead of a subquery per region (a regency's 327 villages made the
 * correlated form read the estimates 327 times). Codes are fixed-width digit groups, so a village is
 * under a key exactly when the key is the first `codeLength` characters of its code.
 */
export function workforceOfRegionsSql(args: { years: SQL; groups: SQL; regionCode: string; codeLength: number }): SQL {
  const length = sql.raw(String(args.codeLength));
  return sql`
    select y.year, g.key, coalesce(v.workforce, own.informal_workers) as workforce
    from ${args.years} y cross join ${args.groups} g
    left join (
      select we.year, left(r.code, ${length}) as key, sum(we.informal_workers) as workforce
      from workforce_estimates we join regions r on r.code = we.region_code
      where r.level = 'village' and ${regionMatch(sql`r.code`, args.regionCode)}
      group by 1, 2
    ) v on v.year = y.year and v.key = g.key
    left join workforce_estimates own on own.region_code = g.key and own.year = y.year`;
}
