import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/db';
import { members } from '@/db/schema';
import { CHANNELS } from '@/domain/enums';
import { rateOn, type RateLike } from '@/domain/rates';
import { closest, FORMULA_START, KPJ_PATTERN, nikBirthPart, nikProblem, parseAmount, parseSex } from '@/server/imports/fields';
import { recordEntityChanges, undoEntityImport } from '@/server/imports/kinds/entity-undo';
import {
  checkAgent,
  checkOccupation,
  checkVillage,
  findCommunity,
  loadAgents,
  loadCommunities,
  loadOccupations,
  loadRates,
  loadVillages,
  type Agents,
  type Communities,
  type Occupations,
  type Villages,
} from '@/server/imports/kinds/references';
import { defineKind, diff, inList, inScope, type RowCheck } from '@/server/imports/kinds/types';

type Refs = Villages & Occupations & Communities & Agents & { rates: RateLike[] };

const FIELDS = ['kpj', 'name', 'sex', 'birthDate', 'villageCode', 'occupationCode', 'communityId', 'agentCode', 'channel', 'enrolledOn', 'declaredIncome'] as const;

/** A NIK's 16 digits, checked; null (reported) when it is not one. Shared by the kinds that name a member. */
export function checkNik(row: RowCheck): string | null {
  if (!row.required('nik')) return null;
  const nik = row.raw.nik!;
  const problem = nikProblem(nik);
  if (problem) {
    row.fail('nik', problem, { length: nik.length });
    return null;
  }
  return nik;
}

export const membersKind = defineKind<Refs>({
  kind: 'members',
  columnOf: {
    name: 'nama', sex: 'jenis_kelamin', birthDate: 'tanggal_lahir', villageCode: 'kode_desa', occupationCode: 'pekerjaan',
    communityId: 'komunitas', agentCode: 'kode_agen', channel: 'kanal', enrolledOn: 'tanggal_daftar', declaredIncome: 'penghasilan',
  },
  async loadReferences(db, caller) {
    const [villages, occupations, communities, agents, rates] = await Promise.all([
      loadVillages(db, caller),
      loadOccupations(db),
      loadCommunities(db, caller),
      loadAgents(db, caller),
      loadRates(db),
    ]);
    return { ...villages, ...occupations, ...communities, ...agents, rates };
  },

  validate(row, refs) {
    const { raw, present, value } = row;
    value.nik = checkNik(row);
    if (value.nik && row.duplicate(value.nik, 'nik')) value.nik = null;
    if (present.has('kpj')) {
      const kpj = raw.kpj ?? '';
      if (kpj && !KPJ_PATTERN.test(kpj)) row.fail('kpj', 'bad_kpj');
      value.kpj = kpj || null;
    }
    if (row.required('nama')) {
      if (FORMULA_START.test(raw.nama!)) row.fail('nama', 'formula');
      else if (raw.nama!.length > 120) row.fail('nama', 'too_long', { max: 120 });
      else value.name = raw.nama!.replace(/\s+/g, ' ');
    }
    if (row.required('jenis_kelamin')) {
      const sex = parseSex(raw.jenis_kelamin!);
      if (!sex) row.fail('jenis_kelamin', 'bad_sex', { value: raw.jenis_kelamin!.slice(0, 20) });
      value.sex = sex;
    }
    value.birthDate = present.has('tanggal_lahir') ? row.date('tanggal_lahir', false) : undefined;
    if (value.nik && (value.sex || value.birthDate)) {
      const part = nikBirthPart(value.nik);
      if (value.sex && part.sex !== value.sex) row.warn('nik', 'nik_sex_mismatch');
      if (typeof value.birthDate === 'string') {
        const [y, m, d] = value.birthDate.split('-');
        if (`${d}${m}${y!.slice(2)}` !== part.ddmmyy) row.warn('nik', 'nik_birth_mismatch');
      }
    }
    const village = checkVillage(row, refs);
    if (village) value.villageCode = village;
    value.occupationCode = checkOccupation(row, refs);
    if (present.has('komunitas')) {
      const text = raw.komunitas ?? '';
      if (!text) value.communityId = null;
      else {
        const match = findCommunity(refs, text, value.villageCode as string | undefined);
        if (match) value.communityId = match.id;
        else {
          const near = closest(text, refs.communityCandidates);
          row.fail('komunitas', 'unknown_community', { value: text.slice(0, 60), suggestion: near ? near.label : '-' });
        }
      }
    }
    value.agentCode = checkAgent(row, refs);
    if (row.required('kanal')) {
      const channel = raw.kanal!.trim().toLowerCase().replace(/[\s-]+/g, '_');
      if ((CHANNELS as readonly string[]).includes(channel)) value.channel = channel;
      else {
        const near = closest(channel, CHANNELS.map((c) => ({ value: c, label: c })));
        row.fail('kanal', 'unknown_channel', { value: raw.kanal!.slice(0, 30), suggestion: near?.value ?? '-', allowed: CHANNELS.join(', ') });
      }
    }
    value.enrolledOn = row.date('tanggal_daftar', true);
    if (typeof value.birthDate === 'string' && typeof value.enrolledOn === 'string' && value.enrolledOn < value.birthDate) {
      row.fail('tanggal_daftar', 'enrolled_before_birth');
    }
    if (present.has('penghasilan') && raw.penghasilan) {
      const income = parseAmount(raw.penghasilan);
      if (income === null) row.fail('penghasilan', 'bad_amount', { value: raw.penghasilan.slice(0, 20) });
      else if (income < 0) row.fail('penghasilan', 'negative_amount');
      else value.declaredIncome = income;
    } else value.declaredIncome = undefined;
  },

  /** One lookup of the existing members by NIK, one upsert, one insert of before-images. */
  async writeChunk(ctx, rows, refs) {
    const { tx, db, caller, importId, rollups } = ctx;
    const counts = { added: 0, updated: 0, unchanged: 0 };
    const changes: { entityId: number; before: Record<string, unknown> }[] = [];
    const existing = await queryRows<Record<string, unknown> & { id: number; nik: string; villageCode: string }>(
      db,
      sql`select id, nik, kpj, name, sex, birth_date::text as "birthDate", village_code as "villageCode",
            occupation_code as "occupationCode", community_id as "communityId", agent_code as "agentCode",
            channel, enrolled_on::text as "enrolledOn", declared_income as "declaredIncome"
          from members where nik in (${inList(rows.map((r) => r.value.nik as string))})`,
    );
    const byNik = new Map(existing.map((e) => [e.nik, e]));
    const writes: (typeof members.$inferInsert)[] = [];
    for (const row of rows) {
      const v = row.value;
      const before = byNik.get(v.nik as string);
      // A member registered outside the caller's region is neither changed nor moved into it; the message
      // is the one for any NIK the caller cannot register, whether or not it exists elsewhere.
      if (before && !inScope(caller, before.villageCode)) {
        ctx.issue('errors', row.line, 'nik', 'nik_not_in_scope', {}, row.raw);
        continue;
      }
      const next: Record<string, unknown> = { ...v };
      // No income given: the lowest band in force at enrolment (most informal members use it).
      if (!before && next.declaredIncome == null) next.declaredIncome = rateOn(refs.rates, 'min_declared_income', next.enrolledOn as string) ?? 0;
      if (before) {
        const fields = diff(before, next, FIELDS);
        if (fields.length === 0) {
          counts.unchanged++;
          continue;
        }
        counts.updated++;
        changes.push({ entityId: Number(before.id), before: Object.fromEntries(FIELDS.map((f) => [f, before[f] ?? null])) });
        ctx.changedAudit.push({ entityId: String(before.id), fields });
        for (const f of FIELDS) if (next[f] === undefined || (f === 'declaredIncome' && next[f] === null)) next[f] = before[f] ?? null;
      } else counts.added++;
      writes.push({
        nik: next.nik as string,
        kpj: (next.kpj as string | null | undefined) ?? null,
        name: next.name as string,
        sex: next.sex as 'L' | 'P',
        birthDate: (next.birthDate as string | null | undefined) ?? null,
        villageCode: next.villageCode as string,
        occupationCode: (next.occupationCode as string | null | undefined) ?? null,
        communityId: next.communityId == null ? null : Number(next.communityId),
        agentCode: (next.agentCode as string | null | undefined) ?? null,
        channel: next.channel as (typeof members.$inferInsert)['channel'],
        enrolledOn: next.enrolledOn as string,
        declaredIncome: Number(next.declaredIncome),
        importId,
      });
    }
    if (writes.length > 0) {
      await rollups?.before(changes.map((c) => c.entityId));
      const written = await tx
        .insert(members)
        .values(writes)
        .onConflictDoUpdate({
          target: members.nik,
          set: {
            kpj: sql`excluded.kpj`,
            name: sql`excluded.name`,
            sex: sql`excluded.sex`,
            birthDate: sql`excluded.birth_date`,
            villageCode: sql`excluded.village_code`,
            occupationCode: sql`excluded.occupation_code`,
            communityId: sql`excluded.community_id`,
            agentCode: sql`excluded.agent_code`,
            channel: sql`excluded.channel`,
            enrolledOn: sql`excluded.enrolled_on`,
            declaredIncome: sql`excluded.declared_income`,
          },
        })
        .returning({ id: members.id });
      await rollups?.added(written.map((w) => w.id));
    }
    await recordEntityChanges(ctx, 'members', changes);
    return counts;
  },

  undo: (ctx) => undoEntityImport(ctx, 'members'),
});
