import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/db';
import { claims } from '@/db/schema';
import { FORMULA_START, parseAmount, parseClaimStatus } from '@/server/imports/fields';
import { knownMembers } from '@/server/imports/kinds/contributions';
import { recordEntityChanges, undoEntityImport } from '@/server/imports/kinds/entity-undo';
import { checkNik } from '@/server/imports/kinds/members';
import { checkAgent, loadAgents, type Agents } from '@/server/imports/kinds/references';
import { defineKind, diff, inList, inScope } from '@/server/imports/kinds/types';

const FIELDS = ['memberId', 'program', 'incidentDate', 'submittedOn', 'status', 'amount', 'paidOn', 'rejectionReason', 'agentCode'] as const;

export const claimsKind = defineKind<Agents>({
  kind: 'claims',
  columnOf: {
    number: 'nomor_klaim', program: 'program', incidentDate: 'tanggal_kejadian', submittedOn: 'tanggal_pengajuan', status: 'status',
    amount: 'nominal', paidOn: 'tanggal_bayar', rejectionReason: 'alasan_tolak', agentCode: 'kode_agen',
  },
  loadReferences: (db, caller) => loadAgents(db, caller),

  validate(row, refs) {
    const { raw, value } = row;
    if (row.required('nomor_klaim')) {
      const number = raw.nomor_klaim!;
      if (!/^[A-Za-z0-9][A-Za-z0-9./_-]{0,39}$/.test(number)) row.fail('nomor_klaim', 'bad_claim_number');
      else if (!row.duplicate(number, 'nomor_klaim')) value.number = number;
    }
    value.nik = checkNik(row);
    if (row.required('program')) {
      const program = raw.program!.toUpperCase();
      if (program !== 'JKK' && program !== 'JKM') row.fail('program', 'bad_program', { value: raw.program!.slice(0, 10) });
      value.program = program;
    }
    value.incidentDate = row.date('tanggal_kejadian', true);
    value.submittedOn = row.date('tanggal_pengajuan', true);
    if (typeof value.incidentDate === 'string' && typeof value.submittedOn === 'string' && value.submittedOn < value.incidentDate) {
      row.fail('tanggal_pengajuan', 'submitted_before_incident');
    }
    let status: string | null = null;
    if (row.required('status')) {
      status = parseClaimStatus(raw.status!);
      if (!status) row.fail('status', 'bad_status', { value: raw.status!.slice(0, 20) });
      value.status = status;
    }
    value.amount = null;
    if (raw.nominal) {
      const amount = parseAmount(raw.nominal);
      if (amount === null) row.fail('nominal', 'bad_amount', { value: raw.nominal.slice(0, 20) });
      else if (amount < 0) row.fail('nominal', 'negative_amount');
      else value.amount = amount;
    } else if (status === 'approved' || status === 'paid') row.fail('nominal', 'amount_required');
    value.paidOn = row.date('tanggal_bayar', false);
    if (status === 'paid' && !raw.tanggal_bayar) row.fail('tanggal_bayar', 'paid_date_required');
    if (status && status !== 'paid' && raw.tanggal_bayar) row.fail('tanggal_bayar', 'paid_date_only_when_paid');
    if (typeof value.paidOn === 'string' && typeof value.submittedOn === 'string' && value.paidOn < value.submittedOn) {
      row.fail('tanggal_bayar', 'paid_before_submitted');
    }
    const reason = raw.alasan_tolak ?? '';
    if (FORMULA_START.test(reason)) row.fail('alasan_tolak', 'formula');
    value.rejectionReason = reason ? reason.slice(0, 300) : null;
    if (status === 'rejected' && !reason) row.warn('alasan_tolak', 'reason_missing');
    value.agentCode = checkAgent(row, refs);
  },

  async writeChunk(ctx, rows) {
    const { tx, db, importId, rollups } = ctx;
    const counts = { added: 0, updated: 0, unchanged: 0 };
    const known = await knownMembers(ctx, rows);
    if (known.length === 0) return counts;
    const changes: { entityId: number; before: Record<string, unknown> }[] = [];
    const existing = await queryRows<Record<string, unknown> & { id: number; number: string; villageCode: string }>(
      db,
      sql`select c.id, c.number, c.member_id as "memberId", c.program, c.incident_date::text as "incidentDate",
            c.submitted_on::text as "submittedOn", c.status, c.amount, c.paid_on::text as "paidOn",
            c.rejection_reason as "rejectionReason", c.agent_code as "agentCode", m.village_code as "villageCode"
          from claims c join members m on m.id = c.member_id
          where c.number in (${inList(known.map((r) => r.value.number as string))})`,
    );
    const byNumber = new Map(existing.map((e) => [e.number, { ...e, memberId: Number(e.memberId), amount: e.amount == null ? null : Number(e.amount) } as Record<string, unknown> & { id: number; villageCode: string }]));
    const writes: (typeof claims.$inferInsert)[] = [];
    for (const row of known) {
      const v = row.value;
      const before = byNumber.get(v.number as string);
      // A claim of a member outside the caller's region is neither changed nor moved to one inside it.
      if (before && !inScope(ctx.caller, before.villageCode)) {
        ctx.issue('errors', row.line, 'nomor_klaim', 'claim_not_in_scope', {}, row.raw);
        continue;
      }
      const next: Record<string, unknown> = { ...v, memberId: Number(row.member.id) };
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
      } else counts.added++;
      writes.push({
        number: v.number as string,
        memberId: Number(row.member.id),
        program: v.program as 'JKK' | 'JKM',
        incidentDate: v.incidentDate as string,
        submittedOn: v.submittedOn as string,
        status: v.status as (typeof claims.$inferInsert)['status'],
        amount: (v.amount as number | null) ?? null,
        paidOn: (v.paidOn as string | null) ?? null,
        rejectionReason: (v.rejectionReason as string | null) ?? null,
        agentCode: (next.agentCode as string | null | undefined) ?? null,
        importId,
      });
    }
    if (writes.length > 0) {
      // A changed claim may move to another member: both members' figures change.
      await rollups?.before([...writes.map((w) => w.memberId), ...changes.map((c) => Number(c.before.memberId))], []);
      await tx
        .insert(claims)
        .values(writes)
        .onConflictDoUpdate({
          target: claims.number,
          set: {
            memberId: sql`excluded.member_id`,
            program: sql`excluded.program`,
            incidentDate: sql`excluded.incident_date`,
            submittedOn: sql`excluded.submitted_on`,
            status: sql`excluded.status`,
            amount: sql`excluded.amount`,
            paidOn: sql`excluded.paid_on`,
            rejectionReason: sql`excluded.rejection_reason`,
            agentCode: sql`excluded.agent_code`,
            version: sql`${claims.version} + 1`,
            updatedAt: sql`now()`,
          },
        });
    }
    await recordEntityChanges(ctx, 'claims', changes);
    return counts;
  },

  undo: (ctx) => undoEntityImport(ctx, 'claims'),
});
