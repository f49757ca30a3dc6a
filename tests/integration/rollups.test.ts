// The monthly rollup on both engines: it gives exactly the live SQL's figures (hand-made data and the
// demo), stays equal to a full rebuild after every kind of write the app makes (imports, undo, claim
// steps), and a write outside the app makes readers fall back to the live SQL.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '@/db';
import { advanceClaim, recordClaim } from '@/server/claims';
import { runImport, undoImport } from '@/server/imports/pipeline';
import { users } from '@/db/schema';
import { type ImportKind } from '@/domain/enums';
import { seedDemo } from '@/db/seed';
import type { Caller } from '@/server/auth/caller';
import { csvRecords } from '@/server/imports/stream';
import { RECOMPUTE_MIN_MEMBERS, RECOMPUTE_SHARE, rebuildRollups, rollupsFresh } from '@/db/rollups';
import { getSummarySeries, type Grouping } from '@/server/indicators/series';
import { addMonths, monthsBetween, type Period } from '@/domain/month';
import type { IndicatorScope } from '@/server/indicators/scope';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';
import { DISTRICT, V1, loadHandmadeData } from '../helpers/handmade-data';

const AS_OF = '2026-11-25';
const ROLLED: Grouping[] = ['total', 'region', 'village', 'community', 'occupation', 'channel', 'agent', 'sex', 'village_occupation'];
const SUPERVISED: Grouping[] = ['total', 'region', 'village', 'agent'];

/** Live and rolled-up figures for every grouping the rollup answers, compared cell by cell. */
async function expectRollupEqualsLive(db: Database, scopes: IndicatorScope[], months: string[]) {
  let cells = 0;
  for (const scope of scopes) {
    for (const by of scope.agentCodes ? SUPERVISED : ROLLED) {
      const live = await getSummarySeries(db, { months, scope, by, source: 'live' });
      const rolled = await getSummarySeries(db, { months, scope, by, source: 'rollup' });
      expect(rolled, `${by} in ${scope.regionCode} ${scope.agentCodes?.join(',') ?? ''}`).toEqual(live);
      cells += live.length;
    }
  }
  return cells;
}

/** The rollup's rows as one checksum, to compare the maintained rollup with a rebuilt one. */
async function rollupChecksum(db: Database): Promise<{ n: number; sum: string }> {
  const [row] = await queryRows<{ n: number; sum: string }>(
    db,
    sql`select count(*)::int as n, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as sum from rollup_monthly r`,
  );
  return row!;
}

describe.each(ENGINES)('rollup on %s', (engine) => {
  describe('hand-made data', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(engine);
      await loadHandmadeData(database.db);
    });
    afterAll(() => database?.destroy());

    it('is stale until built, then gives the live figures for every grouping and scope', async () => {
      expect(await rollupsFresh(database.db)).toBe(false);
      const { rows } = await rebuildRollups(database.db);
      expect(rows).toBeGreaterThan(0);
      expect(await rollupsFresh(database.db)).toBe(true);
      const cells = await expectRollupEqualsLive(
        database.db,
        [
          { regionCode: DISTRICT },
          { regionCode: '33.02' },
          { regionCode: V1 },
          { regionCode: DISTRICT, agentCodes: ['A1'] },
          { regionCode: '33.02', agentCodes: ['A1', 'A2'] },
          { regionCode: DISTRICT, agentCodes: [] },
        ],
        monthsBetween('2025-06', '2027-02'),
      );
      expect(cells).toBeGreaterThan(500);
    });

    it('a write outside the app marks it stale, and the figures come from the raw tables again', async () => {
      const scope = { regionCode: DISTRICT };
      const before = await getSummarySeries(database.db, { from: '2026-06', to: '2026-06', scope, by: 'total' });
      await database.db.execute(sql`delete from contributions where '2026-06-01' between first_month and last_month`);
      expect(await rollupsFresh(database.db)).toBe(false);
      const after = await getSummarySeries(database.db, { from: '2026-06', to: '2026-06', scope, by: 'total' });
      const live = await getSummarySeries(database.db, { from: '2026-06', to: '2026-06', scope, by: 'total', source: 'live' });
      expect(after).toEqual(live);
      expect(after[0]!.activeMembers).toBeLessThan(before[0]!.activeMembers);
    });
  });

  describe('demo data and the app’s writes', () => {
    let database: TestDatabase;
    let officer: Caller;
    const db = () => database.db;
    const run = (kind: ImportKind, text: string) =>
      runImport(db(), {
        caller: officer,
        kind,
        fileName: `${kind}.csv`,
        records: csvRecords((async function* () { yield new TextEncoder().encode(text); })()),
        mode: 'all',
        locale: 'en',
        today: AS_OF,
      });
    /** The maintained rollup must be exactly what a rebuild gives. */
    const expectSameAsRebuild = async () => {
      expect(await rollupsFresh(db())).toBe(true);
      const maintained = await rollupChecksum(db());
      await rebuildRollups(db());
      expect(await rollupChecksum(db())).toEqual(maintained);
    };

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      await seedDemo(database, { asOf: AS_OF });
      const [user] = await db().select().from(users).where(sql`role = 'bpjs_officer'`).limit(1);
      officer = { userId: user!.id, email: user!.email, name: user!.name, role: 'bpjs_officer', regionCode: null };
    });
    afterAll(() => database?.destroy());

    it('gives the live figures for the demo, district, regency and a supervisor', async () => {
      const [agent] = await queryRows<{ codes: string[] }>(
        db(),
        sql`select array_agg(code order by code) as codes from agents where supervisor_id = (select min(supervisor_id) from agents)`,
      );
      const scopes = [{ regionCode: DISTRICT }, { regionCode: '33.02' }, { regionCode: DISTRICT, agentCodes: agent!.codes }];
      // A month of the demo's first years, and its last months (with the months after the last payments).
      const cells =
        (await expectRollupEqualsLive(db(), scopes, ['2024-06'])) +
        (await expectRollupEqualsLive(db(), scopes, ['2026-10', '2026-11', '2027-01']));
      expect(cells).toBeGreaterThan(1000);
    }, 120_000);

    it('stays equal to a rebuild after imports of members, contributions and claims, and their undo', async () => {
      const picked = await queryRows<{ nik: string; village_code: string; last: string; income: number }>(
        db(),
        sql`select m.nik, m.village_code, to_char(max(c.last_month), 'YYYY-MM') as last, m.declared_income as income
            from members m join contributions c on c.member_id = m.id
            group by m.id having max(c.last_month) < '2026-06-01' order by m.id limit 40`,
      );
      // Contributions: each picked member pays the month after their last covered one (some reactivate).
      const contributionsCsv = [
        'nik;bulan_mulai;jumlah_bulan;iuran_jkk;iuran_jkm;tanggal_bayar',
        ...picked.map((p, i) => {
          const [y, m] = p.last.split('-').map(Number) as [number, number];
          const next = new Date(Date.UTC(y, m + (i % 3) * 2, 1)).toISOString().slice(0, 7);
          return `${p.nik};${next};1;10000;6800;${next}-0${1 + (i % 8)}`;
        }),
      ].join('\n');
      const contributions = await run('contributions', contributionsCsv);
      expect(contributions.errors).toEqual([]);
      expect(contributions.committed).toBe(true);
      expect(contributions.added).toBe(40);
      await expectSameAsRebuild();

      // Members: ten move to another village, one new member enrols.
      const [other] = await queryRows<{ code: string }>(db(), sql`select max(code) as code from regions where parent_code = '33.02.14'`);
      const moved = await queryRows<Record<string, string>>(
        db(),
        sql`select nik, name, sex, village_code, channel, to_char(enrolled_on, 'YYYY-MM-DD') as enrolled from members order by id limit 10`,
      );
      const membersCsv = [
        'nik;nama;jenis_kelamin;kode_desa;kanal;tanggal_daftar',
        ...moved.map((m) => `${m.nik};${m.name};${m.sex};${other!.code};${m.channel};${m.enrolled}`),
        `3302140101990077;Member Baru;L;${other!.code};walk_in;2026-10-03`,
      ].join('\n');
      const membersImport = await run('members', membersCsv);
      expect(membersImport.errors).toEqual([]);
      expect(membersImport.committed).toBe(true);
      expect(membersImport.added + membersImport.updated).toBe(11);
      await expectSameAsRebuild();

      // Claims: a paid claim for a picked member.
      const claimsCsv = [
        'nomor_klaim;nik;program;tanggal_kejadian;tanggal_pengajuan;status;nominal;tanggal_bayar',
        `KLM-2026-900001;${picked[0]!.nik};JKK;2026-09-01;2026-09-03;paid;2500000;2026-09-20`,
      ].join('\n');
      const claimsImport = await run('claims', claimsCsv);
      expect(claimsImport.errors).toEqual([]);
      expect(claimsImport.committed).toBe(true);
      await expectSameAsRebuild();

      await undoImport(db(), { caller: officer, importId: claimsImport.importId! });
      await expectSameAsRebuild();
      await undoImport(db(), { caller: officer, importId: membersImport.importId! });
      await expectSameAsRebuild();
      await undoImport(db(), { caller: officer, importId: contributions.importId! });
      await expectSameAsRebuild();
    }, 120_000);

    it('reads the runs right when an overlapping contribution joins two runs, and when its undo cuts the run in two again', async () => {
      // Members whose coverage ended in the same month L, well before the demo's last month.
      const [last] = await queryRows<{ month: string }>(
        db(),
        sql`select to_char(l, 'YYYY-MM') as month from (
              select max(c.last_month) as l from contributions c group by c.member_id) t
            where l between '2025-06-01' and '2026-02-01' group by l order by count(*) desc, l limit 1`,
      );
      const L = last!.month as Period;
      const picked = await queryRows<{ nik: string }>(
        db(),
        sql`select m.nik from members m join contributions c on c.member_id = m.id
            group by m.id having to_char(max(c.last_month), 'YYYY-MM') = ${L} order by m.id limit 4`,
      );
      expect(picked.length).toBe(4);
      const [a, b, c] = picked.map((p) => p.nik) as [string, string, string];
      const row = (nik: string, month: Period, months: number) => `${nik};${month};${months};${10000 * months};${6800 * months};${addMonths(month, months - 1)}-15`;
      // The gap, the second run, the month after it (stopped, in arrears) and the month it ends.
      const months = [addMonths(L, 1), addMonths(L, 2), addMonths(L, 3), addMonths(L, 6)];
      const check = async (live: boolean) => {
        await expectSameAsRebuild();
        if (live) await expectRollupEqualsLive(db(), [{ regionCode: DISTRICT }], months);
      };
      // a: a second run after a one-month gap; b: two months from L, overlapping the old run's last month (or, when a
      // contribution already starts in L, changing it).
      const first = await run('contributions', ['nik;bulan_mulai;jumlah_bulan;iuran_jkk;iuran_jkm;tanggal_bayar', row(a, addMonths(L, 2), 1), row(b, L, 2)].join('\n'));
      expect(first.errors).toEqual([]);
      expect(first.committed).toBe(true);
      await check(false);
      // a: the gap filled by a contribution overlapping the second run (one run again); c: overlapping its last month.
      const second = await run('contributions', ['nik;bulan_mulai;jumlah_bulan;iuran_jkk;iuran_jkm;tanggal_bayar', row(a, addMonths(L, 1), 2), row(c, L, 3)].join('\n'));
      expect(second.errors).toEqual([]);
      expect(second.committed).toBe(true);
      await check(true);
      // Undo takes the middle out of a's run (two runs again) and c's overlap away.
      await undoImport(db(), { caller: officer, importId: second.importId! });
      await check(true);
      await undoImport(db(), { caller: officer, importId: first.importId! });
      await check(false);
    }, 120_000);

    it('stays equal to a rebuild when an import moves a payment to another month, and when its undo moves it back', async () => {
      // Each picked member pays for the month after their last covered one, first on the day of their last
      // payment (a month in which they stay a payer), then, in a second import of the same rows, in that month.
      const picked = await queryRows<{ nik: string; next: string; paid: string }>(
        db(),
        sql`select m.nik, to_char(max(c.last_month) + interval '1 month', 'YYYY-MM') as next, to_char(max(c.paid_on), 'YYYY-MM-DD') as paid
            from members m join contributions c on c.member_id = m.id
            group by m.id having max(c.last_month) < '2026-06-01' order by m.id desc limit 5`,
      );
      const csv = (paidOn: (p: (typeof picked)[number]) => string) =>
        ['nik;bulan_mulai;jumlah_bulan;iuran_jkk;iuran_jkm;tanggal_bayar', ...picked.map((p) => `${p.nik};${p.next};1;10000;6800;${paidOn(p)}`)].join('\n');
      const paidEarlier = await run('contributions', csv((p) => p.paid));
      expect(paidEarlier.errors).toEqual([]);
      expect(paidEarlier.added).toBe(5);
      await expectSameAsRebuild();
      const moved = await run('contributions', csv((p) => `${p.next}-20`));
      expect(moved.errors).toEqual([]);
      expect(moved.updated).toBe(5);
      await expectSameAsRebuild();
      await undoImport(db(), { caller: officer, importId: moved.importId! });
      await expectSameAsRebuild();
      await undoImport(db(), { caller: officer, importId: paidEarlier.importId! });
      await expectSameAsRebuild();
    });

    it('stays equal to a rebuild when an import touches so many members that their villages are computed afresh, and after its undo', async () => {
      // Every member of a range of villages pays a later month: enough of them for RollupTracker to
      // compute the villages afresh instead of each member's difference.
      const picked = await queryRows<{ nik: string; next: string; village: string }>(
        db(),
        sql`select m.nik, to_char(greatest(max(c.last_month) + interval '1 month', '2026-07-01'), 'YYYY-MM') as next, m.village_code as village
            from members m join contributions c on c.member_id = m.id
            group by m.id order by m.village_code, m.id limit ${RECOMPUTE_MIN_MEMBERS + 100}`,
      );
      const villages = [...new Set(picked.map((p) => p.village))].sort();
      const [inRange] = await queryRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from members where village_code between ${villages[0]!} and ${villages[villages.length - 1]!}`,
      );
      // The recomputation is the path taken (not the difference of each member's facts).
      expect(picked.length).toBeGreaterThan(RECOMPUTE_MIN_MEMBERS);
      expect(picked.length * RECOMPUTE_SHARE).toBeGreaterThanOrEqual(Number(inRange!.n));
      const csv = ['nik;bulan_mulai;jumlah_bulan;iuran_jkk;iuran_jkm;tanggal_bayar', ...picked.map((p) => `${p.nik};${p.next};1;10000;6800;${AS_OF}`)].join('\n');
      const imported = await run('contributions', csv);
      expect(imported.errors).toEqual([]);
      expect(imported.added).toBe(picked.length);
      await expectSameAsRebuild();
      await undoImport(db(), { caller: officer, importId: imported.importId! });
      await expectSameAsRebuild();
    }, 300_000);

    it('stays equal to a rebuild when a claim is recorded and paid', async () => {
      const [member] = await queryRows<{ nik: string }>(
        db(),
        sql`select m.nik from members m join contributions c on c.member_id = m.id
            where '2026-08-01' between c.first_month and c.last_month order by m.id limit 1`,
      );
      const recorded = await recordClaim(db(), {
        caller: officer,
        input: { member: member!.nik, program: 'JKM', benefitType: 'death', incidentDate: '2026-08-10', submittedOn: '2026-08-12', agentCode: null, disabilityPercent: null, inabilityDays: null },
        today: AS_OF,
      });
      await expectSameAsRebuild();
      let version = 1;
      for (const to of ['verified', 'approved', 'paid'] as const) {
        const step = await advanceClaim(db(), {
          caller: officer,
          input: { number: recorded.number, to, date: '2026-09-01', version, amount: null, amountOverrideReason: null, coverageOverrideReason: null, rejectionReason: null },
          today: AS_OF,
        });
        version = step.version;
      }
      await expectSameAsRebuild();
    });
  });
});
