// The demo seed on both engines: reference data, data validity against the programme rules, and the field
// study's mechanisms, computed here in SQL from the raw rows.
import bcrypt from 'bcryptjs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { clearDatabase, isDatabaseEmpty, seedDemo, seedScale } from '@/db/seed';
import { DEMO_PASSWORD, DEMO_USERS } from '@/db/seed/demo-users';
import { contributionForMonths, type RateLike } from '@/domain/rates';
import { benefitRatesOn } from '@/server/indicators/claims';
import { benefitRuling } from '@/domain/claims';
import type { SeedCounts } from '@/db/seed/util';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

const AS_OF = '2026-11-25';
const WINDOW_START = '2023-12-01';
const LAST_COMPLETE_MONTH = '2026-10-01';

const EXPECTED_VILLAGES: [string, string][] = [
  ['33.02.14.2001', 'Darmakradenan'],
  ['33.02.14.2002', 'Tipar Kidul'],
  ['33.02.14.2003', 'Sawangan'],
  ['33.02.14.2004', 'Jingkang'],
  ['33.02.14.2005', 'Banjarsari'],
  ['33.02.14.2006', 'Kalibenda'],
  ['33.02.14.2007', 'Pancurendang'],
  ['33.02.14.2008', 'Pancasan'],
  ['33.02.14.2009', 'Karangbawang'],
  ['33.02.14.2010', 'Kracak'],
  ['33.02.14.2011', 'Ajibarang Kulon'],
  ['33.02.14.2012', 'Ajibarang Wetan'],
  ['33.02.14.2013', 'Lesmana'],
  ['33.02.14.2014', 'Pandansari'],
  ['33.02.14.2015', 'Ciberung'],
];
const MARKET = `('33.02.14.2011', '33.02.14.2012', '33.02.14.2008')`;
const SOUTH_WEST = `('33.02.14.2001', '33.02.14.2002', '33.02.14.2003', '33.02.14.2004', '33.02.14.2009', '33.02.14.2010')`;

const num = (v: unknown) => Number(v);

describe.each(ENGINES)('demo seed on %s', (engine) => {
  let database: TestDatabase;
  let counts: SeedCounts;
  const rows = <T>(text: string) => queryRows<T>(database.db, sql.raw(text));

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    counts = await seedDemo(database, { asOf: AS_OF });
  });

  afterAll(async () => {
    await database?.destroy();
  });

  // Its speed is the bench's `demo-seed` section, not a test's: a time bound flapped under load.
  it('fills every table at the intended sizes', () => {
    // Central Java's official list ships with Payung (db/reference): 1 + 35 + 576 + 8,563 regions.
    expect(counts.regions).toBe(9175);
    expect(counts.occupations).toBeGreaterThanOrEqual(8);
    expect(counts.workforce_estimates).toBe(15 * 5);
    expect(counts.coverage_targets).toBe(15 * 3);
    expect(counts.communities).toBeGreaterThanOrEqual(35);
    expect(counts.agents).toBeGreaterThanOrEqual(20);
    expect(counts.users).toBe(DEMO_USERS.length);
    expect(counts.followup_tasks).toBeGreaterThan(500);
    expect(counts.members).toBeGreaterThan(3000);
    expect(counts.contributions).toBeGreaterThan(20_000);
    expect(counts.claims).toBeGreaterThan(50);
    expect(counts.settings).toBe(2);
    expect(counts.reference_datasets).toBe(5);
  });

  it('has the 15 villages of Ajibarang with their codes and names, in the region hierarchy', async () => {
    const villages = await rows<{ code: string; name: string }>(
      `select code, name from regions where level = 'village' and parent_code = '33.02.14' order by code`,
    );
    expect(villages.map((v) => [v.code, v.name])).toEqual(EXPECTED_VILLAGES);
    const chain = await rows<{ code: string; name: string; level: string; parent_code: string | null }>(
      `select code, name, level, parent_code from regions where code in ('33', '33.02', '33.02.14') order by code`,
    );
    expect(chain).toEqual([
      { code: '33', name: 'Jawa Tengah', level: 'province', parent_code: null },
      { code: '33.02', name: 'Kabupaten Banyumas', level: 'regency', parent_code: '33' },
      { code: '33.02.14', name: 'Ajibarang', level: 'district', parent_code: '33.02' },
    ]);
    const [darma] = await rows<{ population: number }>(`select population from regions where code = '33.02.14.2001'`);
    expect(darma?.population).toBe(9382);
    const [workforce] = await rows<{ total: string }>(
      `select sum(informal_workers) as total from workforce_estimates where year = 2025`,
    );
    expect(num(workforce?.total)).toBe(17_500);
    const mismatched = await rows(`
      select w.region_code, w.year from workforce_estimates w
      join (select region_code, year, sum(informal_workers) s from workforce_estimates_by_occupation group by 1, 2) o
        using (region_code, year)
      where o.s <> w.informal_workers`);
    expect(mismatched).toEqual([]);
  });

  it('has the demo users with the demo password and the demo settings', async () => {
    const users = await rows<{ email: string; role: string; region_code: string | null; password_hash: string }>(
      `select email, role, region_code, password_hash from users order by id`,
    );
    expect(users.map((u) => [u.email, u.role])).toEqual(DEMO_USERS.map((u) => [u.email, u.role]));
    expect(users.find((u) => u.role === 'district_official')?.region_code).toBe('33.02.14');
    expect(bcrypt.compareSync(DEMO_PASSWORD, users[0]!.password_hash)).toBe(true);
    const supervised = await rows<{ email: string; agents: string }>(`
      select u.email, count(a.code) as agents from users u left join agents a on a.supervisor_id = u.id
      where u.role = 'supervisor' group by u.email order by u.email`);
    expect(supervised).toHaveLength(2);
    for (const s of supervised) expect(num(s.agents)).toBeGreaterThan(5);
    const settings = await rows<{ key: string; value: unknown }>(`select key, value from settings order by key`);
    expect(settings).toEqual([
      { key: 'data_as_of', value: AS_OF },
      { key: 'demo_data', value: true },
    ]);
  });

  it('keeps every member in a village of the district, with a valid and unique NIK', async () => {
    const [m] = await rows<{ n: string; outside: string; bad_nik: string; distinct_nik: string; bad_income: string; late: string }>(`
      select count(*) as n,
             count(*) filter (where village_code not in (select code from regions where parent_code = '33.02.14')) as outside,
             count(*) filter (where nik !~ '^330214[0-9]{10}$') as bad_nik,
             count(distinct nik) as distinct_nik,
             count(*) filter (where declared_income < 1000000 or declared_income > 20700000) as bad_income,
             count(*) filter (where enrolled_on > date '${AS_OF}') as late
      from members`);
    expect(num(m?.outside)).toBe(0);
    expect(num(m?.bad_nik)).toBe(0);
    expect(num(m?.distinct_nik)).toBe(num(m?.n));
    expect(num(m?.bad_income)).toBe(0);
    expect(num(m?.late)).toBe(0);
    // NIK digits 7–12 are the birth date (day + 40 for women)
    const [dob] = await rows<{ wrong: string }>(`
      select count(*) as wrong from members
      where substr(nik, 7, 6) <> lpad((extract(day from birth_date)::int + case when sex = 'P' then 40 else 0 end)::text, 2, '0')
                                 || to_char(birth_date, 'MMYY')
         or age(enrolled_on, birth_date) < interval '18 years' or age(enrolled_on, birth_date) >= interval '66 years'`);
    expect(num(dob?.wrong)).toBe(0);
  });

  it('has 2.000–2.500 active members in the last complete month, and members in every status', async () => {
    const [s] = await rows<{ active: string; arrears: string; pending: string; reactivated: string }>(`
      with cov as (
        select m.id, m.enrolled_on,
          exists (select 1 from contributions c where c.member_id = m.id and date '${LAST_COMPLETE_MONTH}' between c.first_month and c.last_month) as active,
          exists (select 1 from contributions c where c.member_id = m.id and c.last_month between date '2026-07-01' and date '2026-09-01') as recent
        from members m
      )
      select count(*) filter (where active) as active,
             count(*) filter (where not active and recent) as arrears,
             (select count(*) from members m where date_trunc('month', m.enrolled_on) = date '2026-11-01'
                and not exists (select 1 from contributions c where c.member_id = m.id)) as pending,
             (select count(distinct c2.member_id) from contributions c1 join contributions c2
                on c2.member_id = c1.member_id and c2.first_month > c1.last_month + interval '1 month') as reactivated
      from cov`);
    expect(num(s?.active)).toBeGreaterThanOrEqual(2000);
    expect(num(s?.active)).toBeLessThanOrEqual(2500);
    expect(num(s?.arrears)).toBeGreaterThan(20);
    expect(num(s?.pending)).toBeGreaterThan(0);
    expect(num(s?.reactivated)).toBeGreaterThan(10);
  });

  it('charges every contribution at the rates in force for its months and sector', async () => {
    const rates = await rows<{ key: string; value: string; effective_from: string; effective_to: string | null }>(
      `select key, value, effective_from::text, effective_to::text from reference_rates`,
    );
    const rateRows: RateLike[] = rates.map((r) => ({
      key: r.key,
      value: r.value,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
    }));
    const list = await rows<{
      first_month: string;
      months_count: number;
      jkk_amount: number;
      jkm_amount: number;
      declared_income: number;
      is_transport: boolean;
      paid_on: string;
      enrolled_on: string;
    }>(`
      select c.first_month::text, c.months_count, c.jkk_amount, c.jkm_amount, m.declared_income, o.is_transport,
             c.paid_on::text, m.enrolled_on::text
      from contributions c join members m on m.id = c.member_id join occupations o on o.code = m.occupation_code`);
    expect(list.length).toBe(counts.contributions);
    let wrong = 0;
    let negative = 0;
    let futurePaid = 0;
    let beforeEnrolment = 0;
    for (const c of list) {
      const expected = contributionForMonths(
        Number(c.declared_income),
        c.first_month.slice(0, 7),
        Number(c.months_count),
        c.is_transport,
        rateRows,
      );
      if (expected.jkk !== Number(c.jkk_amount) || expected.jkm !== Number(c.jkm_amount)) wrong++;
      if (Number(c.jkk_amount) <= 0 || Number(c.jkm_amount) <= 0) negative++;
      if (c.paid_on > AS_OF) futurePaid++;
      if (c.first_month.slice(0, 7) < c.enrolled_on.slice(0, 7)) beforeEnrolment++;
    }
    expect({ wrong, negative, futurePaid, beforeEnrolment }).toEqual({ wrong: 0, negative: 0, futurePaid: 0, beforeEnrolment: 0 });
    const [discounted] = await rows<{ n: string }>(
      `select count(*) as n from contributions where first_month = date '2026-06-01' and months_count = 1 and jkk_amount + jkm_amount = 8400`,
    );
    expect(num(discounted?.n)).toBeGreaterThan(100);
  });

  it('keeps claim amounts, statuses and dates within the programme rules', async () => {
    const [c] = await rows<Record<string, string>>(`
      select count(*) as n,
        count(*) filter (where program = 'JKM' and amount is not null and amount <> 42000000) as jkm_wrong,
        count(*) filter (where program = 'JKK' and benefit_type = 'death' and amount is not null
          and amount <> greatest(48 * m.declared_income, 20000000) + 22000000) as jkk_death_wrong,
        count(*) filter (where program = 'JKK' and benefit_type = 'death' and amount < 42000000) as jkk_death_low,
        count(*) filter (where benefit_type = 'permanent_disability' and amount > 56 * m.declared_income + 12000000) as disability_high,
        count(*) filter (where benefit_type = 'temporary_disability' and amount > 12 * m.declared_income) as stmb_high,
        count(*) filter (where amount < 0) as negative,
        count(*) filter (where (status = 'paid') <> (paid_on is not null)) as paid_on_wrong,
        count(*) filter (where status in ('approved', 'paid') and (amount is null or amount <= 0)) as amount_missing,
        count(*) filter (where status in ('submitted', 'verified', 'rejected') and amount is not null) as amount_early,
        count(*) filter (where status = 'rejected' and (rejected_on is null or rejection_reason is null)) as rejected_wrong,
        count(*) filter (where incident_date > submitted_on or submitted_on > coalesce(verified_on, submitted_on)
          or coalesce(verified_on, submitted_on) > coalesce(approved_on, verified_on, submitted_on)
          or coalesce(approved_on, verified_on, submitted_on) > coalesce(paid_on, approved_on, verified_on, submitted_on)
          or submitted_on > coalesce(rejected_on, submitted_on)) as disordered,
        count(*) filter (where greatest(submitted_on, verified_on, approved_on, paid_on, rejected_on) > date '${AS_OF}') as future,
        count(*) filter (where program = 'JKM' and benefit_type <> 'death') as jkm_type_wrong,
        count(*) filter (where program = 'JKK' and benefit_type not in ('medical', 'temporary_disability', 'permanent_disability', 'death')) as jkk_type_wrong,
        count(*) filter (where number !~ '^KLM-20[0-9]{2}-[0-9]{6}$' or substr(number, 5, 4) <> extract(year from submitted_on)::text) as bad_number,
        count(*) filter (where not exists (select 1 from contributions k where k.member_id = claims.member_id
          and date_trunc('month', claims.incident_date)::date between k.first_month and k.last_month)) as uncovered,
        count(*) filter (where status = 'paid' and paid_on - submitted_on > 60) as slow
      from claims join members m on m.id = claims.member_id`);
    const { n, ...problems } = c!;
    expect(num(n)).toBe(counts.claims);
    for (const [key, value] of Object.entries(problems)) expect([key, num(value)]).toEqual([key, 0]);
    const statuses = await rows<{ status: string }>(`select distinct status from claims order by status`);
    expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['paid', 'rejected', 'submitted']));
    const [deaths] = await rows<{ jkm: string; penderes_jkk: string; ojek_jkk: string; dead_paying: string }>(`
      select count(*) filter (where program = 'JKM') as jkm,
             count(*) filter (where program = 'JKK' and m.occupation_code = 'penderes') as penderes_jkk,
             count(*) filter (where program = 'JKK' and m.occupation_code = 'ojek') as ojek_jkk,
             count(*) filter (where benefit_type = 'death' and exists (select 1 from contributions k where k.member_id = m.id
               and k.first_month > date_trunc('month', claims.incident_date) and k.paid_on > claims.incident_date)) as dead_paying
      from claims join members m on m.id = claims.member_id`);
    expect(num(deaths?.jkm)).toBeGreaterThanOrEqual(10);
    expect(num(deaths?.penderes_jkk)).toBeGreaterThan(num(deaths?.ojek_jkk) / 2);
    expect(num(deaths?.dead_paying)).toBe(0);
  });

  it('pays every approved or paid claim but medical care exactly what lib/indicators/claims.ts rules give', async () => {
    const claims = await rows<{ program: 'JKK' | 'JKM'; benefit_type: string; incident: string; amount: string; income: string; pct: string | null; days: string | null }>(`
      select c.program, c.benefit_type, c.incident_date::text as incident, c.amount, m.declared_income as income,
        c.disability_percent as pct, c.inability_days as days
      from claims c join members m on m.id = c.member_id
      where c.status in ('approved', 'paid') and c.benefit_type <> 'medical'`);
    expect(claims.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const c of claims) {
      const ruling = benefitRuling(await benefitRatesOn(database.db, c.incident), {
        program: c.program,
        benefitType: c.benefit_type,
        declaredIncome: num(c.income),
        disabilityPercent: c.pct === null ? null : num(c.pct),
        inabilityDays: c.days === null ? null : num(c.days),
      });
      if (ruling.kind !== 'rule' || ruling.total !== num(c.amount)) wrong.push(`${c.program}/${c.benefit_type} ${c.amount}`);
    }
    expect(wrong).toEqual([]);
  });

  it('(a) retains members recruited by an agent of their own community far better', async () => {
    const result = await rows<{ embedded: boolean; n: string; active: string }>(`
      with cohort as (
        select m.id, date_trunc('month', m.enrolled_on)::date as e,
               exists (select 1 from agent_communities ac where ac.agent_code = m.agent_code and ac.community_id = m.community_id) as embedded
        from members m
        where m.agent_code is not null and m.community_id is not null
          and m.enrolled_on >= date '${WINDOW_START}'
          and date_trunc('month', m.enrolled_on) + interval '6 months' <= date '${LAST_COMPLETE_MONTH}'
      )
      select embedded, count(*) as n,
             count(*) filter (where exists (select 1 from contributions c where c.member_id = cohort.id
               and (cohort.e + interval '6 months')::date between c.first_month and c.last_month)) as active
      from cohort group by embedded`);
    const rate = (embedded: boolean) => {
      const r = result.find((x) => x.embedded === embedded)!;
      expect(num(r.n)).toBeGreaterThan(200);
      return num(r.active) / num(r.n);
    };
    const inside = rate(true);
    const outside = rate(false);
    expect(inside).toBeGreaterThan(0.72);
    expect(outside).toBeLessThan(0.68);
    expect(inside - outside).toBeGreaterThan(0.15);
  });

  it('(b) follows a paid claim with a rise in its community’s enrolments (solidarity)', async () => {
    const [s] = await rows<{ claims: string; after: string; prior: string }>(`
      with pc as (
        select c.paid_on, m.community_id
        from claims c join members m on m.id = c.member_id
        where c.status = 'paid' and m.community_id is not null
          and c.paid_on >= date '${WINDOW_START}' + 365 and c.paid_on <= date '${AS_OF}' - 90
      )
      select count(*) as claims,
        sum((select count(*) from members x where x.community_id = pc.community_id
               and x.enrolled_on > pc.paid_on and x.enrolled_on <= pc.paid_on + 90)) as after,
        sum((select count(*) from members x where x.community_id = pc.community_id
               and x.enrolled_on >= pc.paid_on - 365 and x.enrolled_on < pc.paid_on)) * 90.0 / 365 as prior
      from pc`);
    expect(num(s?.claims)).toBeGreaterThan(20);
    expect(num(s?.after)).toBeGreaterThan(1.3 * num(s?.prior));
  });

  it('(c) brings members in through personal and community channels, rarely formal socialisation', async () => {
    const shares = await rows<{ channel: string; share: string }>(`
      select channel, count(*)::numeric / sum(count(*)) over () as share
      from members where enrolled_on >= date '${WINDOW_START}' group by channel`);
    const share = (c: string) => num(shares.find((s) => s.channel === c)?.share ?? 0);
    expect(share('formal_socialisation')).toBeLessThan(0.1);
    expect(share('formal_socialisation')).toBeGreaterThan(0);
    expect(share('walk_in')).toBeLessThan(0.1);
    expect(share('agent') + share('community') + share('cooperative') + share('citizens_forum')).toBeGreaterThan(0.7);
  });

  it('(d) places street vendors and parking attendants in the market villages, penderes in the south and west', async () => {
    const [d] = await rows<{ trade: string; trade_market: string; penderes: string; penderes_sw: string }>(`
      select count(*) filter (where occupation_code in ('pkl', 'tukang_parkir')) as trade,
             count(*) filter (where occupation_code in ('pkl', 'tukang_parkir') and village_code in ${MARKET}) as trade_market,
             count(*) filter (where occupation_code = 'penderes') as penderes,
             count(*) filter (where occupation_code = 'penderes' and village_code in ${SOUTH_WEST}) as penderes_sw
      from members`);
    expect(num(d?.trade_market) / num(d?.trade)).toBeGreaterThan(0.6);
    expect(num(d?.penderes_sw) / num(d?.penderes)).toBeGreaterThan(0.6);
  });

  if (engine === 'pglite') {
    it('gives identical data when seeded again with the same asOf, and refuses a filled database', async () => {
      const fingerprint = async () =>
        rows<{ niks: string; contributions: string; claims: string; hashes: string }>(`
          select (select md5(string_agg(nik || kpj_or, ',' order by id)) from (select id, nik, coalesce(kpj, '-') as kpj_or from members) m) as niks,
                 (select md5(string_agg(member_id || first_month::text || months_count || jkk_amount || jkm_amount || paid_on::text || coalesce(agent_code, ''), ',' order by id)) from contributions) as contributions,
                 (select md5(string_agg(number || status || coalesce(amount::text, '') || coalesce(paid_on::text, ''), ',' order by id)) from claims) as claims,
                 (select md5(string_agg(password_hash, ',' order by id)) from users) as hashes`);
      const before = await fingerprint();
      await expect(seedDemo(database, { asOf: AS_OF })).rejects.toThrow(/already holds data/);
      await clearDatabase(database.db);
      expect(await isDatabaseEmpty(database.db)).toBe(true);
      const again = await seedDemo(database, { asOf: AS_OF });
      expect(again).toEqual(counts);
      expect(await fingerprint()).toEqual(before);
    });

    it('refuses the scale seed on the embedded database', async () => {
      await expect(seedScale(database, { scale: 'banyumas', asOf: AS_OF })).rejects.toThrow(/PostgreSQL/);
    });
  }
});
