// The master-data kinds through the import pipeline on both engines: each adds its rows, the same file
// again adds nothing, a changed row updates and its undo restores the previous state, a bad row says
// why; the rows move the figures cache's data version. And Central Java's full region list into an
// empty database (timed, when ../shared/data holds the file).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { runImport, undoImport } from '@/server/imports/pipeline';
import type { ImportRunMode } from '@/contracts/imports';
import { users } from '@/db/schema';
import type { ImportKind } from '@/domain/enums';
import { insertReferenceData } from '@/db/seed/reference';
import type { Caller } from '@/server/auth/caller';
import { csvRecords } from '@/server/imports/stream';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

const TODAY = '2026-11-25';
const VILLAGE = '33.02.14.2011';
const OTHER_VILLAGE = '33.02.14.2001';

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

describe.each(ENGINES)('master-data imports on %s', (engine) => {
  let database: TestDatabase;
  let admin: Caller;
  let officer: Caller;
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
  const run = (kind: ImportKind, lines: string[], mode: ImportRunMode = 'all', caller = admin) =>
    runImport(database.db, { caller, kind, fileName: `${kind}.csv`, records: csvRecords(bytes(`${lines.join('\r\n')}\r\n`)), mode, locale: 'en', today: TODAY });
  const version = async () => Number((await rows<{ v: string }>(sql`select coalesce(sum(version), 0)::text as v from data_version`))[0]!.v);
  const undo = (importId: number | null, caller = admin) => undoImport(database.db, { caller, importId: importId! });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await insertReferenceData(database.db);
    const made = await database.db
      .insert(users)
      .values([
        { email: 'admin@test', name: 'Admin', passwordHash: 'x', role: 'admin' },
        { email: 'officer@test', name: 'Officer', passwordHash: 'x', role: 'bpjs_officer' },
        { email: 'koordinator@test', name: 'Koordinator', passwordHash: 'x', role: 'supervisor' },
      ])
      .returning({ id: users.id });
    admin = { userId: made[0]!.id, email: 'admin@test', name: 'Admin', role: 'admin', regionCode: null };
    officer = { userId: made[1]!.id, email: 'officer@test', name: 'Officer', role: 'bpjs_officer', regionCode: null };
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('regions: an office outside Central Java loads its own list, parents first; same file again adds nothing; undo restores', async () => {
    const file = [
      'kode,nama,tingkat,kode_induk,luas_km2,penduduk,lat,lng',
      '64,Kalimantan Timur,provinsi,,,,,',
      '6401,Kabupaten Paser,kabupaten,64,"11603,94",,,',
      '64.01.01,Batu Sopang,kecamatan,64.01,,,,',
      '64.01.01.2001,Batu Kajang,desa,64.01.01,12.5,2.345,-1.75,115.98',
    ];
    const before = await version();
    const first = await run('regions', file);
    expect(first.errors).toEqual([]);
    expect(first).toMatchObject({ committed: true, added: 4, updated: 0 });
    expect(await version()).toBeGreaterThan(before);
    expect(await rows(sql`select code, level, parent_code, area_km2::float8 as area, population, centroid_lat as lat from regions where code like '64%' order by code`)).toEqual([
      { code: '64', level: 'province', parent_code: null, area: null, population: null, lat: null },
      { code: '64.01', level: 'regency', parent_code: '64', area: 11603.94, population: null, lat: null },
      { code: '64.01.01', level: 'district', parent_code: '64.01', area: null, population: null, lat: null },
      { code: '64.01.01.2001', level: 'village', parent_code: '64.01.01', area: 12.5, population: 2345, lat: -1.75 },
    ]);
    expect(await run('regions', file)).toMatchObject({ committed: true, added: 0, updated: 0, unchanged: 4 });

    const renamed = await run('regions', ['kode,nama,tingkat,kode_induk', '64.01.01.2001,Batu Kajang Baru,kelurahan,64.01.01']);
    expect(renamed).toMatchObject({ added: 0, updated: 1 });
    await expect(undo(first.importId)).rejects.toMatchObject({ status: 409 }); // the later import changed its rows
    expect(await undo(renamed.importId)).toEqual({ removed: 0, restored: 1 });
    expect(await rows(sql`select name, population from regions where code = '64.01.01.2001'`)).toEqual([{ name: 'Batu Kajang', population: 2345 }]);
    expect(await undo(first.importId)).toEqual({ removed: 4, restored: 0 });
    expect(await rows(sql`select count(*)::int as n from regions where code like '64%'`)).toEqual([{ n: 0 }]);
  });

  it('regions: a missing parent, a wrong level and a bad code are refused with their line and column', async () => {
    const report = await run('regions', [
      'kode,nama,tingkat,kode_induk',
      '65.01,Kabupaten Tanpa Induk,regency,65',
      '33.02.99,Kecamatan,desa,33.02',
      '3x.01,Rusak,regency,33',
      '33.02.14.2011,Ajibarang Kulon,village,33.02.15',
    ]);
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'kode_induk', 'unknown_parent'],
      [3, 'tingkat', 'level_code_mismatch'],
      [4, 'kode', 'bad_region_code'],
      [5, 'kode_induk', 'parent_mismatch'],
    ]);
    expect(report.errors[0]!.message).toBe('Line 2, column kode_induk: the parent region 65 is neither in the database nor on an earlier line of the file. Put parents before their children.');
  });

  it('communities: key name + village; a changed type updates and undo restores; a bad type is named', async () => {
    const file = ['nama,jenis,kode_desa,pekerjaan,tanggal_berdiri', `Paguyuban Ojek Pangkalan,paguyuban,${VILLAGE},ojek,2019-04-01`, `Kelompok Tani Makmur,kelompok_tani,3302142001,petani,`];
    const before = await version();
    const first = await run('communities', file, 'all', officer);
    expect(first.errors).toEqual([]);
    expect(await version()).toBeGreaterThan(before);
    expect(first).toMatchObject({ committed: true, added: 2 });
    expect(await run('communities', file, 'all', officer)).toMatchObject({ added: 0, unchanged: 2 });
    const changed = await run('communities', ['nama,jenis,kode_desa', `paguyuban ojek pangkalan,koperasi,${VILLAGE}`], 'all', officer);
    expect(changed).toMatchObject({ added: 0, updated: 1 });
    expect(await rows(sql`select name, type, occupation_code as o from communities where village_code = ${VILLAGE} and name ilike 'paguyuban ojek%'`)).toEqual([
      { name: 'paguyuban ojek pangkalan', type: 'cooperative', o: 'ojek' },
    ]);
    await undo(changed.importId, officer);
    expect(await rows(sql`select name, type from communities where village_code = ${VILLAGE} and name ilike 'paguyuban ojek%'`)).toEqual([{ name: 'Paguyuban Ojek Pangkalan', type: 'occupation_association' }]);
    const bad = await run('communities', ['nama,jenis,kode_desa', `Arisan,arisan,${VILLAGE}`], 'all', officer);
    expect(bad.errors.map((e) => [e.column, e.code])).toEqual([['jenis', 'bad_community_type']]);
  });

  it('agents: communities by name, supervisor by e-mail, own sign-in e-mail; changed row updates, undo restores', async () => {
    const file = [
      'kode_agen,nama,kode_desa,komunitas,email_koordinator,telepon,mulai_aktif,akhir_aktif,email',
      `AG-NEW1,Warsini,${VILLAGE},Paguyuban Ojek Pangkalan|Kelompok Tani Makmur,Koordinator@test,0812-2345-6789,01/02/2025,,warsini@agen.test`,
      `AG-NEW2,Darto,${OTHER_VILLAGE},Kelompok Tani Makmur,,,2025-03-01,2027-12-31,`,
    ];
    const before = await version();
    const first = await run('agents', file, 'all', officer);
    expect(first.errors).toEqual([]);
    expect(await version()).toBeGreaterThan(before);
    expect(first).toMatchObject({ committed: true, added: 2 });
    const stored = await rows<{ code: string; supervisor: string | null; email: string | null; communities: string }>(
      sql`select a.code, u.email as supervisor, a.email, string_agg(c.name, '|' order by c.name) as communities
          from agents a left join users u on u.id = a.supervisor_id join agent_communities ac on ac.agent_code = a.code join communities c on c.id = ac.community_id
          where a.code like 'AG-NEW%' group by a.code, u.email, a.email order by a.code`,
    );
    expect(stored).toEqual([
      { code: 'AG-NEW1', supervisor: 'koordinator@test', email: 'warsini@agen.test', communities: 'Kelompok Tani Makmur|Paguyuban Ojek Pangkalan' },
      { code: 'AG-NEW2', supervisor: null, email: null, communities: 'Kelompok Tani Makmur' },
    ]);
    expect(await run('agents', file, 'all', officer)).toMatchObject({ added: 0, unchanged: 2 });
    const changed = await run('agents', ['kode_agen,nama,kode_desa,komunitas,mulai_aktif', `AG-NEW1,Warsini,${VILLAGE},,2025-02-01`], 'all', officer);
    expect(changed).toMatchObject({ updated: 1 });
    expect(await rows(sql`select count(*)::int as n from agent_communities where agent_code = 'AG-NEW1'`)).toEqual([{ n: 0 }]);
    await undo(changed.importId, officer);
    expect(await rows(sql`select count(*)::int as n from agent_communities where agent_code = 'AG-NEW1'`)).toEqual([{ n: 2 }]);

    const bad = await run('agents', [
      'kode_agen,nama,kode_desa,komunitas,email_koordinator,mulai_aktif,akhir_aktif,email',
      `AG-NEW3,Sarni,${VILLAGE},,officer@test,2025-01-01,2024-01-01,warsini@agen.test`,
    ], 'all', officer);
    expect(bad.errors.map((e) => [e.column, e.code])).toEqual([
      ['email_koordinator', 'unknown_supervisor'],
      ['akhir_aktif', 'active_range'],
    ]);
    const taken = await run('agents', ['kode_agen,nama,kode_desa,mulai_aktif,email', `AG-NEW3,Sarni,${VILLAGE},2025-01-01,WARSINI@agen.test`], 'all', officer);
    expect(taken.errors.map((e) => [e.column, e.code])).toEqual([['email', 'email_taken']]);
  });

  it('agents: undo removes the agents it created with the sign-ins it provisioned, unless a sign-in is in use', async () => {
    const header = 'kode_agen,nama,kode_desa,mulai_aktif,email';
    const signIns = sql`select agent_code, email from users where agent_code like 'AG-UNDO%' order by agent_code`;
    const first = await run('agents', [header, `AG-UNDO1,Kasno,${VILLAGE},2025-01-01,kasno@agen.test`, `AG-UNDO2,Tarmi,${VILLAGE},2025-01-01,`], 'all', officer);
    expect(first).toMatchObject({ committed: true, added: 2 });
    expect(await rows(signIns)).toEqual([{ agent_code: 'AG-UNDO1', email: 'kasno@agen.test' }]);
    expect(await undo(first.importId, officer)).toEqual({ removed: 2, restored: 0 });
    expect(await rows(signIns)).toEqual([]);
    expect(await rows(sql`select count(*)::int as n from agents where code like 'AG-UNDO%'`)).toEqual([{ n: 0 }]);

    // Once the agent has set a password the sign-in is in use: the undo is refused and nothing changes.
    const second = await run('agents', [header, `AG-UNDO3,Rasmini,${VILLAGE},2025-01-01,rasmini@agen.test`], 'all', officer);
    await database.db.execute(sql`update users set password_hash = 'set-by-the-agent' where agent_code = 'AG-UNDO3'`);
    await expect(undo(second.importId, officer)).rejects.toMatchObject({ status: 409 });
    expect(await rows(signIns)).toEqual([{ agent_code: 'AG-UNDO3', email: 'rasmini@agen.test' }]);
  });

  it('agent_targets and coverage_targets: key agent + month and region + year; undo restores the previous target', async () => {
    const beforeTargets = await version();
    const targets = await run('agent_targets', ['kode_agen,bulan,target_rekrutan', 'AG-NEW1,2026-12,8', 'AG-NEW2,2026-12,5'], 'all', officer);
    expect(targets).toMatchObject({ committed: true, added: 2 });
    expect(await version()).toBeGreaterThan(beforeTargets);
    expect(await run('agent_targets', ['kode_agen,bulan,target_rekrutan', 'AG-NEW1,2026-12,8'], 'all', officer)).toMatchObject({ added: 0, unchanged: 1 });
    const raised = await run('agent_targets', ['kode_agen,bulan,target_rekrutan', 'AG-NEW1,2026-12,12'], 'all', officer);
    expect(raised).toMatchObject({ updated: 1 });
    await undo(raised.importId, officer);
    expect(await rows(sql`select recruits_target as t from agent_targets where agent_code = 'AG-NEW1' and month = '2026-12-01'`)).toEqual([{ t: 8 }]);
    expect((await run('agent_targets', ['kode_agen,bulan,target_rekrutan', 'AG-NEW1,2026-13,-1'], 'all', officer)).errors.map((e) => e.code)).toEqual(['bad_month', 'bad_count']);

    const before = await version();
    const coverage = await run('coverage_targets', ['kode_wilayah,tahun,target_cakupan', '33.02.14,2028,"12,5%"', '3302142011,2028,15'], 'all', officer);
    expect(coverage.errors).toEqual([]);
    expect(coverage).toMatchObject({ committed: true, added: 2 });
    expect(await version()).toBeGreaterThan(before);
    const changed = await run('coverage_targets', ['kode_wilayah,tahun,target_cakupan', '33.02.14,2028,20'], 'all', officer);
    expect(changed).toMatchObject({ updated: 1 });
    await undo(changed.importId, officer);
    expect(await rows(sql`select target_rate::float8 as r from coverage_targets where region_code = '33.02.14' and year = 2028`)).toEqual([{ r: 12.5 }]);
    expect((await run('coverage_targets', ['kode_wilayah,tahun,target_cakupan', '33.02.14,2028,120'], 'all', officer)).errors.map((e) => e.code)).toEqual(['bad_percentage']);
  });

  it('workforce: totals and per-occupation rows with their source; admins only; undo restores', async () => {
    await expect(run('workforce', ['kode_wilayah,tahun,pekerja_informal', `${VILLAGE},2030,100`], 'all', officer)).rejects.toMatchObject({ status: 403 });
    const file = ['kode_wilayah,tahun,pekerja_informal,pekerjaan,sumber', `${VILLAGE},2030,1.200,,Sakernas 2030 (estimate)`, `${VILLAGE},2030,300,petani,Sakernas 2030 (estimate)`];
    const before = await version();
    const first = await run('workforce', file);
    expect(first.errors).toEqual([]);
    expect(await version()).toBeGreaterThan(before);
    expect(first).toMatchObject({ committed: true, added: 2 });
    expect(await run('workforce', file)).toMatchObject({ added: 0, unchanged: 2 });
    const changed = await run('workforce', ['kode_wilayah,tahun,pekerja_informal', `${VILLAGE},2030,1300`]);
    expect(changed).toMatchObject({ updated: 1 });
    expect(await rows(sql`select informal_workers as n, source from workforce_estimates where region_code = ${VILLAGE} and year = 2030`)).toEqual([{ n: 1300, source: 'Sakernas 2030 (estimate)' }]);
    await undo(changed.importId);
    expect(await rows(sql`select informal_workers as n from workforce_estimates where region_code = ${VILLAGE} and year = 2030`)).toEqual([{ n: 1200 }]);
    expect(await undo(first.importId)).toEqual({ removed: 2, restored: 0 });
    expect(await rows(sql`select count(*)::int as n from workforce_estimates_by_occupation where region_code = ${VILLAGE} and year = 2030`)).toEqual([{ n: 0 }]);
    const bad = await run('workforce', ['kode_wilayah,tahun,pekerja_informal,pekerjaan', `99.99,1850,banyak,astronot`]);
    expect(bad.errors.map((e) => [e.column, e.code])).toEqual([
      ['kode_wilayah', 'unknown_region'],
      ['tahun', 'bad_year'],
      ['pekerjaan', 'unknown_occupation'],
      ['pekerja_informal', 'bad_count'],
    ]);
  });

  it('valid rows only keeps the good rows of a master-data file; a preview writes nothing', async () => {
    const lines = ['nama,jenis,kode_desa', `Forum Warga RW 3,forum_warga,${VILLAGE}`, `Majelis Al-Ikhlas,majelis_taklim,33.02.14.9999`];
    const preview = await run('communities', lines, 'preview');
    expect(preview).toMatchObject({ committed: false, added: 1, rejected: 1 });
    expect(await rows(sql`select count(*)::int as n from communities where name = 'Forum Warga RW 3'`)).toEqual([{ n: 0 }]);
    expect(await run('communities', lines, 'valid_only')).toMatchObject({ committed: true, added: 1, rejected: 1 });
  });
});

const REGION_FILE = path.resolve(__dirname, '../../../shared/data/wilayah-jawa-tengah.csv');
const REGION_FILE_ALT = '/work/shared/data/wilayah-jawa-tengah.csv';
const regionFile = [REGION_FILE, REGION_FILE_ALT].find((f) => fs.existsSync(f));

describe.skipIf(!regionFile).each(ENGINES)("Central Java's region list into an empty database on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('imports every row, then the same file again adds nothing', async () => {
    const [user] = await database.db.insert(users).values({ email: 'admin@test', name: 'Admin', passwordHash: 'x', role: 'admin' }).returning({ id: users.id });
    const caller: Caller = { userId: user!.id, email: 'admin@test', name: 'Admin', role: 'admin', regionCode: null };
    const lines = fs.readFileSync(regionFile!, 'utf8').trim().split('\n').length - 1;
    const importFile = () =>
      runImport(database.db, { caller, kind: 'regions', fileName: 'wilayah-jawa-tengah.csv', records: csvRecords(fs.createReadStream(regionFile!)), mode: 'all', locale: 'en' });
    const started = performance.now();
    const report = await importFile();
    const seconds = (performance.now() - started) / 1000;
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ committed: true, added: lines });
    const again = await importFile();
    expect(again).toMatchObject({ added: 0, unchanged: lines });
    expect(await queryRows(database.db, sql`select level, count(*)::int as n from regions group by level order by n`)).toEqual([
      { level: 'province', n: 1 },
      { level: 'regency', n: 35 },
      { level: 'district', n: 576 },
      { level: 'village', n: 8563 },
    ]);
    console.log(`[measure] ${engine}: ${lines} regions imported in ${seconds.toFixed(2)} s; the same file again in ${(again.durationMs / 1000).toFixed(2)} s`);
  });
});
