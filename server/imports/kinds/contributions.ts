import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '@/db';
import { contributionForMonths, type RateLike } from '@/domain/rates';
import { parseAmount, parseInteger, parseMonth } from '@/server/imports/fields';
import { undoEntityImport } from '@/server/imports/kinds/entity-undo';
import { checkNik } from '@/server/imports/kinds/members';
import { checkAgent, loadAgents, loadRates, type Agents } from '@/server/imports/kinds/references';
import { analyzeIfGrown, auditChanges, reportRows } from '@/server/imports/kinds/staged';
import { defineKind, inList, type PendingRow, type WriteContext } from '@/server/imports/kinds/types';

type Refs = Agents & { rates: RateLike[] };

export interface MemberRef {
  id: number;
  nik: string;
  income: number;
  is_transport: boolean | null;
}

/**
 * The members the rows name by NIK, in one lookup limited to the caller's region. A NIK unknown there
 * gets the same message whether or not it is a member elsewhere, so no row says which NIKs exist.
 */
export async function knownMembers(ctx: WriteContext, rows: PendingRow[]): Promise<(PendingRow & { member: MemberRef })[]> {
  const niks = [...new Set(rows.map((r) => r.value.nik as string))];
  const region = ctx.caller.regionCode;
  const found = await queryRows<MemberRef>(
    ctx.db,
    sql`select m.id, m.nik, m.declared_income as income, o.is_transport
        from members m left join occupations o on o.code = m.occupation_code
        where m.nik in (${inList(niks)})
          ${region ? sql`and (m.village_code = ${region} or m.village_code like ${`${region}.%`})` : sql``}`,
  );
  const byNik = new Map(found.map((m) => [m.nik, m]));
  const known: (PendingRow & { member: MemberRef })[] = [];
  for (const row of rows) {
    const member = byNik.get(row.value.nik as string);
    if (!member) ctx.issue('errors', row.line, 'nik', 'unknown_member', {}, row.raw);
    else known.push({ ...row, member });
  }
  return known;
}

export const contributionsKind = defineKind<Refs>({
  kind: 'contributions',
  columnOf: { firstMonth: 'bulan_mulai', monthsCount: 'jumlah_bulan', jkkAmount: 'iuran_jkk', jkmAmount: 'iuran_jkm', paidOn: 'tanggal_bayar', agentCode: 'kode_agen' },
  async loadReferences(db, caller) {
    const [agents, rates] = await Promise.all([loadAgents(db, caller), loadRates(db)]);
    return { ...agents, rates };
  },

  validate(row, refs) {
    const { raw, value } = row;
    value.nik = checkNik(row);
    if (row.required('bulan_mulai')) {
      const month = parseMonth(raw.bulan_mulai!);
      if (!month) row.fail('bulan_mulai', 'bad_month', { value: raw.bulan_mulai!.slice(0, 20) });
      value.firstMonth = month;
    }
    if (value.nik && value.firstMonth && row.duplicate(`${value.nik}|${value.firstMonth}`, 'bulan_mulai')) value.nik = null;
    if (row.required('jumlah_bulan')) {
      const count = parseInteger(raw.jumlah_bulan!);
      if (count === null || count < 1 || count > 12) row.fail('jumlah_bulan', 'bad_months_count', { value: raw.jumlah_bulan!.slice(0, 10) });
      value.monthsCount = count;
    }
    for (const [column, key] of [['iuran_jkk', 'jkkAmount'], ['iuran_jkm', 'jkmAmount']] as const) {
      if (!row.required(column)) continue;
      const amount = parseAmount(raw[column]!);
      if (amount === null) row.fail(column, 'bad_amount', { value: raw[column]!.slice(0, 20) });
      else if (amount < 0) row.fail(column, 'negative_amount');
      else value[key] = amount;
    }
    value.paidOn = row.date('tanggal_bayar', true);
    value.agentCode = checkAgent(row, refs);
  },

  staged: {
    columns: [
      ['nik', 'text not null'],
      ['first_month', 'date not null'],
      ['months_count', 'integer not null'],
      ['jkk_amount', 'bigint not null'],
      ['jkm_amount', 'bigint not null'],
      ['paid_on', 'date not null'],
      ['agent_code', 'text'],
    ],
    values: ({ value: v }) => [v.nik, `${v.firstMonth as string}-01`, v.monthsCount, v.jkkAmount, v.jkmAmount, v.paidOn, v.agentCode],

    /**
     * The whole file in a few statements: the members by NIK (limited to the caller's region) and the
     * stored contributions by member and month in one join; unknown NIKs rejected; the expected amounts
     * computed once per distinct income, months and sector; then the before-images, the audit, the
     * rollup's copies and one upsert of the rows that are new or changed.
     */
    async write(ctx, refs) {
      const { tx, db, caller, importId, rollups, present } = ctx;
      const region = caller.regionCode;
      await tx.execute(sql`
        create temp table import_resolved on commit drop as
        select s.line, s.raw, s.nik, s.first_month, s.months_count, s.jkk_amount, s.jkm_amount, s.paid_on, s.agent_code,
          m.id as member_id, m.declared_income as income, coalesce(o.is_transport, false) as is_transport,
          c.id as existing_id, c.months_count as old_months_count, c.jkk_amount as old_jkk_amount, c.jkm_amount as old_jkm_amount,
          c.paid_on as old_paid_on, c.agent_code as old_agent_code
        from import_stage s
        left join members m on m.nik = s.nik
          ${region ? sql`and (m.village_code = ${region} or m.village_code like ${`${region}.%`})` : sql``}
        left join occupations o on o.code = m.occupation_code
        left join contributions c on c.member_id = m.id and c.first_month = s.first_month`);
      await tx.execute(sql`analyze import_resolved`);

      // A NIK unknown in the caller's region gets the same message whether or not it is a member
      // elsewhere, so no row says which NIKs exist.
      await reportRows(ctx, sql`member_id is null`, (line, raw) => ctx.issue('errors', line, 'nik', 'unknown_member', {}, raw));

      // The amounts the rates ask for, once per distinct income, first month, months and sector.
      const combos = await queryRows<{ income: number; month: string; count: number; transport: boolean }>(
        db,
        sql`select income, to_char(first_month, 'YYYY-MM') as month, months_count as count, is_transport as transport
            from import_resolved where member_id is not null group by 1, 2, 3, 4`,
      );
      const expected: { income: number; month: string; count: number; transport: boolean; jkk: number; jkm: number }[] = [];
      for (const c of combos) {
        try {
          expected.push({ ...c, ...contributionForMonths(Number(c.income), c.month, Number(c.count), Boolean(c.transport), refs.rates) });
        } catch {
          // No rate in force for those months: nothing to compare with.
        }
      }
      if (expected.length > 0) {
        const mismatches = await queryRows<{ line: number; jkk: number; jkm: number }>(
          db,
          sql`select r.line, e.jkk, e.jkm from import_resolved r
              join json_to_recordset(${JSON.stringify(expected)}::json) as e(income int, month text, count int, transport boolean, jkk bigint, jkm bigint)
                on e.income = r.income and e.month = to_char(r.first_month, 'YYYY-MM') and e.count = r.months_count and e.transport = r.is_transport
              where r.jkk_amount <> e.jkk or r.jkm_amount <> e.jkm
              order by r.line`,
        );
        for (const m of mismatches) ctx.issue('warnings', Number(m.line), 'iuran_jkk', 'amount_mismatch', { jkk: Number(m.jkk), jkm: Number(m.jkm) });
      }

      // Which fields differ from the stored row (a column absent from the file keeps the stored value).
      const differs: [string, SQL][] = [
        ['monthsCount', sql`months_count is distinct from old_months_count`],
        ['jkkAmount', sql`jkk_amount is distinct from old_jkk_amount`],
        ['jkmAmount', sql`jkm_amount is distinct from old_jkm_amount`],
        ['paidOn', sql`paid_on is distinct from old_paid_on`],
        ...(present.has('kode_agen') ? [['agentCode', sql`agent_code is distinct from old_agent_code`] as [string, SQL]] : []),
      ];
      const changed = sql`(${sql.join(differs.map(([, d]) => d), sql` or `)})`;
      const updated = sql`member_id is not null and existing_id is not null and ${changed}`;
      const written = sql`member_id is not null and (existing_id is null or ${changed})`;
      const [counts] = await queryRows<{ added: number; updated: number; unchanged: number }>(
        db,
        sql`select count(*) filter (where member_id is not null and existing_id is null)::int as added,
                   count(*) filter (where ${updated})::int as updated,
                   count(*) filter (where member_id is not null and existing_id is not null and not ${changed})::int as unchanged
            from import_resolved`,
      );
      if (!counts || counts.added + counts.updated === 0) return counts ?? { added: 0, updated: 0, unchanged: 0 };

      if (counts.updated > 0) {
        await tx.execute(sql`
          insert into import_changes (import_id, entity, entity_id, before)
          select ${importId}, 'contributions', existing_id, jsonb_build_object('monthsCount', old_months_count, 'jkkAmount', old_jkk_amount,
            'jkmAmount', old_jkm_amount, 'paidOn', old_paid_on::text, 'agentCode', old_agent_code)
          from import_resolved where ${updated}
          on conflict do nothing`);
        await auditChanges(ctx, 'contributions', updated, differs);
      }
      // The payment days the write takes away (a changed row's old one) and brings.
      await rollups?.beforeRows(
        sql`select member_id as id from import_resolved where ${written}`,
        sql`select member_id, paid_on from import_resolved where ${written}
            union all select member_id, old_paid_on from import_resolved where ${updated}`,
      );
      await tx.execute(sql`
        insert into contributions (member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on, agent_code, import_id)
        select member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on,
          ${present.has('kode_agen') ? sql`agent_code` : sql`old_agent_code`}, ${importId}
        from import_resolved where ${written}
        on conflict (member_id, first_month) do update set months_count = excluded.months_count, jkk_amount = excluded.jkk_amount,
          jkm_amount = excluded.jkm_amount, paid_on = excluded.paid_on, agent_code = excluded.agent_code`);
      await analyzeIfGrown(ctx, 'contributions', counts.added, ['coverage_spans']);
      return counts;
    },
  },

  undo: (ctx) => undoEntityImport(ctx, 'contributions'),
});
