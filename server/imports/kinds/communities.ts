import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/db';
import { COMMUNITY_TYPES, type CommunityType } from '@/domain/enums';
import { FORMULA_START, nameKey } from '@/server/imports/fields';
import { recordKeyChanges, undoKeyed } from '@/server/imports/kinds/keyed';
import { checkOccupation, checkVillage, loadOccupations, loadVillages, type Occupations, type Villages } from '@/server/imports/kinds/references';
import { defineKind, diff, inList } from '@/server/imports/kinds/types';

/** `jenis` in English or Indonesian. */
const TYPES: Record<string, CommunityType> = {
  ...Object.fromEntries(COMMUNITY_TYPES.map((t) => [t, t])),
  paguyuban: 'occupation_association',
  koperasi: 'cooperative',
  forum_warga: 'citizens_forum',
  kelompok_tani: 'farmers_group',
  majelis_taklim: 'religious_group',
};
const TYPE_CHOICES = 'occupation_association/paguyuban, cooperative/koperasi, citizens_forum/forum_warga, farmers_group/kelompok_tani, religious_group/majelis_taklim';

const FIELDS = ['name', 'type', 'occupationCode', 'foundedOn'] as const;

const idArray = (ids: readonly number[]) => sql`${`{${ids.join(',')}}`}::int[]`;

export const communitiesKind = defineKind<Villages & Occupations>({
  kind: 'communities',
  columnOf: { name: 'nama', type: 'jenis', villageCode: 'kode_desa', occupationCode: 'pekerjaan', foundedOn: 'tanggal_berdiri' },
  async loadReferences(db, caller) {
    const [villages, occupations] = await Promise.all([loadVillages(db, caller), loadOccupations(db)]);
    return { ...villages, ...occupations };
  },

  validate(row, refs) {
    const { raw, value } = row;
    if (row.required('nama')) {
      if (FORMULA_START.test(raw.nama!)) row.fail('nama', 'formula');
      else if (raw.nama!.length > 120) row.fail('nama', 'too_long', { max: 120 });
      else value.name = raw.nama!.replace(/\s+/g, ' ');
    }
    if (row.required('jenis')) {
      const type = TYPES[raw.jenis!.trim().toLowerCase().replace(/[\s-]+/g, '_')];
      if (!type) row.fail('jenis', 'bad_community_type', { value: raw.jenis!.slice(0, 30), allowed: TYPE_CHOICES });
      else value.type = type;
    }
    value.villageCode = checkVillage(row, refs);
    value.occupationCode = checkOccupation(row, refs);
    value.foundedOn = row.present.has('tanggal_berdiri') ? row.date('tanggal_berdiri', false) : undefined;
    if (value.name && value.villageCode) row.duplicate(`${nameKey(value.name as string)}|${value.villageCode}`, 'nama');
  },

  /** Matched by name (case and spaces aside) within the village: one lookup, one update, one insert. */
  async writeChunk(ctx, rows) {
    const counts = { added: 0, updated: 0, unchanged: 0 };
    const villages = [...new Set(rows.map((r) => r.value.villageCode as string))];
    const existing = await queryRows<Record<string, unknown> & { id: number; name: string; villageCode: string }>(
      ctx.db,
      sql`select id, name, type, village_code as "villageCode", occupation_code as "occupationCode", founded_on::text as "foundedOn"
          from communities where village_code in (${inList(villages)})`,
    );
    const byKey = new Map(existing.map((e) => [`${nameKey(e.name)}|${e.villageCode}`, e]));
    const updates: Record<string, unknown>[] = [];
    const inserts: Record<string, unknown>[] = [];
    const changes: { key: string; before: Record<string, unknown> | null }[] = [];
    for (const row of rows) {
      const v = row.value;
      const before = byKey.get(`${nameKey(v.name as string)}|${v.villageCode as string}`);
      const next: Record<string, unknown> = { ...v };
      if (before) {
        const fields = diff(before, next, FIELDS);
        if (fields.length === 0) {
          counts.unchanged++;
          continue;
        }
        counts.updated++;
        for (const f of FIELDS) if (next[f] === undefined) next[f] = before[f] ?? null;
        changes.push({ key: String(before.id), before: Object.fromEntries(['villageCode', ...FIELDS].map((f) => [f, before[f] ?? null])) });
        ctx.changedAudit.push({ entityId: String(before.id), fields });
        updates.push({ id: before.id, ...next });
      } else {
        counts.added++;
        inserts.push({ ...next, occupationCode: next.occupationCode ?? null, foundedOn: next.foundedOn ?? null });
      }
    }
    if (updates.length > 0) await restoreCommunities(ctx.tx, updates);
    if (inserts.length > 0) {
      const created = await queryRows<{ id: number }>(
        ctx.db,
        sql`insert into communities (name, type, village_code, occupation_code, founded_on)
            select w.name, w.type, w."villageCode", w."occupationCode", w."foundedOn"
            from json_to_recordset(${JSON.stringify(inserts)}::json) as w(name text, type text, "villageCode" text, "occupationCode" text, "foundedOn" date)
            returning id`,
      );
      for (const c of created) changes.push({ key: String(c.id), before: null });
    }
    await recordKeyChanges(ctx.tx, ctx.importId, 'communities', changes);
    return counts;
  },

  undo: (ctx) =>
    undoKeyed(ctx, 'communities', {
      // Agents a later import or form linked to a community this import created.
      dependents: async (created) => {
        const [row] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from agent_communities where community_id = any(${idArray(created.map(Number))})`);
        return Number(row?.n ?? 0);
      },
      restore: (changed) => restoreCommunities(ctx.tx, changed.map((c) => ({ id: Number(c.key), ...c.before }))),
      remove: async (created) => {
        const gone = await queryRows<{ id: number }>(ctx.db, sql`delete from communities where id = any(${idArray(created.map(Number))}) returning id`);
        return gone.length;
      },
    }),
});

/** Sets the communities' values by id, all rows in one statement. */
async function restoreCommunities(tx: { execute: (q: ReturnType<typeof sql>) => Promise<unknown> }, rows: Record<string, unknown>[]): Promise<void> {
  await tx.execute(sql`
    update communities c set name = w.name, type = w.type, occupation_code = w."occupationCode", founded_on = w."foundedOn"
    from json_to_recordset(${JSON.stringify(rows)}::json) as w(id int, name text, type text, "occupationCode" text, "foundedOn" date)
    where c.id = w.id`);
}

