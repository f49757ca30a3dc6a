import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { monthDate, percentage, toNumber } from '@/server/indicators/sql-helpers';
import { memberScopeCondition, type IndicatorScope } from '@/server/indicators/scope';
import type { Period } from '@/domain/month';

export interface ChannelShare {
  channel: string;
  enrolments: number;
  share: number;
}

/** Channel share = new enrolments of a channel / all new enrolments in the period, in percent. */
export async function getChannelShares(
  db: Database,
  args: { period: Period; scope: IndicatorScope },
): Promise<ChannelShare[]> {
  const { period, scope } = args;
  const rows = await queryRows<{ channel: string; enrolments: unknown }>(
    db,
    sql`
      select sm.channel, count(*) as enrolments
      from members sm
      where ${memberScopeCondition('sm', scope)}
        and sm.enrolled_on >= ${monthDate(period)} and sm.enrolled_on < ${monthDate(period, 1)}
      group by sm.channel
      order by count(*) desc, sm.channel`,
  );
  const total = rows.reduce((sum, row) => sum + toNumber(row.enrolments), 0);
  return rows.map((row) => ({
    channel: row.channel,
    enrolments: toNumber(row.enrolments),
    share: percentage(toNumber(row.enrolments), total) ?? 0,
  }));
}
