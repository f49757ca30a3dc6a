// Issue 17, finding 1: an officer whose account is limited to one village stays inside it through every
// step of the import pipeline — lookups, writes, preview, history, the rejected-rows report and undo.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { getImportRejectedRows, listImports, runImport, undoImport } from '@/server/imports/pipeline';
import type { ImportRunMode } from '@/contracts/imports';
import { users } from '@/db/schema';
import type { ImportKind } from '@/domain/enums';
import { insertReferenceData } from '@/db/seed/reference';
import type { Caller } from '@/server/auth/caller';
import { csvRecords } from '@/server/imports/stream';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

const TODAY = '2026-11-25';
const OWN = '33.02.14.2011';
const OTHER = '33.02.14.2001';
// NIKs: 330214 + DDMMYY + serial.
const NIK_OUTSIDE = '3302141203850001';
const NIK_INSIDE = '3302145507900002';
const NIK_NOWHERE = '3302140101800003';

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const MEMBERS_HEADER = 'nik,nama,jenis_kelamin,kode_desa,kanal,tanggal_daftar';
const CONTRIBUTIONS_HEADER = 'nik,bulan_mulai,jumlah_bulan,iuran_jkk,iuran_jkm,tanggal_bayar';
const CLAIMS_HEADER = 'nomor_klaim,nik,program,tanggal_kejadian,tanggal_pengajuan,status';

describe.each(ENGINES)('imports by a village-limited officer on %s', (engine) => {
  let database: TestDatabase;
  let central: Caller;
  let village: Caller;
  let neighbour: Caller;
  let centralImport: number;
  let centralWithRejects: number;
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
  const run = (caller: Caller, kind: ImportKind, lines: string[], mode: ImportRunMode = 'all') =>
    runImport(database.db, { caller, kind, fileName: `${kind}.csv`, records: csvRecords(bytes(`${lines.join('\n')}\n`)), mode, locale: 'en', today: TODAY });
  const memberVillage = async (nik: string) => (await rows<{ v: string }>(sql`select village_code as v from members where nik = ${nik}`))[0]?.v;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await insertReferenceData(database.db);
    const made = await database.db
      .insert(users)
      .values([
        { email: 'central@test', name: 'Central', passwordHash: 'x', role: 'bpjs_officer' },
        { email: 'village@test', name: 'Village', passwordHash: 'x', role: 'bpjs_officer', regionCode: OWN },
        { email: 'neighbour@test', name: 'Neighbour', passwordHash: 'x', role: 'bpjs_officer', regionCode: OTHER },
      ])
      .returning({ id: users.id });
    central = { userId: made[0]!.id, email: 'central@test', name: 'Central', role: 'bpjs_officer', regionCode: null };
    village = { userId: made[1]!.id, email: 'village@test', name: 'Village', role: 'bpjs_officer', regionCode: OWN };
    neighbour = { userId: made[2]!.id, email: 'neighbour@test', name: 'Neighbour', role: 'bpjs_officer', regionCode: OTHER };

    const members = await run(central, 'members', [MEMBERS_HEADER, `${NIK_OUTSIDE},Darto,L,${OTHER},agent,2026-01-05`, `${NIK_INSIDE},Siti,P,${OWN},agent,2026-01-05`]);
    expect(members).toMatchObject({ committed: true, added: 2 });
    centralImport = members.importId!;
    // A central import with a rejected row: its report holds the full NIK.
    const partial = await run(central, 'contributions', [CONTRIBUTIONS_HEADER, `${NIK_OUTSIDE},2026-01,1,10000,6800,2026-01-10`, `${NIK_NOWHERE},2026-01,1,10000,6800,2026-01-10`], 'valid_only');
    expect(partial).toMatchObject({ committed: true, added: 1, rejected: 1 });
    centralWithRejects = partial.importId!;
    const claim = await run(central, 'claims', [CLAIMS_HEADER, `K-OUT-1,${NIK_OUTSIDE},JKK,2026-02-01,2026-02-03,submitted`]);
    expect(claim).toMatchObject({ committed: true, added: 1 });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('does not move an outside member into the officer’s village, and says so without saying the NIK exists', async () => {
    const report = await run(village, 'members', [MEMBERS_HEADER, `${NIK_OUTSIDE},Darto Pindah,L,${OWN},agent,2026-01-05`]);
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.column, e.code])).toEqual([['nik', 'nik_not_in_scope']]);
    expect(report.errors[0]!.message).not.toMatch(/exist|elsewhere|other region|another/i);
    expect(await memberVillage(NIK_OUTSIDE)).toBe(OTHER);
    // valid_only keeps the refusal too.
    const partial = await run(village, 'members', [MEMBERS_HEADER, `${NIK_OUTSIDE},Darto Pindah,L,${OWN},agent,2026-01-05`, `${NIK_NOWHERE},Baru,L,${OWN},agent,2026-01-05`], 'valid_only');
    expect(partial).toMatchObject({ committed: true, added: 1, rejected: 1 });
    expect(await memberVillage(NIK_OUTSIDE)).toBe(OTHER);
    expect(await memberVillage(NIK_NOWHERE)).toBe(OWN);
    await undoImport(database.db, { caller: village, importId: partial.importId! });
  });

  it('adds no contribution or claim for a member of another village, nor takes over another village’s claim', async () => {
    const contributions = await run(village, 'contributions', [CONTRIBUTIONS_HEADER, `${NIK_OUTSIDE},2026-03,1,10000,6800,2026-03-10`], 'valid_only');
    expect(contributions).toMatchObject({ added: 0, rejected: 1 });
    expect(contributions.errors.map((e) => e.code)).toEqual(['unknown_member']);
    const claims = await run(village, 'claims', [CLAIMS_HEADER, `K-NEW-1,${NIK_OUTSIDE},JKM,2026-02-01,2026-02-03,submitted`], 'valid_only');
    expect(claims).toMatchObject({ added: 0, rejected: 1 });
    // An existing claim of an outside member is not moved to a member of the officer's village.
    const takeover = await run(village, 'claims', [CLAIMS_HEADER, `K-OUT-1,${NIK_INSIDE},JKK,2026-02-01,2026-02-03,submitted`], 'valid_only');
    expect(takeover).toMatchObject({ added: 0, updated: 0, rejected: 1 });
    expect(takeover.errors.map((e) => e.code)).toEqual(['claim_not_in_scope']);
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from contributions c join members m on m.id = c.member_id where m.nik = ${NIK_OUTSIDE}`)).toEqual([{ n: 1 }]);
    expect(await rows<{ nik: string }>(sql`select m.nik from claims c join members m on m.id = c.member_id where c.number = 'K-OUT-1'`)).toEqual([{ nik: NIK_OUTSIDE }]);
    // Inside the village the same files work.
    const own = await run(village, 'contributions', [CONTRIBUTIONS_HEADER, `${NIK_INSIDE},2026-03,1,10000,6800,2026-03-10`]);
    expect(own).toMatchObject({ committed: true, added: 1 });
  });

  it('a preview says the same of an outside member’s NIK as of a NIK that exists nowhere', async () => {
    const preview = await run(village, 'contributions', [CONTRIBUTIONS_HEADER, `${NIK_OUTSIDE},2026-04,1,10000,6800,2026-04-10`, `${NIK_NOWHERE.replace(/3$/, '9')},2026-04,1,10000,6800,2026-04-10`], 'preview');
    expect(preview.errors.map((e) => e.code)).toEqual(['unknown_member', 'unknown_member']);
    expect(preview.errors[0]!.message.replace('Line 2', 'Line N')).toBe(preview.errors[1]!.message.replace('Line 3', 'Line N'));
    expect(JSON.stringify(preview)).not.toContain(NIK_OUTSIDE);
  });

  it('lists only imports made within the officer’s village, and hides other regions’ rejected rows', async () => {
    const history = await listImports(database.db, { caller: village });
    expect(history.length).toBeGreaterThan(0);
    expect(history.map((h) => h.id)).not.toContain(centralImport);
    expect(history.map((h) => h.id)).not.toContain(centralWithRejects);
    expect((await listImports(database.db, { caller: central })).map((h) => h.id)).toContain(centralWithRejects);
    await expect(getImportRejectedRows(database.db, { caller: village, importId: centralWithRejects })).rejects.toMatchObject({ status: 404 });
    expect(await getImportRejectedRows(database.db, { caller: central, importId: centralWithRejects })).toHaveLength(1);
  });

  it('cannot undo an import made by a user outside its village, nor one made in another village', async () => {
    await expect(undoImport(database.db, { caller: village, importId: centralImport })).rejects.toMatchObject({ status: 404 });
    const theirs = await run(neighbour, 'contributions', [CONTRIBUTIONS_HEADER, `${NIK_OUTSIDE},2026-05,1,10000,6800,2026-05-10`]);
    expect(theirs).toMatchObject({ committed: true, added: 1 });
    await expect(undoImport(database.db, { caller: village, importId: theirs.importId! })).rejects.toMatchObject({ status: 404 });
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from imports where undone_at is not null and id in (${centralImport}, ${theirs.importId!})`)).toEqual([{ n: 0 }]);
    // Each officer undoes their own.
    await expect(undoImport(database.db, { caller: neighbour, importId: theirs.importId! })).resolves.toEqual({ removed: 1, restored: 0 });
    const stored = await rows<{ region_code: string | null }>(sql`select region_code from imports where id = ${theirs.importId!}`);
    expect(stored).toEqual([{ region_code: OTHER }]);
  });

  it('keeps master data in the village too: communities and agents of other villages are neither named nor changed', async () => {
    const community = await run(village, 'communities', ['nama,jenis,kode_desa', `Paguyuban Luar,paguyuban,${OTHER}`]);
    expect(community.errors.map((e) => [e.column, e.code])).toEqual([['kode_desa', 'unknown_village']]);
    await expect(run(village, 'regions', ['kode,nama,tingkat,kode_induk', `${OWN},Nama Baru,desa,33.02.14`])).rejects.toMatchObject({ status: 403 });
    await expect(run(village, 'workforce', ['kode_wilayah,tahun,pekerja_informal', `${OWN},2026,100`])).rejects.toMatchObject({ status: 403 });
    await run(central, 'agents', ['kode_agen,nama,kode_desa,mulai_aktif', `AG-LUAR,Darsih,${OTHER},2025-01-01`]);
    const agent = await run(village, 'agents', ['kode_agen,nama,kode_desa,mulai_aktif', `AG-LUAR,Darsih,${OWN},2025-01-01`]);
    expect(agent.errors.map((e) => e.code)).toEqual(['agent_not_in_scope']);
    expect(await rows<{ v: string }>(sql`select village_code as v from agents where code = 'AG-LUAR'`)).toEqual([{ v: OTHER }]);
    const target = await run(village, 'agent_targets', ['kode_agen,bulan,target_rekrutan', 'AG-LUAR,2026-12,5']);
    expect(target.errors.map((e) => e.code)).toEqual(['unknown_agent']);
  });
});
