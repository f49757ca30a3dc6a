import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '@/db';
import { users } from '@/db/schema';
import { UNSET_PASSWORD } from '@/server/followup';
import { anyDate, defineKind, diff, inScope, textArray, type RowCheck, type Tx } from '@/server/imports/kinds/types';
import { FORMULA_START, closest } from '@/server/imports/fields';
import { recordKeyChanges, undoKeyed } from '@/server/imports/kinds/keyed';
import { checkVillage, findCommunity, loadCommunities, loadVillages, type Communities, type Villages } from '@/server/imports/kinds/references';

export const AGENT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;
export const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{5,19}$/;

type Refs = Villages & Communities & { supervisors: Map<string, number> };

const FIELDS = ['name', 'villageCode', 'supervisorId', 'phone', 'activeFrom', 'activeTo', 'email', 'communities'] as const;

/** An optional date that may lie in the future (an agent's start or end). */
function agentDate(row: RowCheck, column: string, mandatory: boolean): string | null | undefined {
  const text = row.raw[column];
  if (!row.present.has(column) && !mandatory) return undefined;
  if (!text) {
    if (mandatory) row.fail(column, 'required');
    return null;
  }
  const parsed = anyDate(text);
  if (!parsed) row.fail(column, 'bad_date', { value: text.slice(0, 20) });
  return parsed;
}

export const agentsKind = defineKind<Refs>({
  kind: 'agents',
  columnOf: {
    code: 'kode_agen', name: 'nama', villageCode: 'kode_desa', communities: 'komunitas', supervisorId: 'email_koordinator',
    phone: 'telepon', activeFrom: 'mulai_aktif', activeTo: 'akhir_aktif', email: 'email',
  },
  async loadReferences(db, caller) {
    const [villages, communities, supervisors] = await Promise.all([
      loadVillages(db, caller),
      loadCommunities(db, caller),
      db.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.role, 'supervisor'), eq(users.active, true))),
    ]);
    return { ...villages, ...communities, supervisors: new Map(supervisors.map((s) => [s.email.toLowerCase(), s.id])) };
  },

  validate(row, refs) {
    const { raw, present, value } = row;
    if (row.required('kode_agen')) {
      if (!AGENT_CODE_PATTERN.test(raw.kode_agen!)) row.fail('kode_agen', 'bad_agent_code', { value: raw.kode_agen!.slice(0, 30) });
      else if (!row.duplicate(`agent|${raw.kode_agen!.toUpperCase()}`, 'kode_agen')) value.code = raw.kode_agen!;
    }
    if (row.required('nama')) {
      if (FORMULA_START.test(raw.nama!)) row.fail('nama', 'formula');
      else if (raw.nama!.length > 120) row.fail('nama', 'too_long', { max: 120 });
      else value.name = raw.nama!.replace(/\s+/g, ' ');
    }
    value.villageCode = checkVillage(row, refs);
    if (present.has('komunitas')) {
      const ids: number[] = [];
      for (const name of (raw.komunitas ?? '').split('|').map((n) => n.trim()).filter(Boolean)) {
        const match = findCommunity(refs, name, value.villageCode as string | null);
        if (match) ids.push(match.id);
        else {
          const near = closest(name, refs.communityCandidates);
          row.fail('komunitas', 'unknown_community', { value: name.slice(0, 60), suggestion: near ? near.label : '-' });
        }
      }
      value.communities = [...new Set(ids)].sort((a, b) => a - b).join(',');
    }
    if (present.has('email_koordinator')) {
      const email = (raw.email_koordinator ?? '').toLowerCase();
      if (!email) value.supervisorId = null;
      else if (refs.supervisors.has(email)) value.supervisorId = refs.supervisors.get(email)!;
      else row.fail('email_koordinator', 'unknown_supervisor', { value: email.slice(0, 60) });
    }
    if (present.has('telepon')) {
      const phone = raw.telepon ?? '';
      if (phone && !PHONE_PATTERN.test(phone)) row.fail('telepon', 'bad_phone', { value: phone.slice(0, 20) });
      value.phone = phone || null;
    }
    value.activeFrom = agentDate(row, 'mulai_aktif', true);
    value.activeTo = agentDate(row, 'akhir_aktif', false);
    if (typeof value.activeFrom === 'string' && typeof value.activeTo === 'string' && value.activeTo < value.activeFrom) row.fail('akhir_aktif', 'active_range');
    if (present.has('email')) {
      const email = (raw.email ?? '').toLowerCase();
      if (!email) value.email = null;
      else if (!EMAIL_PATTERN.test(email) || email.length > 200) row.fail('email', 'bad_email', { value: email.slice(0, 60) });
      else if (!row.duplicate(`email|${email}`, 'email')) value.email = email;
    }
  },

  async writeChunk(ctx, rows) {
    const { db, caller } = ctx;
    const counts = { added: 0, updated: 0, unchanged: 0 };
    const codes = rows.map((r) => r.value.code as string);
    const existing = await queryRows<Record<string, unknown> & { code: string; villageCode: string }>(
      db,
      sql`select a.code, a.name, a.village_code as "villageCode", a.supervisor_id as "supervisorId", a.phone,
            a.active_from::text as "activeFrom", a.active_to::text as "activeTo", a.email,
            coalesce((select string_agg(ac.community_id::text, ',' order by ac.community_id) from agent_communities ac where ac.agent_code = a.code), '') as communities
          from agents a where a.code in (select jsonb_array_elements_text(${textArray(codes)}))`,
    );
    const byCode = new Map(existing.map((e) => [e.code, e]));
    const emails = rows.map((r) => r.value.email).filter((e): e is string => typeof e === 'string');
    const owners = emails.length
      ? await queryRows<{ code: string; email: string }>(db, sql`select code, lower(email) as email from agents where lower(email) in (select jsonb_array_elements_text(${textArray(emails)}))`)
      : [];
    const ownerOf = new Map(owners.map((o) => [o.email, o.code]));
    const writes: Record<string, unknown>[] = [];
    const changes: { key: string; before: Record<string, unknown> | null }[] = [];
    for (const row of rows) {
      const v = row.value;
      const before = byCode.get(v.code as string);
      // An agent of another region is neither changed nor moved into the caller's.
      if (before && !inScope(caller, before.villageCode)) {
        ctx.issue('errors', row.line, 'kode_agen', 'agent_not_in_scope', {}, row.raw);
        continue;
      }
      const owner = typeof v.email === 'string' ? ownerOf.get(v.email) : undefined;
      if (owner && owner !== v.code) {
        ctx.issue('errors', row.line, 'email', 'email_taken', {}, row.raw);
        continue;
      }
      const next: Record<string, unknown> = { ...v };
      if (before) {
        const fields = diff(before, next, FIELDS);
        if (fields.length === 0) {
          counts.unchanged++;
          continue;
        }
        counts.updated++;
        for (const f of FIELDS) if (next[f] === undefined) next[f] = before[f] ?? null;
        changes.push({ key: before.code, before: Object.fromEntries(['code', ...FIELDS].map((f) => [f, before[f] ?? null])) });
        ctx.changedAudit.push({ entityId: before.code, fields });
      } else {
        counts.added++;
        for (const f of FIELDS) if (next[f] === undefined) next[f] = f === 'communities' ? '' : null;
        changes.push({ key: v.code as string, before: null });
      }
      writes.push(next);
    }
    if (writes.length > 0) await writeAgents(ctx.tx, writes);
    await recordKeyChanges(ctx.tx, ctx.importId, 'agents', changes);
    return counts;
  },

  undo: (ctx) =>
    undoKeyed(ctx, 'agents', {
      // Targets set later for an agent this import created would go with it, and so would a sign-in the
      // agent has started to use (a password set: the account the import provisioned is in use).
      dependents: async (created) => {
        const [row] = await queryRows<{ n: number }>(
          ctx.db,
          sql`select (select count(*) from agent_targets where agent_code in (select jsonb_array_elements_text(${textArray(created)})))
                   + (select count(*) from users where agent_code in (select jsonb_array_elements_text(${textArray(created)})) and password_hash <> ${UNSET_PASSWORD})
                   as n`,
        );
        return Number(row?.n ?? 0);
      },
      restore: (changed) => writeAgents(ctx.tx, changed.map((c) => c.before)),
      remove: async (created) => {
        // The sign-ins the import provisioned for them, still waiting for a first password.
        await ctx.tx.execute(sql`delete from users where agent_code in (select jsonb_array_elements_text(${textArray(created)})) and password_hash = ${UNSET_PASSWORD}`);
        const gone = await queryRows<{ code: string }>(ctx.db, sql`delete from agents where code in (select jsonb_array_elements_text(${textArray(created)})) returning code`);
        return gone.length;
      },
    }),
});

/** Upserts agents and replaces their communities (a comma-separated list of ids), all rows in three statements. */
async function writeAgents(tx: Tx, rows: Record<string, unknown>[]): Promise<void> {
  const json = JSON.stringify(rows);
  const set = sql`json_to_recordset(${json}::json) as w(code text, name text, "villageCode" text, "supervisorId" int, phone text,
    "activeFrom" date, "activeTo" date, email text, communities text)`;
  await tx.execute(sql`
    insert into agents (code, name, village_code, supervisor_id, phone, active_from, active_to, email)
    select w.code, w.name, w."villageCode", w."supervisorId", w.phone, w."activeFrom", w."activeTo", w.email from ${set}
    on conflict (code) do update set name = excluded.name, village_code = excluded.village_code, supervisor_id = excluded.supervisor_id,
      phone = excluded.phone, active_from = excluded.active_from, active_to = excluded.active_to, email = excluded.email`);
  await tx.execute(sql`delete from agent_communities where agent_code in (select w.code from ${set})`);
  await tx.execute(sql`
    insert into agent_communities (agent_code, community_id)
    select w.code, c::int from ${set}, unnest(string_to_array(nullif(w.communities, ''), ',')) as c`);
}

