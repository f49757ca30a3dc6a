// Master data kept in the app, on both engines: communities, agents, workforce estimates and reference
// rates created and edited through the same schemas the forms use; duplicates, wrong references, other
// roles and other regions refused with nothing written; every change audited; a new rate never rewrites
// the history of its key. Hand-made rows over the shipped reference data (Ajibarang's villages).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { loadReferenceData } from '@/db/reference/load';
import { getManagedCommunity, listManagedCommunities, saveCommunity } from '@/server/master-data/communities';
import { getManagedAgent, listManagedAgents, saveAgent } from '@/server/master-data/agents';
import { listWorkforceEstimates, saveWorkforceEstimate } from '@/server/master-data/workforce';
import { addReferenceRate, listReferenceRates } from '@/server/master-data/rates';
import { listCommunityOptions, listVillageOptions } from '@/server/master-data/options';
import type { Caller } from '@/server/auth/caller';
import { agentSchema, communitySchema, rateSchema, workforceSchema } from '@/domain/master-data';
import { rateOn } from '@/domain/rates';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

const V1 = '33.02.14.2001'; // Darmakradenan
const V11 = '33.02.14.2011'; // Ajibarang Kulon: the officer's own village
const V12 = '33.02.14.2012';

const admin: Caller = { userId: 1, email: 'admin@kantor.test', name: 'Admin', role: 'admin', regionCode: null };
const officer: Caller = { userId: 2, email: 'petugas@kantor.test', name: 'Petugas', role: 'bpjs_officer', regionCode: V11 };
const district: Caller = { userId: 4, email: 'camat@kantor.test', name: 'Camat', role: 'district_official', regionCode: null };
const supervisorCaller: Caller = { userId: 3, email: 'spv@kantor.test', name: 'Koordinator', role: 'supervisor', regionCode: null };

const community = (values: Record<string, string>) =>
  communitySchema.parse({ id: '', name: '', type: 'occupation_association', villageCode: V1, occupationCode: '', foundedOn: '', ...values });
const agent = (values: Record<string, unknown>) =>
  agentSchema.parse({ editing: '', code: '', name: 'Agen Uji', villageCode: V1, communityIds: [], supervisorId: '', phone: '', activeFrom: '2026-01-05', activeTo: '', ...values });
const workforce = (values: Record<string, unknown>) =>
  workforceSchema.parse({ regionCode: V1, year: '2026', occupationCode: '', informalWorkers: '1.000', source: '', estimate: null, ...values });
const rate = (values: Record<string, string>) =>
  rateSchema.parse({ key: 'jkm_flat', category: 'contribution', unit: 'rupiah', value: '7.000', effectiveFrom: '2027-01-01', source: 'PP uji 2026', ...values });

describe.each(ENGINES)('master data on %s', (engine) => {
  let database: TestDatabase;
  const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number | string }>(database.db, query))[0]?.n);
  const audits = (action: string) => count(sql`select count(*) as n from audit_log where action = ${action}`);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await loadReferenceData(database.db);
    await database.db.execute(sql`insert into users (id, email, name, password_hash, role, region_code) values
      (1, 'admin@kantor.test', 'Admin', 'x', 'admin', null),
      (2, 'petugas@kantor.test', 'Petugas', 'x', 'bpjs_officer', ${V11}),
      (3, 'spv@kantor.test', 'Koordinator', 'x', 'supervisor', null),
      (4, 'camat@kantor.test', 'Camat', 'x', 'district_official', null)`);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  describe('communities', () => {
    it('creates and edits a community, each change audited', async () => {
      const created = await saveCommunity(database.db, {
        caller: admin,
        input: community({ name: 'Paguyuban Parkir Darma', occupationCode: 'tukang_parkir', foundedOn: '2019-03-01' }),
      });
      expect(created).toMatchObject({ ok: true, created: true });
      const id = Number(created.ok && created.id);
      const edited = await saveCommunity(database.db, {
        caller: admin,
        input: community({ id: String(id), name: 'Paguyuban Parkir Darmakradenan', type: 'cooperative' }),
      });
      expect(edited).toEqual({ ok: true, created: false, id: String(id) });
      expect(await getManagedCommunity(database.db, { caller: admin, id })).toMatchObject({
        name: 'Paguyuban Parkir Darmakradenan',
        type: 'cooperative',
        occupationCode: null,
        foundedOn: null,
      });
      expect(await audits('community_create')).toBe(1);
      expect(await audits('community_update')).toBe(1);
    });

    it('refuses a duplicate name in the same village, whatever its case, and allows it in another', async () => {
      const before = await count(sql`select count(*) as n from communities`);
      expect(await saveCommunity(database.db, { caller: admin, input: community({ name: 'paguyuban parkir darmakradenan' }) })).toEqual({
        ok: false,
        reason: 'duplicateCommunity',
        field: 'name',
        values: { name: 'paguyuban parkir darmakradenan' },
      });
      const other = await saveCommunity(database.db, { caller: admin, input: community({ name: 'Koperasi Tani', villageCode: V1 }) });
      expect(other.ok).toBe(true);
      // Renaming another community to the taken name is refused too.
      const renamed = await saveCommunity(database.db, {
        caller: admin,
        input: community({ id: other.ok ? other.id : '', name: 'Paguyuban Parkir Darmakradenan' }),
      });
      expect(renamed).toMatchObject({ ok: false, reason: 'duplicateCommunity' });
      expect((await saveCommunity(database.db, { caller: admin, input: community({ name: 'Paguyuban Parkir Darmakradenan', villageCode: V12 }) })).ok).toBe(true);
      expect(await count(sql`select count(*) as n from communities`)).toBe(before + 2);
      expect(await saveCommunity(database.db, { caller: admin, input: community({ name: 'Di Kecamatan', villageCode: '33.02.14.9999' }) })).toMatchObject({
        ok: false,
        reason: 'unknownVillage',
      });
    });

    it('keeps an officer limited to a village inside it, and other roles out', async () => {
      const own = await saveCommunity(database.db, { caller: officer, input: community({ name: 'Forum Warga RW 03', type: 'citizens_forum', villageCode: V11 }) });
      expect(own.ok).toBe(true);
      await expect(saveCommunity(database.db, { caller: officer, input: community({ name: 'Di luar', villageCode: V1 }) })).rejects.toMatchObject({
        code: 'region_out_of_scope',
        status: 403,
      });
      // An edit of a community outside the officer's village, even one moving it into theirs, is refused.
      const [outside] = await queryRows<{ id: number }>(database.db, sql`select id from communities where village_code = ${V1} order by id limit 1`);
      await expect(
        saveCommunity(database.db, { caller: officer, input: community({ id: String(outside!.id), name: 'Diambil', villageCode: V11 }) }),
      ).rejects.toMatchObject({ code: 'region_out_of_scope' });
      expect(await getManagedCommunity(database.db, { caller: officer, id: outside!.id })).toBeNull();
      await expect(saveCommunity(database.db, { caller: district, input: community({ name: 'Camat' }) })).rejects.toMatchObject({ status: 403 });
      await expect(saveCommunity(database.db, { caller: supervisorCaller, input: community({ name: 'Spv' }) })).rejects.toMatchObject({ status: 403 });
      // The officer's lists hold their village only.
      expect((await listManagedCommunities(database.db, { caller: officer })).map((c) => c.villageCode)).toEqual([V11]);
      expect((await listCommunityOptions(database.db, { caller: officer })).map((c) => c.name)).toEqual(['Forum Warga RW 03']);
      expect((await listVillageOptions(database.db, { caller: officer })).map((v) => v.code)).toEqual([V11]);
      expect(await count(sql`select count(*) as n from communities where name in ('Di luar', 'Diambil', 'Camat', 'Spv')`)).toBe(0);
    });
  });

  describe('agents', () => {
    it('creates an agent with its supervisor and communities, then ends it with a date, never deleting it', async () => {
      const ids = (await listCommunityOptions(database.db, { caller: admin })).filter((c) => c.villageCode === V1).map((c) => String(c.id));
      expect(ids).toHaveLength(2);
      const created = await saveAgent(database.db, {
        caller: admin,
        input: agent({ code: 'PRS-901', communityIds: ids, supervisorId: '3', phone: '0812 3456 789' }),
      });
      expect(created).toEqual({ ok: true, created: true, id: 'PRS-901' });
      expect(await getManagedAgent(database.db, { caller: admin, code: 'PRS-901' })).toMatchObject({
        supervisorId: 3,
        phone: '0812 3456 789',
        activeFrom: '2026-01-05',
        activeTo: null,
        communityIds: ids.map(Number).sort((a, b) => a - b),
      });
      const ended = await saveAgent(database.db, {
        caller: admin,
        input: agent({ editing: 'true', code: 'PRS-901', communityIds: [ids[1]], supervisorId: '3', activeTo: '2026-10-31' }),
      });
      expect(ended).toEqual({ ok: true, created: false, id: 'PRS-901' });
      const [row] = await listManagedAgents(database.db, { caller: admin });
      expect(row).toMatchObject({ code: 'PRS-901', activeTo: '2026-10-31', supervisorEmail: 'spv@kantor.test', phone: null });
      expect(await count(sql`select count(*) as n from agent_communities where agent_code = 'PRS-901'`)).toBe(1);
      expect(await audits('agent_create')).toBe(1);
      expect(await audits('agent_update')).toBe(1);
    });

    it('refuses a taken code, a supervisor who is not one, and dates in the wrong order', async () => {
      expect(await saveAgent(database.db, { caller: admin, input: agent({ code: 'PRS-901' }) })).toMatchObject({ ok: false, reason: 'codeTaken' });
      // User 2 is an officer, not a supervisor.
      expect(await saveAgent(database.db, { caller: admin, input: agent({ code: 'PRS-902', supervisorId: '2' }) })).toMatchObject({
        ok: false,
        reason: 'unknownSupervisor',
        field: 'supervisorId',
      });
      expect(await saveAgent(database.db, { caller: admin, input: agent({ code: 'PRS-902', communityIds: ['999999'] }) })).toMatchObject({
        ok: false,
        reason: 'unknownCommunity',
      });
      const wrongOrder = agentSchema.safeParse({ code: 'PRS-902', name: 'Agen', villageCode: V1, communityIds: [], supervisorId: '', phone: '', activeFrom: '2026-05-01', activeTo: '2026-04-30' });
      expect(wrongOrder.success).toBe(false);
      expect(wrongOrder.error?.issues[0]).toMatchObject({ path: ['activeTo'], message: 'activeToBeforeFrom' });
      // Editing an agent that does not exist is a 404, not a creation.
      await expect(saveAgent(database.db, { caller: admin, input: agent({ editing: 'true', code: 'PRS-404' }) })).rejects.toMatchObject({ status: 404 });
      expect(await count(sql`select count(*) as n from agents where code in ('PRS-902', 'PRS-404')`)).toBe(0);
    });

    it('keeps an officer limited to a village to its agents and communities', async () => {
      const [own] = await listCommunityOptions(database.db, { caller: officer });
      expect((await saveAgent(database.db, { caller: officer, input: agent({ code: 'PRS-911', villageCode: V11, communityIds: [String(own!.id)] }) })).ok).toBe(true);
      await expect(saveAgent(database.db, { caller: officer, input: agent({ code: 'PRS-912', villageCode: V1 }) })).rejects.toMatchObject({
        code: 'region_out_of_scope',
      });
      // An agent outside their village: not theirs to edit, nor to pull into it.
      await expect(saveAgent(database.db, { caller: officer, input: agent({ editing: 'true', code: 'PRS-901', villageCode: V11 }) })).rejects.toMatchObject({
        code: 'region_out_of_scope',
      });
      expect(await getManagedAgent(database.db, { caller: officer, code: 'PRS-901' })).toBeNull();
      // A community of another village is as unknown to them as a missing one.
      const [outside] = await queryRows<{ id: number }>(database.db, sql`select id from communities where village_code = ${V1} limit 1`);
      expect(await saveAgent(database.db, { caller: officer, input: agent({ code: 'PRS-913', villageCode: V11, communityIds: [String(outside!.id)] }) })).toMatchObject({
        ok: false,
        reason: 'unknownCommunity',
      });
      await expect(saveAgent(database.db, { caller: district, input: agent({ code: 'PRS-914' }) })).rejects.toMatchObject({ status: 403 });
      expect((await listManagedAgents(database.db, { caller: officer })).map((a) => a.code)).toEqual(['PRS-911']);
      expect(await getManagedAgent(database.db, { caller: admin, code: 'PRS-901' })).toMatchObject({ villageCode: V1, activeTo: '2026-10-31' });
    });
  });

  describe('workforce estimates', () => {
    it('adds and edits a region’s estimate and an occupation’s, marking estimates in the source', async () => {
      // Gumelar's first village has no shipped estimate.
      const village = '33.02.15.2001';
      const added = await saveWorkforceEstimate(database.db, {
        caller: admin,
        input: workforce({ regionCode: village, informalWorkers: '1.250', source: 'Survei desa 2026', estimate: 'on' }),
      });
      expect(added).toEqual({ ok: true, created: true, id: `${village}/2026` });
      const edited = await saveWorkforceEstimate(database.db, {
        caller: admin,
        input: workforce({ regionCode: village, informalWorkers: '1300', source: 'Estimate: Survei desa 2026', estimate: null }),
      });
      expect(edited).toMatchObject({ ok: true, created: false });
      const byOccupation = await saveWorkforceEstimate(database.db, {
        caller: admin,
        input: workforce({ regionCode: village, occupationCode: 'pkl', informalWorkers: '200', source: 'Perkiraan', estimate: 'on' }),
      });
      expect(byOccupation).toEqual({ ok: true, created: true, id: `${village}/2026/pkl` });
      const rows = await listWorkforceEstimates(database.db, { caller: admin, year: 2026, regionCode: village });
      expect(rows.map((r) => [r.occupationCode, r.informalWorkers, r.source, r.estimate])).toEqual([
        [null, 1300, 'Survei desa 2026', false],
        ['pkl', 200, 'Estimate: Perkiraan', true],
      ]);
      // The shipped estimates read as estimates.
      const shipped = await listWorkforceEstimates(database.db, { caller: admin, year: 2026, regionCode: V1 });
      expect(shipped[0]).toMatchObject({ regionCode: V1, occupationCode: null, estimate: true });
      expect(await audits('workforce_create')).toBe(2);
      expect(await audits('workforce_update')).toBe(1);
    });

    it('refuses an unknown occupation or region, other regions and roles without the permission', async () => {
      expect(await saveWorkforceEstimate(database.db, { caller: admin, input: workforce({ occupationCode: 'astronaut' }) })).toMatchObject({
        ok: false,
        reason: 'unknownOccupation',
      });
      expect(await saveWorkforceEstimate(database.db, { caller: admin, input: workforce({ regionCode: '33.02.14.9999' }) })).toMatchObject({
        ok: false,
        reason: 'unknownRegion',
      });
      const limitedAdmin: Caller = { ...admin, regionCode: V11 };
      await expect(saveWorkforceEstimate(database.db, { caller: limitedAdmin, input: workforce({ regionCode: V1 }) })).rejects.toMatchObject({
        code: 'region_out_of_scope',
      });
      await expect(saveWorkforceEstimate(database.db, { caller: officer, input: workforce({ regionCode: V11 }) })).rejects.toMatchObject({ status: 403 });
      expect(workforceSchema.safeParse({ regionCode: V1, year: '2026', occupationCode: '', informalWorkers: '-5', source: '' }).success).toBe(false);
      // Darmakradenan's shipped 2026 estimate is untouched by the refusals.
      const [v1] = await listWorkforceEstimates(database.db, { caller: admin, year: 2026, regionCode: V1 });
      expect(v1!.informalWorkers).not.toBe(1000);
    });
  });

  describe('reference rates', () => {
    const history = async (key: string) =>
      (await listReferenceRates(database.db, { caller: admin }))
        .filter((r) => r.key === key)
        .map((r) => [r.value, r.effectiveFrom, r.effectiveTo]);

    it('adds a rate from a date and ends the previous one the day before', async () => {
      expect(await history('jkm_flat')).toEqual([[6800, '2015-07-01', null]]);
      const added = await addReferenceRate(database.db, { caller: admin, input: rate({ value: '7.000', effectiveFrom: '2027-01-01' }) });
      expect(added).toMatchObject({ ok: true, created: true });
      expect(await history('jkm_flat')).toEqual([
        [7000, '2027-01-01', null],
        [6800, '2015-07-01', '2026-12-31'],
      ]);
      // The contribution rule reads the new rate from its date, the old one before it.
      const rates = (await listReferenceRates(database.db, { caller: admin })).map((r) => ({ ...r }));
      expect(rateOn(rates, 'jkm_flat', '2026-12-01')).toBe(6800);
      expect(rateOn(rates, 'jkm_flat', '2027-01-01')).toBe(7000);
      // A category or unit given for a known key does not change it.
      await addReferenceRate(database.db, { caller: admin, input: rate({ value: '7.500', effectiveFrom: '2028-01-01', category: 'benefit', unit: 'percent' }) });
      const [latest] = (await listReferenceRates(database.db, { caller: admin })).filter((r) => r.key === 'jkm_flat');
      expect(latest).toMatchObject({ value: 7500, category: 'contribution', unit: 'rupiah', effectiveTo: null });
      expect(await audits('rate_add')).toBe(2);
    });

    it('never rewrites history: a date on or before the latest start is refused, nothing changes', async () => {
      const before = await history('jkm_flat');
      for (const effectiveFrom of ['2028-01-01', '2027-06-01', '2015-07-01']) {
        expect(await addReferenceRate(database.db, { caller: admin, input: rate({ value: '9.000', effectiveFrom }) })).toEqual({
          ok: false,
          reason: 'rateNotAfterCurrent',
          field: 'effectiveFrom',
          values: { date: '2028-01-01' },
        });
      }
      expect(await history('jkm_flat')).toEqual(before);
      expect(await audits('rate_add')).toBe(2);
    });

    it('keeps the end of a rate that had already ended, and takes a new key with its category and unit', async () => {
      // The non-transport discount ran to December 2026; a new one from March 2027 leaves that end be.
      await addReferenceRate(database.db, {
        caller: admin,
        input: rate({ key: 'discount_non_transport', value: '25', effectiveFrom: '2027-03-01', category: 'discount', unit: 'percent' }),
      });
      expect(await history('discount_non_transport')).toEqual([
        [25, '2027-03-01', null],
        [50, '2026-04-01', '2026-12-01'],
      ]);
      await addReferenceRate(database.db, { caller: admin, input: rate({ key: 'wadah_bonus', value: '1,5', category: 'incentive', unit: 'percent' }) });
      const [bonus] = (await listReferenceRates(database.db, { caller: admin })).filter((r) => r.key === 'wadah_bonus');
      expect(bonus).toMatchObject({ value: 1.5, category: 'incentive', unit: 'percent', effectiveFrom: '2027-01-01', effectiveTo: null });
    });

    it('is the unlimited admin’s alone', async () => {
      await expect(addReferenceRate(database.db, { caller: { ...admin, regionCode: V11 }, input: rate({ effectiveFrom: '2030-01-01' }) })).rejects.toMatchObject({ status: 403 });
      await expect(addReferenceRate(database.db, { caller: officer, input: rate({ effectiveFrom: '2030-01-01' }) })).rejects.toMatchObject({ status: 403 });
      await expect(listReferenceRates(database.db, { caller: district })).rejects.toMatchObject({ status: 403 });
      expect(await count(sql`select count(*) as n from reference_rates where effective_from = '2030-01-01'`)).toBe(0);
    });
  });
});
