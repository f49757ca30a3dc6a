// Scale data at full coverage, for performance work, generated inside the PostgreSQL server with INSERT …
// SELECT over generate_series; the pseudo-random numbers are hashes of row ids (hashint8extended), so the
// same asOf gives the same data whatever plan the server picks. PostgreSQL only. Two scales:
// - `banyumas`: the 27 kecamatan and 331 official villages of Kabupaten Banyumas (Ajibarang's with its
//   shipped figures, the others with synthetic populations and centroids), ≈ 347,000 members and > 10 million
//   contribution-months over 36 months;
// - `jateng`: the same Banyumas, plus every other kabupaten/kota of Central Java with its official kecamatan
//   and villages (synthetic populations and centroids): ≈ 1.15 million members, > 35 million contribution-months.
import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from '../index';
import { queryRows } from '../index';
import {
  coverageTargets,
  settings,
  users,
  workforceEstimates,
  workforceEstimatesByOccupation,
} from '../schema';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { OCCUPATIONS, OCCUPATION_MIX, REFERENCE_RATES, VILLAGES, WORKFORCE_GROWTH, WORKFORCE_YEARS, apportion, type VillageZone } from '../reference/shipped';
import { readRegionList } from '../reference/regions';
import { insertReferenceData } from './reference';
import { fillApproximateBoundaries } from './geometry';
import { contributionForMonths } from '@/domain/rates';
import {
  Random,
  addMonths,
  assertIsoDate,
  bcryptHash,
  clearDatabaseTables,
  countRows,
  dayOf,
  insertChunks,
  isoOfDay,
  jakartaInstant,
  monthKey,
  resetSequence,
  todayInJakarta,
  type SeedCounts,
} from './util';
import { rebuildRollups } from '@/db/rollups';

export const SCALES = ['banyumas', 'jateng'] as const;
export type ScaleName = (typeof SCALES)[number];

export interface SeedScaleOptions {
  scale: ScaleName;
  /** YYYY-MM-DD; default today in Asia/Jakarta. */
  asOf?: string;
  log?: (message: string) => void;
}

interface KecamatanDef {
  no: number;
  name: string;
  /** Population estimate (synthetic; rough magnitudes only). */
  population: number;
  lat: number;
  lng: number;
  urban: boolean;
}

/** The 27 kecamatan of Kabupaten Banyumas (codes 33.02.01–27; populations and centroids rough, synthetic). */
export const BANYUMAS_KECAMATAN: readonly KecamatanDef[] = [
  { no: 1, name: 'Lumbir', population: 48_000, lat: -7.46, lng: 108.95, urban: false },
  { no: 2, name: 'Wangon', population: 81_000, lat: -7.52, lng: 109.05, urban: false },
  { no: 3, name: 'Jatilawang', population: 63_000, lat: -7.55, lng: 109.12, urban: false },
  { no: 4, name: 'Rawalo', population: 50_000, lat: -7.53, lng: 109.18, urban: false },
  { no: 5, name: 'Kebasen', population: 62_000, lat: -7.54, lng: 109.22, urban: false },
  { no: 6, name: 'Kemranjen', population: 68_000, lat: -7.6, lng: 109.3, urban: false },
  { no: 7, name: 'Sumpiuh', population: 54_000, lat: -7.61, lng: 109.36, urban: false },
  { no: 8, name: 'Tambak', population: 46_000, lat: -7.62, lng: 109.4, urban: false },
  { no: 9, name: 'Somagede', population: 36_000, lat: -7.52, lng: 109.33, urban: false },
  { no: 10, name: 'Kalibagor', population: 52_000, lat: -7.48, lng: 109.31, urban: false },
  { no: 11, name: 'Banyumas', population: 50_000, lat: -7.51, lng: 109.29, urban: false },
  { no: 12, name: 'Patikraja', population: 56_000, lat: -7.49, lng: 109.21, urban: false },
  { no: 13, name: 'Purwojati', population: 37_000, lat: -7.48, lng: 109.12, urban: false },
  { no: 14, name: 'Ajibarang', population: 0, lat: -7.42511, lng: 109.07259, urban: false },
  { no: 15, name: 'Gumelar', population: 50_000, lat: -7.38, lng: 109.02, urban: false },
  { no: 16, name: 'Pekuncen', population: 71_000, lat: -7.34, lng: 109.07, urban: false },
  { no: 17, name: 'Cilongok', population: 126_000, lat: -7.38, lng: 109.15, urban: false },
  { no: 18, name: 'Karanglewas', population: 66_000, lat: -7.4, lng: 109.2, urban: false },
  { no: 19, name: 'Sokaraja', population: 88_000, lat: -7.45, lng: 109.29, urban: true },
  { no: 20, name: 'Kembaran', population: 82_000, lat: -7.43, lng: 109.28, urban: true },
  { no: 21, name: 'Sumbang', population: 84_000, lat: -7.38, lng: 109.3, urban: false },
  { no: 22, name: 'Baturraden', population: 54_000, lat: -7.33, lng: 109.23, urban: false },
  { no: 23, name: 'Kedungbanteng', population: 60_000, lat: -7.36, lng: 109.2, urban: false },
  { no: 24, name: 'Purwokerto Selatan', population: 78_000, lat: -7.44, lng: 109.24, urban: true },
  { no: 25, name: 'Purwokerto Barat', population: 56_000, lat: -7.42, lng: 109.22, urban: true },
  { no: 26, name: 'Purwokerto Timur', population: 60_000, lat: -7.42, lng: 109.25, urban: true },
  { no: 27, name: 'Purwokerto Utara', population: 60_000, lat: -7.4, lng: 109.24, urban: true },
];

const INFORMAL_SHARE = 0.183;
/** Members per informal worker: every informal worker covered, plus those who lapsed. */
const MEMBERS_PER_WORKER = 1.08;
const WINDOW_MONTHS = 36;
const SEED_SALT = 2026;
const BANYUMAS = '33.02';
/** Banyumas's villages are large (≈ 1,000 members): the full demo staffing in each. */
const BANYUMAS_STAFFING = { agents: 10, communities: 9 };
/**
 * The province's member total, for which the other kabupaten's village populations are scaled: at the
 * generator's ≈ 31 contribution-months a member, ≈ 1.15 M members give the ≥ 35 M contribution-months
 * the province tier asks for (so their populations are about a fifth of the real ones).
 */
const JATENG_MEMBERS = 1_150_000;
/** Central Java's bounding box, over which the other kabupaten are laid out in a grid (synthetic). */
const JATENG_BOX = { north: -6.4, south: -8.2, west: 108.6, east: 111.7, columns: 7, rows: 5 };

interface ScaleVillage {
  code: string;
  name: string;
  /** The kecamatan's code, e.g. 33.02.14. */
  kecCode: string;
  population: number;
  lat: number;
  lng: number;
  zone: VillageZone;
  /** Population and centroid made up for the scale data (Ajibarang's are the shipped ones). */
  synthetic: boolean;
  agents: number;
  communities: number;
}

interface ScaleKecamatan {
  code: string;
  name: string;
  /** Set for Banyumas's kecamatan (BANYUMAS_KECAMATAN); the others' are summed from their villages. */
  population: number | null;
  lat: number;
  lng: number;
}

const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, n));
const membersOf = (population: number) =>
  Math.round(Math.round(population * INFORMAL_SHARE * Math.pow(1 + WORKFORCE_GROWTH, 1)) * MEMBERS_PER_WORKER);

/** Synthetic villages spread on two rings around their kecamatan's centre. */
function ringPlace(i: number, count: number, lat: number, lng: number, inner: number, outer: number) {
  const angle = (2 * Math.PI * i) / count;
  const ring = i % 2 === 0 ? inner : outer;
  return { lat: Number((lat + ring * Math.sin(angle)).toFixed(5)), lng: Number((lng + ring * Math.cos(angle)).toFixed(5)) };
}

const ruralZone = (i: number): VillageZone => (i === 0 ? 'near_market' : i % 2 === 0 ? 'rural_south_west' : 'rural_other');

/**
 * The villages of a scale, Banyumas's first (so its ids, agents and communities are the same in both
 * scales): Ajibarang's as shipped, the others with a share of their kecamatan's population; for `jateng`
 * then every other kabupaten's official villages, populations scaled to JATENG_MEMBERS.
 */
function scaleVillages(scale: ScaleName): { villages: ScaleVillage[]; kecamatan: ScaleKecamatan[] } {
  const random = new Random(0x5ca1e);
  const list = readRegionList();
  const childrenOf = new Map<string, typeof list>();
  for (const r of list) {
    if (r.parentCode === null) continue;
    const siblings = childrenOf.get(r.parentCode) ?? [];
    siblings.push(r);
    childrenOf.set(r.parentCode, siblings);
  }
  const villages: ScaleVillage[] = [];
  const kecamatan: ScaleKecamatan[] = [];
  for (const k of BANYUMAS_KECAMATAN) {
    const kec = `${BANYUMAS}.${String(k.no).padStart(2, '0')}`;
    kecamatan.push({ code: kec, name: k.name, population: k.no === 14 ? null : k.population, lat: k.lat, lng: k.lng });
    if (k.no === 14) {
      for (const v of VILLAGES) {
        villages.push({ code: v.code, name: v.name, kecCode: kec, population: v.population, lat: v.centroidLat, lng: v.centroidLng, zone: v.zone, synthetic: false, ...BANYUMAS_STAFFING });
      }
      continue;
    }
    const official = childrenOf.get(kec) ?? [];
    const pops = apportion(k.population, official.map(() => 0.75 + random.next() * 0.5));
    official.forEach((village, i) => {
      villages.push({
        code: village.code,
        name: village.name,
        kecCode: kec,
        population: pops[i]!,
        ...ringPlace(i, official.length, k.lat, k.lng, 0.018, 0.03),
        zone: k.urban ? (i < 4 ? 'market' : 'near_market') : ruralZone(i),
        synthetic: true,
        ...BANYUMAS_STAFFING,
      });
    });
  }
  if (scale === 'banyumas') return { villages, kecamatan };

  const banyumasMembers = villages.reduce((sum, v) => sum + membersOf(v.population), 0);
  const regencies = list.filter((r) => r.level === 'regency');
  const cellLat = (JATENG_BOX.north - JATENG_BOX.south) / JATENG_BOX.rows;
  const cellLng = (JATENG_BOX.east - JATENG_BOX.west) / JATENG_BOX.columns;
  const others: Array<ScaleVillage & { weight: number }> = [];
  regencies.forEach((regency, index) => {
    if (regency.code === BANYUMAS) return;
    const town = regency.name.startsWith('Kota ');
    const cellNorth = JATENG_BOX.north - Math.floor(index / JATENG_BOX.columns) * cellLat;
    const cellWest = JATENG_BOX.west + (index % JATENG_BOX.columns) * cellLng;
    const districts = childrenOf.get(regency.code) ?? [];
    const side = Math.ceil(Math.sqrt(districts.length));
    districts.forEach((district, d) => {
      const lat = Number((cellNorth - ((Math.floor(d / side) + 0.5) * cellLat) / side).toFixed(5));
      const lng = Number((cellWest + (((d % side) + 0.5) * cellLng) / side).toFixed(5));
      kecamatan.push({ code: district.code, name: district.name, population: null, lat, lng });
      const official = childrenOf.get(district.code) ?? [];
      const spacing = Math.min(cellLat, cellLng) / side;
      official.forEach((village, i) => {
        others.push({
          code: village.code,
          name: village.name,
          kecCode: district.code,
          population: 0,
          ...ringPlace(i, official.length, lat, lng, spacing * 0.2, spacing * 0.35),
          zone: town ? (i < 2 ? 'market' : 'near_market') : ruralZone(i),
          synthetic: true,
          agents: 0,
          communities: 0,
          weight: (town ? 1.5 : 1) * (0.5 + random.next()),
        });
      });
    });
  });
  const totalWeight = others.reduce((sum, v) => sum + v.weight, 0);
  const perWeight = (JATENG_MEMBERS - banyumasMembers) / totalWeight / membersOf(1_000_000) * 1_000_000;
  for (const { weight, ...village } of others) {
    const population = Math.round(weight * perWeight);
    const members = membersOf(population);
    // Fewer agents and communities where villages are small: one agent per ≈ 100 members.
    villages.push({ ...village, population, agents: clamp(Math.round(members / 100), 2, 10), communities: clamp(Math.round(members / 40), 3, 9) });
  }
  return { villages, kecamatan };
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function seedScale(handle: DatabaseHandle, options: SeedScaleOptions): Promise<SeedCounts> {
  if (!(SCALES as readonly string[]).includes(options.scale)) throw new Error(`Unknown scale "${String(options.scale)}".`);
  if (handle.engine !== 'postgres') {
    throw new Error(
      `The ${options.scale} scale seed needs a PostgreSQL server (set DATABASE_URL); the embedded PGlite database is not meant for millions of rows.`,
    );
  }
  const log = options.log ?? (() => {});
  const asOf = options.asOf ?? todayInJakarta();
  assertIsoDate(asOf, 'asOf');
  const [asOfY, asOfM] = asOf.split('-').map(Number) as [number, number];
  const start = addMonths(asOfY, asOfM, -(WINDOW_MONTHS - 1));
  const windowStart = isoOfDay(dayOf(start.y, start.m, 1));
  const started = Date.now();
  let stepStarted = started;
  const step = (what: string) => {
    const now = Date.now();
    log(`${what} (${((now - stepStarted) / 1000).toFixed(1)} s)`);
    stepStarted = now;
  };

  const { villages, kecamatan } = scaleVillages(options.scale);
  const random = new Random(0xba1e);

  const counts = await handle.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const exec = (text: string) => tx.execute(sql.raw(text));
    await clearDatabaseTables(tx);
    await exec(`set local work_mem = '256MB'`);
    await exec(`set local maintenance_work_mem = '512MB'`);
    await exec(`set local synchronous_commit = off`);
    await exec(
      `create or replace function pg_temp.rnd(a bigint, salt int) returns double precision language sql immutable parallel safe as ` +
        `$$ select ((hashint8extended(a, salt + ${SEED_SALT}) & 2147483647)::double precision / 2147483648.0) $$`,
    );

    // ---- reference data: the shipped list, then synthetic populations and centroids for the villages and
    // kecamatan other than Ajibarang (the other kabupaten's kecamatan and kabupaten: their villages' sums)
    await insertReferenceData(tx);
    const synthetic = villages.filter((v) => v.synthetic);
    const syntheticKecamatan = kecamatan.filter((k) => k.code !== `${BANYUMAS}.14`);
    await exec(`update regions r set population = v.population, centroid_lat = v.lat, centroid_lng = v.lng
      from (values ${synthetic.map((v) => `(${lit(v.code)}, ${v.population}, ${v.lat}, ${v.lng})`).join(',')})
        as v(code, population, lat, lng)
      where r.code = v.code`);
    await exec(`update regions r set population = coalesce(k.population, s.population), centroid_lat = k.lat, centroid_lng = k.lng
      from (values ${syntheticKecamatan.map((k) => `(${lit(k.code)}, ${k.population ?? 'null'}::int, ${k.lat}, ${k.lng})`).join(',')})
        as k(code, population, lat, lng)
      left join (select parent_code, sum(population)::int as population from regions where level = 'village' group by parent_code) s
        on s.parent_code = k.code
      where r.code = k.code`);
    await exec(`update regions r set population = s.population, centroid_lat = s.lat, centroid_lng = s.lng
      from (select parent_code, sum(population)::int as population, round(avg(centroid_lat)::numeric, 5)::float8 as lat,
                   round(avg(centroid_lng)::numeric, 5)::float8 as lng
            from regions where level = 'district' and code in (${syntheticKecamatan.map((k) => lit(k.code)).join(',')})
              and code not like '${BANYUMAS}.%' group by parent_code) s
      where r.code = s.parent_code`);
    const workforceRows: (typeof workforceEstimates.$inferInsert)[] = [];
    const byOccupationRows: (typeof workforceEstimatesByOccupation.$inferInsert)[] = [];
    for (const v of synthetic) {
      for (const year of WORKFORCE_YEARS) {
        const informalWorkers = Math.round(v.population * INFORMAL_SHARE * Math.pow(1 + WORKFORCE_GROWTH, year - 2025));
        workforceRows.push({ regionCode: v.code, year, informalWorkers, source: 'Synthetic scale data (estimate)' });
        const mix = OCCUPATION_MIX[v.zone];
        const split = apportion(
          informalWorkers,
          OCCUPATIONS.map((o) => mix[o.code] ?? 0),
        );
        OCCUPATIONS.forEach((o, j) =>
          byOccupationRows.push({ regionCode: v.code, year, occupationCode: o.code, informalWorkers: split[j]!, source: 'Synthetic scale data (estimate)' }),
        );
      }
    }
    // Polygons around the new centroids (what `db:migrate` would otherwise draw later, rewriting regions).
    await fillApproximateBoundaries(tx);
    await insertChunks(tx, workforceEstimates, workforceRows, 5000);
    await insertChunks(tx, workforceEstimatesByOccupation, byOccupationRows, 5000);
    await insertChunks(
      tx,
      coverageTargets,
      synthetic.flatMap((v) => [2025, 2026, 2027].map((year) => ({ regionCode: v.code, year, targetRate: 60 + (year - 2025) * 15 }))),
      5000,
    );
    step(`Regions and reference data: ${villages.length} villages`);

    // ---- users: the demo sign-ins plus two supervisors per other kecamatan (same password)
    const hash = bcryptHash(DEMO_PASSWORD, random);
    const userRows: (typeof users.$inferInsert)[] = DEMO_USERS.map((u, i) => ({
      id: i + 1,
      email: u.email,
      name: u.name,
      passwordHash: hash,
      role: u.role,
      regionCode: u.regionCode ?? null,
      createdAt: jakartaInstant(windowStart, 8),
    }));
    const supervisorsByKec = new Map<string, number[]>();
    const demoSupervisors = userRows.filter((u) => u.role === 'supervisor').map((u) => u.id!);
    supervisorsByKec.set(`${BANYUMAS}.14`, demoSupervisors);
    for (const k of syntheticKecamatan) {
      const ids: number[] = [];
      for (const n of [1, 2]) {
        const id = userRows.length + 1;
        userRows.push({
          id,
          // By code: kecamatan names repeat across kabupaten.
          email: `koordinator${n}.${k.code}@payung.test`,
          name: `Koordinator ${n} ${k.name}`,
          passwordHash: hash,
          role: 'supervisor',
          regionCode: null,
          createdAt: jakartaInstant(windowStart, 8),
        });
        ids.push(id);
      }
      supervisorsByKec.set(k.code, ids);
    }
    // The agent's sign-in names an agent code: written once the agents are (below).
    await insertChunks(tx, users, userRows.filter((u) => u.role !== 'agent'), 2000);

    // ---- a small table of villages with their id ranges (members, agents, communities), for the set-based steps
    await exec(`create temp table sv (idx int primary key, code text, kec_code text, kec_no int, nik_prefix text, zone text,
      n int, base_id int, na int, agent_base int, nc int, community_base int) on commit drop`);
    const svRows: string[] = [];
    let memberBase = 0;
    let agentBase = 0;
    let communityBase = 0;
    villages.forEach((v, idx) => {
      const n = membersOf(v.population);
      const kecNo = Number(v.kecCode.slice(v.kecCode.lastIndexOf('.') + 1));
      svRows.push(
        `(${idx}, ${lit(v.code)}, ${lit(v.kecCode)}, ${kecNo}, ${lit(v.kecCode.replace(/\./g, ''))}, ${lit(v.zone)}, ` +
          `${n}, ${memberBase}, ${v.agents}, ${agentBase}, ${v.communities}, ${communityBase})`,
      );
      memberBase += n;
      agentBase += v.agents;
      communityBase += v.communities;
    });
    await exec(`insert into sv values ${svRows.join(',')}`);
    await exec(`create temp table sup (kec_code text primary key, ids int[]) on commit drop`);
    await exec(`insert into sup values ${[...supervisorsByKec].map(([code, ids]) => `(${lit(code)}, array[${ids.join(',')}])`).join(',')}`);

    // ---- communities and agents (up to 9 and 10 per village: Banyumas's have all)
    const communityKinds = [
      ['occupation_association', 'Paguyuban PKL', 'pkl'],
      ['occupation_association', 'Paguyuban Tukang Parkir', 'tukang_parkir'],
      ['occupation_association', 'Kelompok Penderes', 'penderes'],
      ['occupation_association', 'Paguyuban Ojek', 'ojek'],
      ['cooperative', 'Koperasi Serba Usaha', null],
      ['citizens_forum', 'Forum Warga RW 0', null],
      ['farmers_group', 'Kelompok Tani', 'petani'],
      ['farmers_group', 'Kelompok Buruh Tani', 'buruh_tani'],
      ['religious_group', 'Majelis Taklim', null],
    ] as const;
    const kinds = communityKinds
      .map(([type, prefix, occ], i) => `(${i + 1}, ${lit(type)}, ${lit(prefix)}, ${occ === null ? 'null' : lit(occ)})`)
      .join(',');
    await exec(`
      insert into communities (id, name, type, village_code, occupation_code, founded_on)
      select sv.community_base + k.n,
             k.prefix || case when k.type = 'citizens_forum' then (1 + k.n % 7)::text else '' end || ' ' || r.name,
             k.type, sv.code, k.occ,
             (date '2000-01-01' + floor(pg_temp.rnd(sv.idx * 100 + k.n, 11) * 7000)::int)
      from sv join regions r on r.code = sv.code
      cross join (values ${kinds}) as k(n, type, prefix, occ)
      where k.n <= sv.nc`);
    // The last agent of each village leaves after the 31st month of the window.
    await exec(`
      insert into agents (code, name, village_code, supervisor_id, phone, active_from, active_to)
      select 'PRS-' || lpad((sv.agent_base + j)::text, 5, '0'),
             'Agen ' || lpad((sv.agent_base + j)::text, 5, '0') || ' ' || r.name,
             sv.code,
             sup.ids[1 + (j % cardinality(sup.ids))],
             '08' || (812000000 + floor(pg_temp.rnd(sv.idx * 100 + j, 21) * 99999999))::bigint::text,
             (date ${lit(windowStart)} - make_interval(months => 50 + floor(pg_temp.rnd(sv.idx * 100 + j, 22) * 24)::int))::date,
             case when j = sv.na then (date ${lit(windowStart)} + make_interval(months => 31))::date - 1 end
      from sv join regions r on r.code = sv.code join sup on sup.kec_code = sv.kec_code cross join generate_series(1, sv.na) j`);
    await exec(`
      insert into agent_communities (agent_code, community_id)
      select distinct 'PRS-' || lpad((sv.agent_base + j)::text, 5, '0'),
             sv.community_base + 1 + c
      from sv cross join generate_series(1, sv.na) j
      cross join lateral (values ((j - 1) % sv.nc), ((j + 3) % sv.nc)) as v(c)
      where v.c = (j - 1) % sv.nc or pg_temp.rnd(sv.idx * 100 + j, 31) < 0.5`);
    // agent@payung.test: the first agent of supervisor@payung.test, as in the demo.
    for (const u of userRows.filter((row) => row.role === 'agent')) {
      await exec(`
        insert into users (id, email, name, password_hash, role, agent_code, created_at)
        select ${u.id}, ${lit(u.email)}, ${lit(u.name)}, ${lit(u.passwordHash)}, 'agent', min(code), ${lit(jakartaInstant(windowStart, 8).toISOString())}::timestamptz
        from agents where supervisor_id = ${demoSupervisors[0]}`);
    }
    await exec(`
      insert into agent_targets (agent_code, month, recruits_target)
      select a.code, m.month::date, 4 + floor(pg_temp.rnd(hashtext(a.code)::bigint * 64 + m.i, 41) * 7)::int
      from agents a
      cross join lateral (
        select i, date ${lit(windowStart)} + make_interval(months => i) as month from generate_series(0, ${WINDOW_MONTHS - 1}) i
      ) m
      where m.month >= date_trunc('month', a.active_from) and (a.active_to is null or m.month <= a.active_to)`);
    step('Users, communities, agents, targets');

    // ---- members: attributes first (temp table sm), then the rows with unique NIKs
    const occCase = (zone: VillageZone) => {
      const mix = OCCUPATION_MIX[zone];
      let acc = 0;
      const total = Object.values(mix).reduce((a, b) => a + b, 0);
      const parts = Object.entries(mix).map(([code, w]) => {
        acc += w / total;
        return `when r_occ < ${acc.toFixed(6)} then ${lit(code)}`;
      });
      return `case ${parts.join(' ')} else 'buruh_tani' end`;
    };
    const transportCodes = OCCUPATIONS.filter((o) => o.isTransport).map((o) => lit(o.code)).join(',');
    const asOfIdx = WINDOW_MONTHS - 1;
    await exec(`
      create temp table sm on commit drop as
      with b as (
        select sv.base_id + g as id, sv.idx as vidx, sv.code, sv.kec_no, sv.nik_prefix, sv.zone,
               sv.na, sv.agent_base, sv.nc, sv.community_base
        from sv cross join generate_series(1, sv.n) g
      ), r as (
        select b.*, pg_temp.rnd(id, 1) r_occ, pg_temp.rnd(id, 2) r_sex, pg_temp.rnd(id, 3) r_age,
               pg_temp.rnd(id, 4) r_enrol, pg_temp.rnd(id, 5) r_com, pg_temp.rnd(id, 6) r_agent,
               pg_temp.rnd(id, 7) r_chan, pg_temp.rnd(id, 8) r_inc, pg_temp.rnd(id, 9) r_freq,
               pg_temp.rnd(id, 10) r_lapse, pg_temp.rnd(id, 11) r_back
        from b
      ), o as (
        select r.*, case zone
            when 'market' then ${occCase('market')}
            when 'near_market' then ${occCase('near_market')}
            when 'rural_south_west' then ${occCase('rural_south_west')}
            else ${occCase('rural_other')} end as occupation,
          -- 80 % enrolled before the window (up to 48 months), the rest spread over it
          case when r_enrol < 0.8 then -1 - floor(pg_temp.rnd(id, 12) * 48)::int
               else floor(pg_temp.rnd(id, 12) * ${WINDOW_MONTHS})::int end as enrol_idx
        from r
      )
      select id, vidx, code as village_code, kec_no, nik_prefix, na, agent_base, occupation,
             occupation in (${transportCodes}) as is_transport,
             case when r_sex < case when occupation in ('penderes','ojek','sopir','buruh_bangunan','tukang_parkir') then 0.93 else 0.5 end then 'L' else 'P' end as sex,
             18 + floor(r_age * 47)::int as age,
             enrol_idx,
             case when r_com < 0.86 then community_base + 1 + floor(pg_temp.rnd(id, 13) * nc)::int end as community_id,
             r_agent, r_chan,
             case when r_inc < 0.85 then 1000000 when r_inc < 0.91 then 1500000 when r_inc < 0.97 then 2000000 else 3000000 end as income,
             case when r_freq < 0.5 then 1 when r_freq < 0.7 then 3 when r_freq < 0.82 then 6 else 12 end as freq,
             greatest(enrol_idx, 0) as start_idx,
             case when r_lapse < 0.1 then greatest(enrol_idx, 0) + floor(pg_temp.rnd(id, 14) * (${asOfIdx} - greatest(enrol_idx, 0) + 1))::int
                  else ${asOfIdx} end as end_idx,
             r_back
      from o`);
    await exec(`
      alter table sm add column agent_code text, add column channel text, add column enrolled_on date,
        add column s2_start int, add column s2_end int`);
    await exec(`
      update sm set
        enrolled_on = case when enrol_idx >= 0 then
            least(date ${lit(asOf)}, (date ${lit(windowStart)} + make_interval(months => enrol_idx))::date + floor(pg_temp.rnd(id, 15) * 28)::int)
          else (date ${lit(windowStart)} + make_interval(months => enrol_idx))::date + floor(pg_temp.rnd(id, 15) * 28)::int end,
        channel = case when community_id is null then
            case when r_chan < 0.45 then 'agent' when r_chan < 0.72 then 'formal_socialisation' else 'walk_in' end
          else case when r_chan < 0.5 then 'agent' when r_chan < 0.78 then 'community' when r_chan < 0.86 then 'cooperative'
                    when r_chan < 0.94 then 'citizens_forum' when r_chan < 0.97 then 'formal_socialisation' else 'walk_in' end end,
        s2_start = case when end_idx < ${asOfIdx - 4} and freq <= 3 and r_back < 0.3 then end_idx + 4 + floor(pg_temp.rnd(id, 16) * 3)::int end`);
    await exec(`
      update sm set
        agent_code = case when channel in ('walk_in') or (channel = 'formal_socialisation' and r_agent < 0.8) then null
          else 'PRS-' || lpad((agent_base + case
              when 1 + floor(r_agent * na)::int = na and enrol_idx > 30 then na - 1
              else 1 + floor(r_agent * na)::int end)::text, 5, '0') end,
        s2_end = case when s2_start is not null and s2_start <= ${asOfIdx} then ${asOfIdx} end`);
    await exec(`
      update sm set s2_start = null where s2_end is null`);
    step('Member attributes');

    // ---- claims, before contributions: a death ends the member's payments
    await exec(`
      create temp table sc on commit drop as
      with e as (
        select sm.*, pg_temp.rnd(id, 51) r_claim,
               case occupation when 'penderes' then 0.05 when 'ojek' then 0.032 when 'sopir' then 0.022
                 when 'buruh_bangunan' then 0.026 when 'tukang_parkir' then 0.014 when 'pkl' then 0.008
                 when 'pedagang_pasar' then 0.006 else 0.012 end / 12 as p_jkk
        from sm
      ), c as (
        select id as member_id, income, agent_code,
               case when r_claim < (end_idx - start_idx + 1) * 0.0004 * (case when age >= 55 then 2.5 else 0.8 end) then 'JKM' else 'JKK' end as program,
               start_idx + floor(pg_temp.rnd(id, 52) * (end_idx - start_idx + 1))::int as incident_idx,
               pg_temp.rnd(id, 53) r_type, pg_temp.rnd(id, 54) r_day, pg_temp.rnd(id, 55) r_rej, pg_temp.rnd(id, 56) r_amt,
               occupation
        from e
        where r_claim < (end_idx - start_idx + 1) * (p_jkk + 0.0004 * (case when age >= 55 then 2.5 else 0.8 end))
      ), d as (
        select c.*, case when program = 'JKM' then 'death'
                  when r_type < case when occupation in ('penderes','ojek','sopir','buruh_bangunan') then 0.06 else 0.02 end then 'death'
                  when r_type < 0.16 then 'permanent_disability'
                  when r_type < 0.48 then 'temporary_disability' else 'medical' end as benefit_type,
               least(date ${lit(asOf)}, (date ${lit(windowStart)} + make_interval(months => incident_idx))::date + floor(r_day * 28)::int) as incident_date
        from c
      ), t as (
        select d.*,
               incident_date + 1 + floor(pg_temp.rnd(member_id, 57) * case when program = 'JKM' then 28 else 10 end)::int as submitted_on
        from d
      ), u as (
        select t.*,
               submitted_on + 1 + floor(pg_temp.rnd(member_id, 58) * 7)::int as v_on,
               r_rej < 0.07 as rejected
        from t where submitted_on <= date ${lit(asOf)}
      ), w as (
        select u.*, v_on + 1 + floor(pg_temp.rnd(member_id, 59) * 5)::int as a_on from u
      ), x as (
        select w.*, a_on + 1 + floor(pg_temp.rnd(member_id, 60) * 4)::int as p_on,
               submitted_on + 3 + floor(pg_temp.rnd(member_id, 61) * 18)::int as rej_on
        from w
      )
      select member_id, program, benefit_type, incident_idx, incident_date, submitted_on, agent_code,
             case when rejected then null when v_on <= date ${lit(asOf)} then v_on end as verified_on,
             case when rejected then null when a_on <= date ${lit(asOf)} then a_on end as approved_on,
             case when rejected then null when p_on <= date ${lit(asOf)} then p_on end as paid_on,
             case when rejected and rej_on <= date ${lit(asOf)} then rej_on end as rejected_on,
             case when rejected then case when rej_on <= date ${lit(asOf)} then 'rejected' else 'submitted' end
                  when p_on <= date ${lit(asOf)} then 'paid' when a_on <= date ${lit(asOf)} then 'approved'
                  when v_on <= date ${lit(asOf)} then 'verified' else 'submitted' end as status,
             case when rejected or a_on > date ${lit(asOf)} then null
                  when program = 'JKM' then 42000000
                  when benefit_type = 'death' then greatest(48 * income, 20000000) + 22000000
                  when benefit_type = 'permanent_disability' then round((0.1 + 0.4 * r_amt) * 80 * income)::int
                  when benefit_type = 'temporary_disability' then round(income * (14 + floor(r_amt * 107)) / 30.0)::int
                  else (10 + floor(r_amt * 140)::int) * 100000 end as amount
      from x`);
    await exec(`
      update sm set end_idx = least(end_idx, sc.incident_idx), s2_start = null, s2_end = null
      from sc where sc.member_id = sm.id and sc.benefit_type = 'death'`);
    step('Claims planned');

    await exec(`
      insert into members (id, nik, kpj, name, sex, birth_date, phone, address, village_code, occupation_code, community_id,
                           agent_code, channel, enrolled_on, declared_income, created_at)
      with b as (
        select sm.*, (enrolled_on - make_interval(years => age))::date - floor(pg_temp.rnd(id, 71) * 360)::int as birth
        from sm
      ), n as (
        select b.*, to_char(birth, 'DDMMYY') as ddmmyy,
               row_number() over (partition by nik_prefix, birth, sex order by id) as serial
        from b
      )
      select id,
             nik_prefix ||
               case when sex = 'P' then lpad((extract(day from birth)::int + 40)::text, 2, '0') || to_char(birth, 'MMYY') else ddmmyy end ||
               lpad(serial::text, 4, '0'),
             to_char(enrolled_on, 'YY') || lpad(kec_no::text, 2, '0') || lpad(id::text, 7, '0'),
             case when sex = 'L' then (array['Slamet','Sutrisno','Sugeng','Wahyudi','Budi','Agus','Joko','Teguh','Bambang','Rohmat','Ahmad','Muhammad','Eko','Heri','Darsono','Karsono','Tarmuji','Rasimin','Imam','Rizki'])[1 + floor(pg_temp.rnd(id, 72) * 20)::int]
                  else (array['Siti','Sri','Sumiati','Suyati','Warsini','Kasinah','Darsih','Rasminah','Tarsini','Sutinah','Ngatini','Wartini','Dewi','Rina','Yuni','Umi','Lestari','Endang','Fitri','Khotimah'])[1 + floor(pg_temp.rnd(id, 72) * 20)::int] end
               || ' ' ||
             case when sex = 'L' then (array['Riyadi','Santoso','Prasetyo','Hidayat','Setiawan','Waluyo','Purnomo','Saputra','Wibowo','Nugroho'])[1 + floor(pg_temp.rnd(id, 73) * 10)::int]
                  else (array['Aminah','Wahyuni','Lestari','Handayani','Rahayu','Susilowati','Astuti','Purwati','Khasanah','Fatimah'])[1 + floor(pg_temp.rnd(id, 73) * 10)::int] end,
             sex, birth,
             '08' || (812000000 + floor(pg_temp.rnd(id, 74) * 99999999))::bigint::text,
             'RT ' || lpad((1 + floor(pg_temp.rnd(id, 75) * 7))::int::text, 3, '0') || '/RW ' || lpad((1 + floor(pg_temp.rnd(id, 76) * 8))::int::text, 3, '0'),
             village_code, occupation, community_id, agent_code, channel, enrolled_on, income,
             (enrolled_on + time '09:00') at time zone 'Asia/Jakarta'
      from n`);
    step('Members');
    await exec(`
      insert into claims (id, number, member_id, program, benefit_type, incident_date, submitted_on, verified_on, approved_on,
                          status, amount, paid_on, rejected_on, rejection_reason, agent_code, created_at, updated_at)
      select row_number() over (order by submitted_on, member_id),
             'KLM-' || extract(year from submitted_on)::int || '-' ||
               lpad((row_number() over (partition by extract(year from submitted_on) order by submitted_on, member_id))::text, 6, '0'),
             member_id, program, benefit_type, incident_date, submitted_on, verified_on, approved_on, status, amount, paid_on,
             rejected_on,
             case when status = 'rejected' then case when program = 'JKM' then 'Dokumen ahli waris tidak lengkap sampai batas waktu'
                  else 'Kecelakaan terjadi di luar aktivitas kerja (bukan kecelakaan kerja)' end end,
             agent_code,
             (submitted_on + time '11:00') at time zone 'Asia/Jakarta',
             (greatest(submitted_on, verified_on, approved_on, paid_on, rejected_on) + time '15:00') at time zone 'Asia/Jakarta'
      from sc`);
    step('Claims');

    // ---- contributions: blocks of `freq` months over each payment spell, amounts from a rate table made
    // with contributionFor (so they match it exactly)
    await exec(`create temp table rb (first_idx int, k int, transport boolean, income int, jkk int, jkm int) on commit drop`);
    const rbRows: string[] = [];
    for (let i = 0; i < WINDOW_MONTHS; i++) {
      const { y, m } = addMonths(start.y, start.m, i);
      for (const k of [1, 3, 6, 12]) {
        for (const transport of [false, true]) {
          for (const income of [1_000_000, 1_500_000, 2_000_000, 3_000_000]) {
            const c = contributionForMonths(income, monthKey(y, m), k, transport, REFERENCE_RATES);
            rbRows.push(`(${i},${k},${transport},${income},${c.jkk},${c.jkm})`);
          }
        }
      }
    }
    await exec(`insert into rb values ${rbRows.join(',')}`);
    await exec(`create index on rb (first_idx, k, transport, income)`);
    await exec(`analyze rb`);
    // Secondary indexes are rebuilt once after the bulk load (faster than maintaining them row by row);
    // their exact definitions are read back from the catalogue, so the schema is unchanged afterwards.
    const indexDefs = await queryRows<{ name: string; def: string }>(
      tx,
      sql.raw(`select indexname as name, indexdef as def from pg_indexes
               where schemaname = current_schema() and tablename = 'contributions' and indexname <> 'contributions_pkey'`),
    );
    for (const index of indexDefs) await exec(`drop index "${index.name}"`);
    await exec(`
      insert into contributions (id, member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on, agent_code, created_at)
      select sm.id * 72 + s.spell * 36 + (bi - s.s0) / sm.freq,
             sm.id,
             (date ${lit(windowStart)} + make_interval(months => bi))::date,
             sm.freq, rb.jkk, rb.jkm,
             p.paid_on,
             case when sm.agent_code is not null and pg_temp.rnd(sm.id * 64 + bi, 81) < 0.85 then sm.agent_code end,
             (p.paid_on + time '10:00') at time zone 'Asia/Jakarta'
      from sm
      cross join lateral (values (0, sm.start_idx, sm.end_idx), (1, sm.s2_start, sm.s2_end)) as s(spell, s0, s1)
      cross join lateral generate_series(s.s0, s.s1, sm.freq) as bi
      join rb on rb.first_idx = bi and rb.k = sm.freq and rb.transport = sm.is_transport and rb.income = sm.income
      cross join lateral (
        select least(date ${lit(asOf)}, greatest(
                 case when bi = sm.start_idx and s.spell = 0 then sm.enrolled_on else date '1900-01-01' end,
                 (date ${lit(windowStart)} + make_interval(months => bi))::date - 5 + floor(pg_temp.rnd(sm.id * 64 + bi, 82) * 26)::int)) as paid_on
      ) p
      where s.s0 is not null`);
    step('Contributions');
    for (const index of indexDefs) await exec(index.def);
    step(`Contribution indexes rebuilt (${indexDefs.length})`);

    await tx.insert(settings).values([
      { key: 'demo_data', value: true, updatedAt: jakartaInstant(asOf, 0) },
      { key: 'data_as_of', value: asOf, updatedAt: jakartaInstant(asOf, 0) },
      { key: 'dataset', value: `scale_${options.scale}`, updatedAt: jakartaInstant(asOf, 0) },
    ]);
    for (const table of ['users', 'communities', 'members', 'contributions', 'claims']) await resetSequence(tx, table);
    return countRows(tx);
  });
  step('Committed');
  // Vacuum as well as analyze: a bulk load leaves the visibility map empty, so until a vacuum every
  // index-only scan (region counts, the solidarity windows, coverage runs) also reads the table; on a
  // server without autovacuum nothing else would ever set it. Every table: left to their default
  // estimates, the reference tables made the province's village × occupation worklist a nested loop.
  await handle.db.execute(sql.raw(`vacuum (analyze)`));
  const [months] = await queryRows<{ months: string; active: string }>(
    handle.db,
    sql.raw(`select sum(months_count)::bigint as months from contributions`),
  );
  step(`Analyzed; ${Number(months?.months ?? 0).toLocaleString('en')} contribution-months`);
  const rollup = await rebuildRollups(handle.db, { workers: 2 });
  step(`Rollup built: ${rollup.rows.toLocaleString('en')} rows`);
  log(`Scale seed finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return counts;
}
