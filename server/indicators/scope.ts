import { sql, type SQL } from 'drizzle-orm';

/**
 * The rows an indicator may count: members living in a region (a Kemendagri code and everything under
 * it), optionally only those recruited by some agents (a supervisor's). The data layer turns a signed-in
 * caller into this; indicator code never sees a role.
 */
export interface IndicatorScope {
  regionCode: string;
  agentCodes?: readonly string[] | null;
  /** Only the members of one community (a community's own page). */
  communityId?: number | null;
}

/**
 * `column` is a village code inside the scope's region: the region itself or a code under it. Codes are
 * fixed-width digit groups (regions_code_check), so "starts with the region's code" says exactly that,
 * and a single prefix LIKE is one index range (text_pattern_ops), where `= code or like 'code.%'` made
 * PostgreSQL read the whole index.
 */
export function regionMatch(column: SQL, regionCode: string): SQL {
  return sql`(${column} like ${`${regionCode.replace(/[\\%_]/g, '\\$&')}%`})`;
}

/** The members of the scope, as a SQL condition on a `members` alias. */
export function memberScopeCondition(alias: string, scope: IndicatorScope): SQL {
  const member = sql.raw(alias);
  const conditions: SQL[] = [regionMatch(sql`${member}.village_code`, scope.regionCode)];
  if (scope.agentCodes) {
    conditions.push(
      scope.agentCodes.length === 0
        ? sql`false`
        : sql`${member}.agent_code in (${sql.join(
            scope.agentCodes.map((code) => sql`${code}`),
            sql`, `,
          )})`,
    );
  }
  if (scope.communityId !== undefined && scope.communityId !== null) {
    conditions.push(sql`${member}.community_id = ${scope.communityId}`);
  }
  return sql.join(conditions, sql` and `);
}
