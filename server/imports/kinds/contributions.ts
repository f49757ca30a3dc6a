import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/db';
import type { contributions } from '@/db/schema';
import type { PaymentDay } from '@/db/rollups';
import { contributionForMonths, type RateLike } from '@/domain/rates';
import { parseAmount, parseInteger, parseMonth } from '@/server/imports/fields';
import { recordEntityChanges, undoEntityImport } from '@/server/imports/kinds/entity-undo';
import { checkNik } from '@/server/imports/kinds/members';
import { checkAgent, loadAgents, loadRates, type Agents } from '@/server/imports/kinds/references';
import { defineKind, diff, inList, type PendingRow, type WriteContext } from '@/server/imports/kinds/types';

type Refs = Agents & { rates: RateLike[] };

const FIELDS = ['monthsCount', 'jkkAmount', 'jkmAmount', 'paidOn', 'agentCode'] as const;

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

  async writeChunk(ctx, rows, refs) {
    const { tx, db, importId, rollups } = ctx;
    const counts = { added: 0, updated: 0, unchanged: 0 };
    const known = await knownMembers(ctx, rows);
    if (known.length === 0) return counts;
    const changes: { entityId: number; before: Record<string, unknown> }[] = [];
    const existing = await queryRows<Record<string, unknown> & { id: number; memberId: number; firstMonth: string }>(
      db,
      sql`select id, member_id as "memberId", first_month::text as "firstMonth", months_count as "monthsCount",
            jkk_amount as "jkkAmount", jkm_amount as "jkmAmount", paid_on::text as "paidOn", agent_code as "agentCode"
          from contributions
          where (member_id, first_month) in (
            -- Two arrays unnested side by side: one probe of contributions_member_month_idx per row (a list of
            -- 500 row values was planned as 500 ORed index scans, 100-270 ms a chunk).
            select * from unnest(${`{${known.map((r) => Number(r.member.id)).join(',')}}`}::int[],
                                 ${`{${known.map((r) => `${r.value.firstMonth as string}-01`).join(',')}}`}::date[]))`,
    );
    const byKey = new Map(existing.map((e) => [`${Number(e.memberId)}|${e.firstMonth.slice(0, 7)}`, e]));
    const writes: (typeof contributions.$inferInsert)[] = [];
    // The payment days each write takes away (a changed row's old one) and brings.
    const payments: PaymentDay[] = [];
    for (const row of known) {
      const v = row.value;
      try {
        const expected = contributionForMonths(Number(row.member.income), v.firstMonth as string, Number(v.monthsCount), Boolean(row.member.is_transport), refs.rates);
        if (expected.jkk !== v.jkkAmount || expected.jkm !== v.jkmAmount) {
          ctx.issue('warnings', row.line, 'iuran_jkk', 'amount_mismatch', { jkk: expected.jkk, jkm: expected.jkm });
        }
      } catch {
        // No rate in force for those months: nothing to compare with.
      }
      const before = byKey.get(`${Number(row.member.id)}|${v.firstMonth as string}`);
      const next: Record<string, unknown> = { ...v };
      if (before) {
        const fields = diff(before, next, FIELDS);
        if (fields.length === 0) {
          counts.unchanged++;
          continue;
        }
        counts.updated++;
        changes.push({ entityId: Number(before.id), before: Object.fromEntries(FIELDS.map((f) => [f, before[f] ?? null])) });
        ctx.changedAudit.push({ entityId: String(before.id), fields });
        if (next.agentCode === undefined) next.agentCode = before.agentCode ?? null;
        payments.push({ memberId: Number(row.member.id), paidOn: before.paidOn as string });
      } else counts.added++;
      payments.push({ memberId: Number(row.member.id), paidOn: v.paidOn as string });
      writes.push({
        memberId: Number(row.member.id),
        firstMonth: `${v.firstMonth as string}-01`,
        monthsCount: Number(v.monthsCount),
        jkkAmount: Number(v.jkkAmount),
        jkmAmount: Number(v.jkmAmount),
        paidOn: v.paidOn as string,
        agentCode: (next.agentCode as string | null | undefined) ?? null,
        importId,
      });
    }
    if (writes.length > 0) {
      await rollups?.before(writes.map((w) => w.memberId), payments);
      // The rows as one JSON parameter: building a statement with 8 bound parameters a row costs more
      // JavaScript than the insert itself.
      await tx.execute(sql`
        insert into contributions (member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on, agent_code, import_id)
        select w."memberId", w."firstMonth", w."monthsCount", w."jkkAmount", w."jkmAmount", w."paidOn", w."agentCode", w."importId"
        from json_to_recordset(${JSON.stringify(writes)}::json) as w("memberId" int, "firstMonth" date, "monthsCount" int,
          "jkkAmount" int, "jkmAmount" int, "paidOn" date, "agentCode" text, "importId" int)
        on conflict (member_id, first_month) do update set months_count = excluded.months_count, jkk_amount = excluded.jkk_amount,
          jkm_amount = excluded.jkm_amount, paid_on = excluded.paid_on, agent_code = excluded.agent_code`);
    }
    await recordEntityChanges(ctx, 'contributions', changes);
    return counts;
  },

  undo: (ctx) => undoEntityImport(ctx, 'contributions'),
});
