import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '@/db';
import { CHANNELS } from '@/domain/enums';
import { rateOn, type RateLike } from '@/domain/rates';
import { closest, FORMULA_START, KPJ_PATTERN, nikBirthPart, nikProblem, parseAmount, parseSex } from '@/server/imports/fields';
import { undoEntityImport } from '@/server/imports/kinds/entity-undo';
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
import { analyzeIfGrown, auditChanges, reportRows } from '@/server/imports/kinds/staged';
import { defineKind, type RowCheck } from '@/server/imports/kinds/types';

type Refs = Villages & Occupations & Communities & Agents & { rates: RateLike[] };


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

  staged: {
    columns: [
      ['nik', 'text not null'],
      ['kpj', 'text'],
      ['name', 'text not null'],
      ['sex', 'text not null'],
      ['birth_date', 'date'],
      ['village_code', 'text not null'],
      ['occupation_code', 'text'],
      ['community_id', 'integer'],
      ['agent_code', 'text'],
      ['channel', 'text not null'],
      ['enrolled_on', 'date not null'],
      // Null: not given (a new member gets the lowest band, a known one keeps theirs).
      ['declared_income', 'bigint'],
    ],
    values: ({ value: v }) => [
      v.nik, v.kpj, v.name, v.sex, v.birthDate, v.villageCode, v.occupationCode, v.communityId, v.agentCode, v.channel, v.enrolledOn, v.declaredIncome,
    ],

    /**
     * The whole file in a few statements: the stored members by NIK in one join; a NIK registered outside
     * the caller's region rejected; the before-images and audit of the changed rows, the rollup's copies,
     * and one upsert of the rows that are new or changed.
     */
    async write(ctx, refs) {
      const { tx, db, caller, importId, rollups, present } = ctx;
      const region = caller.regionCode;
      await tx.execute(sql`
        create temp table import_resolved on commit drop as
        select s.*, m.id as existing_id,
          ${region ? sql`(m.village_code = ${region} or m.village_code like ${`${region}.%`})` : sql`true`} as in_scope,
          m.kpj as old_kpj, m.name as old_name, m.sex::text as old_sex, m.birth_date as old_birth_date, m.village_code as old_village_code,
          m.occupation_code as old_occupation_code, m.community_id as old_community_id, m.agent_code as old_agent_code,
          m.channel::text as old_channel, m.enrolled_on as old_enrolled_on, m.declared_income as old_declared_income
        from import_stage s left join members m on m.nik = s.nik`);
      await tx.execute(sql`analyze import_resolved`);
      // A member registered outside the caller's region is neither changed nor moved into it; the message
      // is the one for any NIK the caller cannot register, whether or not it exists elsewhere.
      await reportRows(ctx, sql`existing_id is not null and not in_scope`, (line, raw) => ctx.issue('errors', line, 'nik', 'nik_not_in_scope', {}, raw));

      // Fields of the file that differ from the stored member; a column absent from the file (or no
      // income given) keeps the stored value.
      const optional = (column: string, field: string, name: string): [string, SQL][] =>
        present.has(column) ? [[field, sql`${sql.identifier(name)} is distinct from ${sql.identifier(`old_${name}`)}`]] : [];
      const differs: [string, SQL][] = [
        ...optional('kpj', 'kpj', 'kpj'),
        ['name', sql`name is distinct from old_name`],
        ['sex', sql`sex is distinct from old_sex`],
        ...optional('tanggal_lahir', 'birthDate', 'birth_date'),
        ['villageCode', sql`village_code is distinct from old_village_code`],
        ...optional('pekerjaan', 'occupationCode', 'occupation_code'),
        ...optional('komunitas', 'communityId', 'community_id'),
        ...optional('kode_agen', 'agentCode', 'agent_code'),
        ['channel', sql`channel is distinct from old_channel`],
        ['enrolledOn', sql`enrolled_on is distinct from old_enrolled_on`],
        ['declaredIncome', sql`declared_income is not null and declared_income is distinct from old_declared_income`],
      ];
      const changed = sql`(${sql.join(differs.map(([, d]) => d), sql` or `)})`;
      const updated = sql`existing_id is not null and in_scope and ${changed}`;
      const written = sql`(existing_id is null or (in_scope and ${changed}))`;
      const [counts] = await queryRows<{ added: number; updated: number; unchanged: number }>(
        db,
        sql`select count(*) filter (where existing_id is null)::int as added, count(*) filter (where ${updated})::int as updated,
                   count(*) filter (where existing_id is not null and in_scope and not ${changed})::int as unchanged
            from import_resolved`,
      );
      if (!counts || counts.added + counts.updated === 0) return counts ?? { added: 0, updated: 0, unchanged: 0 };

      // No income given for a new member: the lowest band in force at enrolment (most informal members use
      // it), once per enrolment day.
      const days = await queryRows<{ day: string }>(
        db,
        sql`select distinct enrolled_on::text as day from import_resolved where existing_id is null and declared_income is null`,
      );
      const lowest = days.map((d) => ({ day: d.day, income: rateOn(refs.rates, 'min_declared_income', d.day) ?? 0 }));

      if (counts.updated > 0) {
        await tx.execute(sql`
          insert into import_changes (import_id, entity, entity_id, before)
          select ${importId}, 'members', existing_id, jsonb_build_object('kpj', old_kpj, 'name', old_name, 'sex', old_sex,
            'birthDate', old_birth_date::text, 'villageCode', old_village_code, 'occupationCode', old_occupation_code,
            'communityId', old_community_id, 'agentCode', old_agent_code, 'channel', old_channel, 'enrolledOn', old_enrolled_on::text,
            'declaredIncome', old_declared_income)
          from import_resolved where ${updated}
          on conflict do nothing`);
        await auditChanges(ctx, 'members', updated, differs);
        await rollups?.beforeRows(sql`select existing_id as id from import_resolved where ${updated}`);
      }
      const given = (column: string, name: string) => (present.has(column) ? sql.identifier(name) : sql.identifier(`old_${name}`));
      await tx.execute(sql`
        insert into members (nik, kpj, name, sex, birth_date, village_code, occupation_code, community_id, agent_code, channel,
          enrolled_on, declared_income, import_id)
        select r.nik, ${given('kpj', 'kpj')}, r.name, r.sex, ${given('tanggal_lahir', 'birth_date')}, r.village_code,
          ${given('pekerjaan', 'occupation_code')}, ${given('komunitas', 'community_id')}, ${given('kode_agen', 'agent_code')},
          r.channel, r.enrolled_on, coalesce(r.declared_income, r.old_declared_income, d.income), ${importId}
        from import_resolved r
        left join json_to_recordset(${JSON.stringify(lowest)}::json) as d(day date, income bigint) on d.day = r.enrolled_on
        where ${written}
        on conflict (nik) do update set kpj = excluded.kpj, name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date,
          village_code = excluded.village_code, occupation_code = excluded.occupation_code, community_id = excluded.community_id,
          agent_code = excluded.agent_code, channel = excluded.channel, enrolled_on = excluded.enrolled_on,
          declared_income = excluded.declared_income`);
      await analyzeIfGrown(ctx, 'members', counts.added);
      await rollups?.addedRows(sql`select m.id from members m join import_resolved r on r.nik = m.nik where r.existing_id is null`);
      return counts;
    },
  },

  undo: (ctx) => undoEntityImport(ctx, 'members'),
});
