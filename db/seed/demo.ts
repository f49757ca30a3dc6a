// The synthetic demo data of Kecamatan Ajibarang: 36 months of enrolments, contributions and claims ending
// in the month of `asOf`, simulated month by month with a fixed-seed PRNG (same asOf → same bytes).
//
// The field study's mechanisms are built into the simulation so the dashboard can reveal them:
//  (a) members recruited by an agent of their own community stop paying far less often;
//  (b) a paid claim in a community multiplies its enrolments for the next 90 days (solidarity);
//  (c) agents, communities, cooperatives and citizens' forums bring most members, formal socialisation few;
//  (d) the market villages hold the street vendors and parking attendants, the south and west the penderes.
import type { DatabaseHandle, Database } from '../index';
import { agentCommunities, agents, agentTargets, claims, communities, contributions, members, settings, users } from '../schema';
import { type Channel, type ClaimStatus, type CommunityType } from '@/domain/enums';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { OCCUPATIONS, OCCUPATION_MIX, REFERENCE_RATES, VILLAGES, type VillageRef } from '../reference/shipped';
import { insertReferenceData } from './reference';
import { contributionForMonths, rateOn } from '@/domain/rates';
import {
  Random,
  addMonths,
  assertIsoDate,
  bcryptHash,
  clearDatabaseTables,
  countRows,
  holdsOfficeData,
  dayOf,
  dayOfIso,
  daysInMonth,
  insertChunks,
  isoOfDay,
  jakartaInstant,
  monthKey,
  resetSequence,
  todayInJakarta,
  type SeedCounts,
} from './util';
import { rebuildRollups } from '@/db/rollups';

export type { SeedCounts } from './util';

export interface SeedDemoOptions {
  /** YYYY-MM-DD; the data ends on this day. Default: today in Asia/Jakarta. */
  asOf?: string;
  log?: (message: string) => void;
  /** Empty the database first, inside the same transaction (all-or-nothing). Otherwise it must be empty. */
  replace?: boolean;
}

const SEED = 0x50a1_2026;
const WINDOW_MONTHS = 36;

// ---------------------------------------------------------------- communities and agents

interface CommunityDef {
  name: string;
  type: CommunityType;
  village: string; // last 4 digits of the village code
  occupation: string | null;
  /** Relative enrolment rate. */
  weight: number;
  founded: string;
}

const COMMUNITIES: readonly CommunityDef[] = [
  { name: 'Paguyuban Tukang Parkir Pasar Ajibarang', type: 'occupation_association', village: '2011', occupation: 'tukang_parkir', weight: 1.7, founded: '2009-03-14' },
  { name: 'Paguyuban PKL Pasar Induk Ajibarang', type: 'occupation_association', village: '2011', occupation: 'pkl', weight: 2.0, founded: '2011-07-02' },
  { name: 'Paguyuban Pedagang Pasar Ajibarang', type: 'occupation_association', village: '2011', occupation: 'pedagang_pasar', weight: 1.5, founded: '2005-01-20' },
  { name: 'Paguyuban Ojek Pangkalan Terminal Ajibarang', type: 'occupation_association', village: '2011', occupation: 'ojek', weight: 1.3, founded: '2012-10-05' },
  { name: 'Koperasi Pedagang Pasar Ajibarang Makmur', type: 'cooperative', village: '2011', occupation: 'pedagang_pasar', weight: 1.3, founded: '2008-05-11' },
  { name: 'Forum Warga RW 05 Ajibarang Kulon', type: 'citizens_forum', village: '2011', occupation: null, weight: 0.9, founded: '2016-08-17' },
  { name: 'Paguyuban PKL Alun-alun Ajibarang Wetan', type: 'occupation_association', village: '2012', occupation: 'pkl', weight: 1.6, founded: '2014-02-09' },
  { name: 'Paguyuban Juru Parkir Ajibarang Wetan', type: 'occupation_association', village: '2012', occupation: 'tukang_parkir', weight: 1.2, founded: '2015-06-21' },
  { name: 'Paguyuban Sopir Angkudes Ajibarang', type: 'occupation_association', village: '2012', occupation: 'sopir', weight: 1.0, founded: '2003-09-30' },
  { name: 'Majelis Taklim Al-Hidayah', type: 'religious_group', village: '2012', occupation: null, weight: 1.0, founded: '1998-04-12' },
  { name: 'Forum Warga RW 03 Pancasan', type: 'citizens_forum', village: '2008', occupation: null, weight: 1.0, founded: '2017-01-15' },
  { name: 'Paguyuban PKL Jalan Raya Pancasan', type: 'occupation_association', village: '2008', occupation: 'pkl', weight: 1.2, founded: '2016-11-03' },
  { name: 'Kelompok Buruh Bangunan Pancasan Maju', type: 'occupation_association', village: '2008', occupation: 'buruh_bangunan', weight: 0.8, founded: '2018-03-08' },
  { name: 'Koperasi Penderes Nira Sejahtera', type: 'cooperative', village: '2001', occupation: 'penderes', weight: 1.6, founded: '2010-06-01' },
  { name: 'Kelompok Tani Sri Rejeki', type: 'farmers_group', village: '2001', occupation: 'petani', weight: 1.2, founded: '2002-02-18' },
  { name: 'Kelompok Penderes Manunggal Darmakradenan', type: 'occupation_association', village: '2001', occupation: 'penderes', weight: 1.6, founded: '2013-05-27' },
  { name: 'Majelis Taklim Nurul Iman Darmakradenan', type: 'religious_group', village: '2001', occupation: null, weight: 0.7, founded: '2001-10-10' },
  { name: 'Kelompok Penderes Sido Makmur Tipar Kidul', type: 'occupation_association', village: '2002', occupation: 'penderes', weight: 1.5, founded: '2012-08-08' },
  { name: 'Kelompok Tani Ngudi Rejeki Tipar Kidul', type: 'farmers_group', village: '2002', occupation: 'buruh_tani', weight: 1.0, founded: '2006-03-03' },
  { name: 'Forum Warga RW 02 Tipar Kidul', type: 'citizens_forum', village: '2002', occupation: null, weight: 0.6, founded: '2018-07-22' },
  { name: 'Koperasi Gula Kelapa Sawangan Mandiri', type: 'cooperative', village: '2003', occupation: 'penderes', weight: 1.4, founded: '2015-04-16' },
  { name: 'Kelompok Tani Subur Makmur Sawangan', type: 'farmers_group', village: '2003', occupation: 'petani', weight: 0.9, founded: '2004-09-09' },
  { name: 'Kelompok Penderes Jingkang Lestari', type: 'occupation_association', village: '2004', occupation: 'penderes', weight: 1.3, founded: '2014-12-01' },
  { name: 'Kelompok Ternak Maju Bersama Jingkang', type: 'farmers_group', village: '2004', occupation: 'peternak', weight: 0.6, founded: '2019-02-25' },
  { name: 'Kelompok Tani Karya Tani Karangbawang', type: 'farmers_group', village: '2009', occupation: 'buruh_tani', weight: 0.9, founded: '2007-06-14' },
  { name: 'Majelis Taklim Al-Ikhlas Karangbawang', type: 'religious_group', village: '2009', occupation: null, weight: 0.6, founded: '2005-01-07' },
  { name: 'Kelompok Penderes Kracak Jaya', type: 'occupation_association', village: '2010', occupation: 'penderes', weight: 1.2, founded: '2016-03-19' },
  { name: 'Forum Warga RW 04 Kracak', type: 'citizens_forum', village: '2010', occupation: null, weight: 0.7, founded: '2019-08-17' },
  { name: 'Kelompok Tani Tunas Harapan Banjarsari', type: 'farmers_group', village: '2005', occupation: 'petani', weight: 0.8, founded: '2003-11-11' },
  { name: 'Forum Warga RW 01 Banjarsari', type: 'citizens_forum', village: '2005', occupation: null, weight: 0.7, founded: '2018-02-02' },
  { name: 'Majelis Taklim Al-Hikmah Kalibenda', type: 'religious_group', village: '2006', occupation: null, weight: 0.7, founded: '2000-05-05' },
  { name: 'Koperasi Serba Usaha Pancurendang', type: 'cooperative', village: '2007', occupation: null, weight: 0.8, founded: '2011-09-01' },
  { name: 'Paguyuban Ojek Online Ajibarang', type: 'occupation_association', village: '2013', occupation: 'ojek', weight: 1.0, founded: '2019-06-06' },
  { name: 'Kelompok Penderes Lesmana Makmur', type: 'occupation_association', village: '2013', occupation: 'penderes', weight: 0.8, founded: '2017-10-28' },
  { name: 'Forum Warga RW 02 Lesmana', type: 'citizens_forum', village: '2013', occupation: null, weight: 0.5, founded: '2020-01-12' },
  { name: 'Kelompok Buruh Bangunan Pandansari', type: 'occupation_association', village: '2014', occupation: 'buruh_bangunan', weight: 0.7, founded: '2018-10-10' },
  { name: 'Majelis Taklim Miftahul Jannah Pandansari', type: 'religious_group', village: '2014', occupation: null, weight: 0.6, founded: '2002-12-12' },
  { name: 'Kelompok Tani Margo Mulyo Ciberung', type: 'farmers_group', village: '2015', occupation: 'buruh_tani', weight: 0.7, founded: '2008-04-04' },
  { name: 'Forum Warga RW 06 Ciberung', type: 'citizens_forum', village: '2015', occupation: null, weight: 0.6, founded: '2019-11-30' },
  { name: 'Kelompok Peternak Kambing Pancurendang', type: 'farmers_group', village: '2007', occupation: 'peternak', weight: 0.5, founded: '2016-07-07' },
];

interface AgentDef {
  name: string;
  village: string;
  /** 1-based indexes into COMMUNITIES. */
  communities: number[];
  supervisor: 0 | 1;
  /** Months from the window's first month (negative: before it). */
  fromMonth: number;
  /** Month of the window in which the agent stopped, if they did. */
  toMonth?: number;
}

const AGENTS: readonly AgentDef[] = [
  { name: 'Slamet Riyadi', village: '2011', communities: [1, 4], supervisor: 0, fromMonth: -40 },
  { name: 'Siti Aminah', village: '2011', communities: [2, 5], supervisor: 0, fromMonth: -34 },
  { name: 'Wahyudi Santoso', village: '2012', communities: [7, 8], supervisor: 0, fromMonth: -30 },
  { name: 'Sri Wahyuni', village: '2012', communities: [10, 3], supervisor: 0, fromMonth: -26 },
  { name: 'Teguh Prasetyo', village: '2008', communities: [11, 12], supervisor: 0, fromMonth: -22 },
  { name: 'Rohmat Hidayat', village: '2012', communities: [9], supervisor: 0, fromMonth: -18 },
  { name: 'Endang Susilowati', village: '2011', communities: [6], supervisor: 0, fromMonth: -14 },
  { name: 'Agus Setiawan', village: '2008', communities: [13], supervisor: 0, fromMonth: -20, toMonth: 20 },
  { name: 'Darsono', village: '2001', communities: [14, 16], supervisor: 1, fromMonth: -44 },
  { name: 'Kasinah', village: '2001', communities: [15, 17], supervisor: 1, fromMonth: -36 },
  { name: 'Sugeng Waluyo', village: '2002', communities: [18], supervisor: 1, fromMonth: -32 },
  { name: 'Tarsini', village: '2002', communities: [19, 20], supervisor: 1, fromMonth: -28 },
  { name: 'Karsono', village: '2003', communities: [21], supervisor: 1, fromMonth: -24 },
  { name: 'Wartini', village: '2003', communities: [22], supervisor: 1, fromMonth: -16 },
  { name: 'Budi Santoso', village: '2004', communities: [23], supervisor: 1, fromMonth: -21 },
  { name: 'Muhammad Rizki', village: '2009', communities: [25, 26], supervisor: 1, fromMonth: -12 },
  { name: 'Sutrisno', village: '2010', communities: [27], supervisor: 1, fromMonth: -27 },
  { name: 'Dewi Lestari', village: '2010', communities: [28], supervisor: 1, fromMonth: 9 },
  { name: 'Heri Purwanto', village: '2005', communities: [29, 30], supervisor: 0, fromMonth: -19 },
  { name: 'Nur Khotimah', village: '2006', communities: [31], supervisor: 0, fromMonth: -10 },
  { name: 'Eko Prasetyo', village: '2013', communities: [33], supervisor: 0, fromMonth: -8 },
  { name: 'Yuni Astuti', village: '2014', communities: [37], supervisor: 0, fromMonth: 4 },
  { name: 'Imam Fauzi', village: '2015', communities: [], supervisor: 0, fromMonth: -38 },
  { name: 'Rina Marlina', village: '2007', communities: [], supervisor: 1, fromMonth: -30, toMonth: 27 },
  { name: 'Joko Susilo', village: '2004', communities: [], supervisor: 1, fromMonth: 15 },
];

// ---------------------------------------------------------------- names

const MALE_FIRST = [
  'Slamet', 'Sutrisno', 'Sugeng', 'Wahyudi', 'Budi', 'Agus', 'Joko', 'Teguh', 'Bambang', 'Rohmat', 'Ahmad', 'Muhammad',
  'Dedi', 'Eko', 'Heri', 'Kusno', 'Darsono', 'Warsito', 'Karsono', 'Tarmuji', 'Sarno', 'Darto', 'Kasim', 'Rasimin',
  'Suparno', 'Imam', 'Fajar', 'Rizki', 'Dimas', 'Arif', 'Yusuf', 'Rudi', 'Tri', 'Purwanto', 'Sukirno', 'Wahono',
  'Mulyono', 'Narto', 'Tarso', 'Casmadi', 'Kartam', 'Rasito', 'Waluyo', 'Sudarto', 'Hartono', 'Sunaryo', 'Miftah',
  'Nurhadi', 'Ridwan', 'Saefudin', 'Taufik', 'Anwar', 'Kirno', 'Samsul', 'Wardi', 'Yanto', 'Didik', 'Gunawan',
];
const FEMALE_FIRST = [
  'Siti', 'Sri', 'Sumiati', 'Suyati', 'Warsini', 'Kasinah', 'Darsih', 'Rasminah', 'Tarsini', 'Sutinah', 'Ngatini',
  'Wartini', 'Dewi', 'Rina', 'Nur', 'Ani', 'Yuni', 'Umi', 'Lestari', 'Wulan', 'Ratna', 'Endang', 'Nurhayati',
  'Rohimah', 'Khotimah', 'Fitri', 'Indah', 'Eni', 'Titin', 'Tuti', 'Casini', 'Darsiti', 'Kuswati', 'Murtini',
  'Painah', 'Rusmini', 'Suprihatin', 'Tumini', 'Warsiah', 'Yati', 'Aminah', 'Maryati', 'Puji', 'Retno', 'Sugiarti',
];
const MALE_SECOND = [
  'Riyadi', 'Santoso', 'Prasetyo', 'Hidayat', 'Setiawan', 'Waluyo', 'Purnomo', 'Saputra', 'Wibowo', 'Nugroho',
  'Susanto', 'Kurniawan', 'Firmansyah', 'Maulana', 'Hartono', 'Sunarto', 'Ramadhan', 'Pratama', 'Supriyadi', 'Mustofa',
];
const FEMALE_SECOND = [
  'Aminah', 'Wahyuni', 'Lestari', 'Handayani', 'Rahayu', 'Susilowati', 'Astuti', 'Purwati', 'Khasanah', 'Fatimah',
  'Kusumawati', 'Rahmawati', 'Utami', 'Wulandari', 'Ningsih', 'Mulyani', 'Sari', 'Hidayah', 'Marlina', 'Safitri',
];
const PHONE_PREFIXES = ['812', '813', '821', '822', '823', '852', '853', '857', '858', '877', '878', '881', '882', '895', '896', '898'];

const MALE_SHARE: Record<string, number> = {
  tukang_parkir: 0.9, pkl: 0.55, pedagang_pasar: 0.35, penderes: 0.96, petani: 0.75, buruh_tani: 0.5, peternak: 0.7,
  buruh_bangunan: 0.97, ojek: 0.95, sopir: 0.98,
};

/** Yearly JKK accident rates by occupation (estimates; penderes fall from trees, ojek on the road). */
const JKK_YEARLY: Record<string, number> = {
  penderes: 0.05, ojek: 0.032, sopir: 0.022, buruh_bangunan: 0.026, tukang_parkir: 0.014, petani: 0.012,
  buruh_tani: 0.013, peternak: 0.01, pkl: 0.008, pedagang_pasar: 0.006,
};
/** Shares of JKK benefit types: [medical, temporary_disability, permanent_disability, death]. */
const JKK_TYPES: Record<string, [number, number, number, number]> = {
  penderes: [0.46, 0.34, 0.13, 0.07],
  ojek: [0.56, 0.33, 0.07, 0.04],
  sopir: [0.52, 0.32, 0.08, 0.08],
  buruh_bangunan: [0.5, 0.33, 0.11, 0.06],
};
const JKK_TYPES_DEFAULT: [number, number, number, number] = [0.62, 0.3, 0.06, 0.02];
const JKK_BENEFITS = ['medical', 'temporary_disability', 'permanent_disability', 'death'] as const;

const REJECTION_REASONS_JKK = [
  'Kecelakaan terjadi di luar aktivitas kerja (bukan kecelakaan kerja)',
  'Laporan kecelakaan tahap I terlambat dan kronologi tidak dapat diverifikasi',
  'Dokumen pendukung (surat keterangan dokter, kronologi) tidak dilengkapi sampai batas waktu',
];
const REJECTION_REASONS_JKM = [
  'Dokumen ahli waris tidak lengkap sampai batas waktu',
  'Data ahli waris tidak sesuai dengan Kartu Keluarga',
];

// ---------------------------------------------------------------- simulation types

interface SimAgent {
  code: string;
  def: AgentDef;
  villageCode: string;
  communityIds: Set<number>;
  fromDay: number;
  toDay: number | null;
}

interface SimMember {
  id: number;
  nik: string;
  kpj: string | null;
  name: string;
  sex: 'L' | 'P';
  birthDay: number;
  phone: string | null;
  address: string;
  village: VillageRef;
  occupation: string;
  isTransport: boolean;
  communityId: number | null;
  agent: SimAgent | null;
  channel: Channel;
  enrolDay: number;
  enrolMonth: number; // window month index (negative before the window)
  income: number;
  freq: number;
  /** 'embedded' = recruited by an agent of their own community; 'outside' = by another agent. */
  tie: 'embedded' | 'outside' | 'agent_no_community' | 'none';
  state: 'pending' | 'paying' | 'lapsed' | 'dead' | 'frozen';
  paidThrough: number; // last covered window month index
  lastBlockMonths: number;
  lapseStart: number;
  firstPaidMonth: number;
}

interface ContributionRow {
  id: number;
  memberId: number;
  firstMonth: string;
  monthsCount: number;
  jkkAmount: number;
  jkmAmount: number;
  paidOn: string;
  agentCode: string | null;
  createdAt: Date;
}

interface ClaimDraft {
  memberId: number;
  program: 'JKK' | 'JKM';
  benefitType: string;
  incidentDay: number;
  submittedDay: number;
  verifiedDay: number | null;
  approvedDay: number | null;
  paidDay: number | null;
  rejectedDay: number | null;
  status: ClaimStatus;
  amount: number | null;
  rejectionReason: string | null;
  agentCode: string | null;
  disabilityPercent: number | null;
  inabilityDays: number | null;
}

// ---------------------------------------------------------------- the seed

export async function seedDemo(handle: DatabaseHandle, options: SeedDemoOptions = {}): Promise<SeedCounts> {
  const log = options.log ?? (() => {});
  const asOf = options.asOf ?? todayInJakarta();
  assertIsoDate(asOf, 'asOf');
  const started = Date.now();
  const data = generateDemo(asOf);
  log(
    `Demo data generated for ${asOf}: ${data.members.length} members, ${data.contributions.length} contributions, ` +
      `${data.claims.length} claims (${Date.now() - started} ms).`,
  );
  const counts = await handle.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    if (options.replace) await clearDatabaseTables(tx);
    if (await holdsOfficeData(tx)) {
      throw new Error('The database already holds data: clear it before seeding the demo (clearDatabase).');
    }
    await insertReferenceData(tx);
    await insertChunks(tx, users, data.users);
    await insertChunks(tx, communities, data.communities);
    await insertChunks(tx, agents, data.agents);
    await insertChunks(tx, agentCommunities, data.agentCommunities);
    await insertChunks(tx, agentTargets, data.agentTargets);
    await insertChunks(tx, members, data.members, 1000);
    await insertChunks(tx, contributions, data.contributions, 2000);
    await insertChunks(tx, claims, data.claims);
    await tx.insert(settings).values([
      { key: 'demo_data', value: true, updatedAt: jakartaInstant(asOf, 0) },
      { key: 'data_as_of', value: asOf, updatedAt: jakartaInstant(asOf, 0) },
    ]);
    for (const table of ['users', 'communities', 'members', 'contributions', 'claims']) await resetSequence(tx, table);
    return countRows(tx);
  });
  log(`Demo data written in ${Date.now() - started} ms.`);
  const rollup = await rebuildRollups(handle.db);
  log(`Rollup built: ${rollup.rows} rows (${rollup.ms} ms).`);
  return counts;
}

/** Builds every demo row in memory (pure and deterministic for a given asOf): the stages below, in order. */
export function generateDemo(asOf: string) {
  assertIsoDate(asOf, 'asOf');
  // The stages draw from one stream in this order; reordering them changes every row after.
  const rnd = new Random(SEED);
  const cal = demoCalendar(asOf);
  const users = demoUsers(cal, new Random(SEED ^ 0x9e3779b9));
  const field = fieldNetwork(rnd, cal, users.supervisorIds);
  const agentTargetRows = agentTargetStage(rnd, cal, field.simAgents);
  const population = new Population(rnd, cal, field.simAgents);
  const claimModel = new ClaimModel(rnd, cal);
  startingStock(population);
  for (let t = 0; t < WINDOW_MONTHS; t++) simulateMonth(population, claimModel, t);
  return {
    asOf,
    windowStart: isoOfDay(cal.windowStartDay),
    users: users.rows,
    communities: communityRows(),
    agents: field.agentRows,
    agentCommunities: field.agentCommunityRows,
    agentTargets: agentTargetRows,
    members: memberRows(population.members),
    contributions: population.contributions as (typeof contributions.$inferInsert)[],
    claims: claimRows(claimModel.drafts),
  };
}

// ---------------------------------------------------------------- stage: the calendar

/** The simulated window: month t = 0 is its first month, t = WINDOW_MONTHS - 1 the month of asOf. */
interface Calendar {
  asOfDay: number;
  windowStartDay: number;
  monthOf: (t: number) => { y: number; m: number };
  monthStartDay: (t: number) => number;
  monthLen: (t: number) => number;
  monthKeyOf: (t: number) => string;
}

function demoCalendar(asOf: string): Calendar {
  const [asOfY, asOfM] = asOf.split('-').map(Number) as [number, number];
  const start = addMonths(asOfY, asOfM, -(WINDOW_MONTHS - 1));
  const monthOf = (t: number) => addMonths(start.y, start.m, t);
  const monthStartDay = (t: number) => {
    const { y, m } = monthOf(t);
    return dayOf(y, m, 1);
  };
  return {
    asOfDay: dayOfIso(asOf),
    windowStartDay: monthStartDay(0),
    monthOf,
    monthStartDay,
    monthLen: (t) => {
      const { y, m } = monthOf(t);
      return daysInMonth(y, m);
    },
    monthKeyOf: (t) => {
      const { y, m } = monthOf(t);
      return monthKey(y, m);
    },
  };
}

const villageByCode = new Map(VILLAGES.map((v) => [v.code, v]));
const occupationByCode = new Map(OCCUPATIONS.map((o) => [o.code, o]));
const villageOf = (suffix: string) => villageByCode.get(`33.02.14.${suffix}`)!;

// ---------------------------------------------------------------- stage: users, communities, agents, targets

function demoUsers(cal: Calendar, saltRandom: Random) {
  const rows: (typeof users.$inferInsert)[] = DEMO_USERS.map((u, i) => ({
    id: i + 1,
    email: u.email,
    name: u.name,
    passwordHash: bcryptHash(DEMO_PASSWORD, saltRandom),
    role: u.role,
    regionCode: u.regionCode ?? null,
    active: true,
    sessionVersion: 0,
    createdAt: jakartaInstant(isoOfDay(cal.windowStartDay), 8),
  }));
  const supervisorIds = DEMO_USERS.map((u, i) => ({ u, id: i + 1 }))
    .filter((x) => x.u.role === 'supervisor')
    .map((x) => x.id);
  return { rows, supervisorIds };
}

function communityRows(): (typeof communities.$inferInsert)[] {
  return COMMUNITIES.map((c, i) => ({
    id: i + 1,
    name: c.name,
    type: c.type,
    villageCode: villageOf(c.village).code,
    occupationCode: c.occupation,
    foundedOn: c.founded,
  }));
}

/** The agents, their phones and the communities each belongs to. */
function fieldNetwork(rnd: Random, cal: Calendar, supervisorIds: number[]) {
  const simAgents: SimAgent[] = AGENTS.map((a, i) => {
    const from = cal.monthOf(a.fromMonth);
    const fromDay = dayOf(from.y, from.m, 1 + ((i * 7) % 27));
    let toDay: number | null = null;
    if (a.toMonth !== undefined) {
      const to = cal.monthOf(a.toMonth);
      toDay = dayOf(to.y, to.m, daysInMonth(to.y, to.m));
    }
    return {
      code: `PRS-${String(i + 1).padStart(3, '0')}`,
      def: a,
      villageCode: villageOf(a.village).code,
      communityIds: new Set(a.communities),
      fromDay,
      toDay,
    };
  });
  const agentRows: (typeof agents.$inferInsert)[] = simAgents.map((a) => ({
    code: a.code,
    name: a.def.name,
    villageCode: a.villageCode,
    supervisorId: supervisorIds[a.def.supervisor] ?? null,
    phone: `08${rnd.pick(PHONE_PREFIXES)}${String(rnd.int(1_000_000, 9_999_999))}`,
    activeFrom: isoOfDay(a.fromDay),
    activeTo: a.toDay === null ? null : isoOfDay(a.toDay),
  }));
  const agentCommunityRows: (typeof agentCommunities.$inferInsert)[] = simAgents.flatMap((a) =>
    [...a.communityIds].map((communityId) => ({ agentCode: a.code, communityId })),
  );
  return { simAgents, agentRows, agentCommunityRows };
}

const agentActiveOn = (a: SimAgent, day: number) => a.fromDay <= day && (a.toDay === null || a.toDay >= day);

/** A monthly recruitment target for every month an agent works, a little higher from 2026. */
function agentTargetStage(rnd: Random, cal: Calendar, simAgents: SimAgent[]): (typeof agentTargets.$inferInsert)[] {
  const rows: (typeof agentTargets.$inferInsert)[] = [];
  for (const a of simAgents) {
    const base = rnd.int(5, 8);
    for (let t = 0; t < WINDOW_MONTHS; t++) {
      const s = cal.monthStartDay(t);
      const e = s + cal.monthLen(t) - 1;
      if (a.fromDay > e || (a.toDay !== null && a.toDay < s)) continue;
      const bump = cal.monthOf(t).y >= 2026 ? 1 : 0;
      rows.push({
        agentCode: a.code,
        month: isoOfDay(s),
        recruitsTarget: Math.min(10, Math.max(4, base + bump + rnd.int(-1, 1))),
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------- the population: members and their payments

const villageWeights = VILLAGES.map((v) => v.population);
const communityWeights = COMMUNITIES.map((c) => c.weight);

/** The members simulated so far, their contributions, and the rules by which they join, pay and stop. */
class Population {
  readonly members: SimMember[] = [];
  readonly contributions: ContributionRow[] = [];
  private readonly niks = new Map<string, number>(); // DDMMYY → last serial
  private kpjSeq = 0;

  constructor(
    readonly rnd: Random,
    readonly cal: Calendar,
    private readonly agents: SimAgent[],
  ) {}

  private pickOccupation(village: VillageRef) {
    const mix = OCCUPATION_MIX[village.zone];
    const codes = Object.keys(mix);
    return this.rnd.weighted(
      codes,
      codes.map((c) => mix[c]!),
    );
  }

  private neighbourVillage(home: VillageRef) {
    const same = VILLAGES.filter((v) => v.zone === home.zone && v.code !== home.code);
    const pool = same.length > 0 ? same : VILLAGES.filter((v) => v.code !== home.code);
    return this.rnd.weighted(
      pool,
      pool.map((v) => v.population),
    );
  }

  private makeNik(sex: 'L' | 'P', birthDay: number) {
    const d = new Date(birthDay * 86_400_000);
    const dd = d.getUTCDate() + (sex === 'P' ? 40 : 0);
    const key = `${String(dd).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCFullYear() % 100).padStart(2, '0')}`;
    const serial = (this.niks.get(key) ?? this.rnd.int(0, 40)) + this.rnd.int(1, 6);
    this.niks.set(key, serial);
    if (serial > 9999) throw new Error('NIK serials exhausted');
    return `330214${key}${String(serial).padStart(4, '0')}`;
  }

  makeKpj(day: number) {
    this.kpjSeq += 1;
    const yy = String(new Date(day * 86_400_000).getUTCFullYear() % 100).padStart(2, '0');
    return `${yy}14${String(3_000_000 + this.kpjSeq * 7 + this.rnd.int(0, 6)).padStart(7, '0')}`;
  }

  private makeName(sex: 'L' | 'P') {
    const rnd = this.rnd;
    const first = rnd.pick(sex === 'L' ? MALE_FIRST : FEMALE_FIRST);
    if (rnd.chance(0.35)) return first;
    let second = rnd.pick(sex === 'L' ? MALE_SECOND : FEMALE_SECOND);
    if (second === first) second = rnd.pick(sex === 'L' ? MALE_SECOND : FEMALE_SECOND);
    return second === first ? first : `${first} ${second}`;
  }

  private pickIncome(occupation: string) {
    const rnd = this.rnd;
    if (occupation === 'pedagang_pasar') {
      return rnd.weighted([1_000_000, 1_500_000, 2_000_000, 3_000_000, 5_000_000], [60, 15, 15, 7, 3]);
    }
    if (occupation === 'sopir' || occupation === 'pkl') {
      return rnd.weighted([1_000_000, 1_500_000, 2_000_000, 2_500_000], [72, 13, 12, 3]);
    }
    return rnd.weighted([1_000_000, 1_500_000, 2_000_000, 2_500_000], [88, 6, 5, 1]);
  }

  private pickFreq(channel: Channel) {
    return channel === 'cooperative'
      ? this.rnd.weighted([1, 3, 6, 12], [40, 20, 15, 25])
      : this.rnd.weighted([1, 3, 6, 12], [72, 14, 6, 8]);
  }

  /** Picks the recruiting agent and the member's tie to them. */
  private chooseAgent(
    communityId: number | null,
    channel: Channel,
    village: VillageRef,
    day: number,
  ): { agent: SimAgent | null; tie: SimMember['tie'] } {
    const rnd = this.rnd;
    const active = this.agents.filter((a) => agentActiveOn(a, day));
    if (active.length === 0) return { agent: null, tie: 'none' };
    let wantsAgent: boolean;
    let embeddedPreference: number;
    switch (channel) {
      case 'agent':
        wantsAgent = true;
        embeddedPreference = 0.6;
        break;
      case 'community':
      case 'cooperative':
      case 'citizens_forum':
        wantsAgent = rnd.chance(0.72);
        embeddedPreference = 0.8;
        break;
      case 'formal_socialisation':
        wantsAgent = rnd.chance(0.2);
        embeddedPreference = 0.2;
        break;
      default:
        wantsAgent = false;
        embeddedPreference = 0;
    }
    if (!wantsAgent) return { agent: null, tie: 'none' };
    if (communityId === null) {
      const agent = rnd.weighted(
        active,
        active.map((a) => outsideAgentWeight(a, village)),
      );
      return { agent, tie: 'agent_no_community' };
    }
    const embedded = active.filter((a) => a.communityIds.has(communityId));
    if (embedded.length > 0 && rnd.chance(embeddedPreference)) {
      return { agent: rnd.pick(embedded), tie: 'embedded' };
    }
    const outside = active.filter((a) => !a.communityIds.has(communityId));
    if (outside.length === 0) return { agent: rnd.pick(embedded), tie: 'embedded' };
    const agent = rnd.weighted(
      outside,
      outside.map((a) => outsideAgentWeight(a, village)),
    );
    return { agent, tie: 'outside' };
  }

  private chooseChannel(communityId: number | null): Channel {
    if (communityId === null) {
      return this.rnd.weighted<Channel>(['agent', 'formal_socialisation', 'walk_in'], [46, 26, 28]);
    }
    const type = COMMUNITIES[communityId - 1]!.type;
    const own: Channel =
      type === 'cooperative' ? 'cooperative' : type === 'citizens_forum' ? 'citizens_forum' : 'community';
    return this.rnd.weighted<Channel>([own, 'agent', 'formal_socialisation', 'walk_in'], [44, 48, 5, 3]);
  }

  createMember(communityId: number | null, enrolDay: number, enrolMonth: number): SimMember {
    const rnd = this.rnd;
    const community = communityId === null ? null : COMMUNITIES[communityId - 1]!;
    let village: VillageRef;
    if (community) village = rnd.chance(0.76) ? villageOf(community.village) : this.neighbourVillage(villageOf(community.village));
    else village = rnd.weighted(VILLAGES, villageWeights);
    const occupation =
      community?.occupation && rnd.chance(0.9) ? community.occupation : this.pickOccupation(village);
    const sex: 'L' | 'P' = rnd.chance(MALE_SHARE[occupation] ?? 0.5) ? 'L' : 'P';
    const age = 18 + Math.floor(((rnd.next() + rnd.next() + rnd.next()) / 3) * 47.99);
    const birthDay = enrolDay - age * 365 - rnd.int(10, 355);
    const channel = this.chooseChannel(communityId);
    const { agent, tie } = this.chooseAgent(communityId, channel, village, enrolDay);
    let rw = rnd.int(1, 8);
    const rwMatch = community?.type === 'citizens_forum' ? /RW 0?(\d+)/.exec(community.name) : null;
    if (rwMatch && village.code === villageOf(community!.village).code) rw = Number(rwMatch[1]);
    const member: SimMember = {
      id: this.members.length + 1,
      nik: this.makeNik(sex, birthDay),
      kpj: null,
      name: this.makeName(sex),
      sex,
      birthDay,
      phone: rnd.chance(0.94) ? `08${rnd.pick(PHONE_PREFIXES)}${String(rnd.int(1_000_000, 99_999_999))}` : null,
      address: `RT ${String(rnd.int(1, 7)).padStart(3, '0')}/RW ${String(rw).padStart(3, '0')}, Desa ${village.name}, Kec. Ajibarang`,
      village,
      occupation,
      isTransport: occupationByCode.get(occupation)?.isTransport ?? false,
      communityId,
      agent,
      channel,
      enrolDay,
      enrolMonth,
      income: this.pickIncome(occupation),
      freq: this.pickFreq(channel),
      tie,
      state: 'pending',
      paidThrough: -1000,
      lastBlockMonths: 1,
      lapseStart: 0,
      firstPaidMonth: 0,
    };
    this.members.push(member);
    return member;
  }

  private collectingAgent(m: SimMember, paidDay: number) {
    return m.agent && agentActiveOn(m.agent, paidDay) && this.rnd.chance(0.86) ? m.agent.code : null;
  }

  /** Records a paid block; returns false when its payment date lies after asOf (not paid yet). */
  pay(m: SimMember, firstMonth: number, months: number, paidDay: number): boolean {
    if (paidDay > this.cal.asOfDay) return false;
    const { jkk, jkm } = contributionForMonths(m.income, this.cal.monthKeyOf(firstMonth), months, m.isTransport, REFERENCE_RATES);
    if (m.kpj === null) m.kpj = this.makeKpj(Math.max(paidDay, m.enrolDay));
    this.contributions.push({
      id: this.contributions.length + 1,
      memberId: m.id,
      firstMonth: isoOfDay(this.cal.monthStartDay(firstMonth)),
      monthsCount: months,
      jkkAmount: jkk,
      jkmAmount: jkm,
      paidOn: isoOfDay(paidDay),
      agentCode: this.collectingAgent(m, paidDay),
      createdAt: jakartaInstant(isoOfDay(paidDay), 10),
    });
    m.paidThrough = Math.max(m.paidThrough, firstMonth + months - 1);
    m.lastBlockMonths = months;
    m.state = 'paying';
    return true;
  }

  regularPaidDay(t: number) {
    const rnd = this.rnd;
    const s = this.cal.monthStartDay(t);
    const len = this.cal.monthLen(t);
    const r = rnd.next();
    if (r < 0.2) return s - rnd.int(1, 7); // a few days ahead
    if (r < 0.85) return s + rnd.int(0, 19);
    if (r < 0.95) return s + rnd.int(20, len - 1);
    return s + len + rnd.int(0, 14); // paid late, in the next month
  }

  private discountOn(m: SimMember, t: number) {
    const key = m.isTransport ? 'discount_transport' : 'discount_non_transport';
    return (rateOn(REFERENCE_RATES, key, isoOfDay(this.cal.monthStartDay(t))) ?? 0) > 0;
  }

  /** The chance that a paying member stops in month t: mechanism (a), an agent of their own community. */
  monthlyHazard(m: SimMember, t: number) {
    let h: number;
    switch (m.tie) {
      case 'embedded':
        h = 0.038;
        break;
      case 'outside':
        h = 0.1;
        break;
      case 'agent_no_community':
        h = 0.06;
        break;
      default:
        h = m.communityId !== null ? 0.05 : 0.075;
    }
    if (t - m.firstPaidMonth >= 12) h *= 0.55;
    if (m.agent && m.agent.toDay !== null && m.agent.toDay < this.cal.monthStartDay(t)) h *= 1.6;
    if (this.discountOn(m, t)) h *= 0.75;
    return h;
  }
}

function outsideAgentWeight(a: SimAgent, village: VillageRef) {
  const av = villageByCode.get(a.villageCode)!;
  if (av.code === village.code) return 3;
  if (av.zone === village.zone) return 1.5;
  return 0.4;
}

// ---------------------------------------------------------------- stage: the starting stock

/** Members enrolled before the window and paying when it opens. */
function startingStock(population: Population) {
  const { rnd, cal } = population;
  const STOCK = 1220;
  for (let i = 0; i < STOCK; i++) {
    const back = 1 + Math.floor(48 * Math.pow(rnd.next(), 1.5));
    const em = cal.monthOf(-back);
    const enrolDay = dayOf(em.y, em.m, rnd.int(1, daysInMonth(em.y, em.m)));
    const communityId = rnd.chance(0.86) ? rnd.weighted(COMMUNITIES.map((_, j) => j + 1), communityWeights) : null;
    const m = population.createMember(communityId, enrolDay, -back);
    m.firstPaidMonth = -back;
    m.kpj = population.makeKpj(enrolDay);
    const months = m.freq === 1 ? 1 : rnd.int(1, m.freq);
    population.pay(m, 0, months, cal.windowStartDay - rnd.int(0, 6) + (rnd.chance(0.6) ? rnd.int(0, 18) : 0));
  }
}

// ---------------------------------------------------------------- stage: the months

const BOOST_DAYS = 90;
const BOOST_FACTOR = 2.6;

/** One month of the window: existing members first, then the month's new members and their first payments. */
function simulateMonth(population: Population, claimModel: ClaimModel, t: number) {
  renewals(population, claimModel, t);
  firstPayments(population, enrolments(population, claimModel, t), t);
}

/** Existing members: renewals, lapses, reactivations, claims. */
function renewals(population: Population, claimModel: ClaimModel, t: number) {
  const { rnd, cal } = population;
  const s = cal.monthStartDay(t);
  const len = cal.monthLen(t);
  const lastDay = Math.min(s + len - 1, cal.asOfDay);
  const existing = population.members.length;
  for (let i = 0; i < existing; i++) {
    const m = population.members[i]!;
    if (m.state === 'dead' || m.state === 'frozen' || m.state === 'pending') continue;
    if (m.enrolMonth >= t) continue;
    if (m.state === 'paying' && m.paidThrough === t - 1) {
      const h = population.monthlyHazard(m, t);
      const stop = 1 - Math.pow(1 - h, Math.min(m.lastBlockMonths, 4));
      if (rnd.chance(stop)) {
        m.state = 'lapsed';
        m.lapseStart = t;
      } else if (!population.pay(m, t, m.freq, population.regularPaidDay(t))) {
        m.state = 'frozen';
      }
    } else if (m.state === 'lapsed') {
      const gap = t - m.lapseStart;
      if (gap >= 1 && gap <= 3 && rnd.chance(m.tie === 'embedded' ? 0.12 : 0.07)) {
        // arrears: pays the missed months (BPU may settle up to 3 months of arrears)
        if (!population.pay(m, m.lapseStart, gap + 1, s + rnd.int(0, len - 1))) m.state = 'frozen';
      } else if (gap > 3 && rnd.chance(m.tie === 'embedded' ? 0.02 : 0.01)) {
        // rejoins after the membership ended: a new monthly block
        m.freq = 1;
        if (!population.pay(m, t, 1, s + rnd.int(0, len - 1))) m.state = 'frozen';
      }
    }
    if (m.paidThrough >= t && m.state !== 'frozen') claimModel.maybeClaim(m, t, s, lastDay);
  }
}

/** New enrolments, by community and day: mechanism (b), boosted after a paid claim in the community. */
function enrolments(population: Population, claimModel: ClaimModel, t: number): SimMember[] {
  const { rnd, cal } = population;
  const s = cal.monthStartDay(t);
  const len = cal.monthLen(t);
  const lastDay = Math.min(s + len - 1, cal.asOfDay);
  let trend = 47 * (1 + (0.35 * t) / (WINDOW_MONTHS - 1));
  if (cal.monthOf(t).y === 2026) trend *= 1.1;
  const perCommunityShare = 0.86 / communityWeights.reduce((a, b) => a + b, 0);
  const newMembers: SimMember[] = [];
  for (let c = 1; c <= COMMUNITIES.length; c++) {
    const dailyBase = (trend * perCommunityShare * COMMUNITIES[c - 1]!.weight) / len;
    const paidDays = claimModel.boosts.get(c) ?? [];
    for (let day = s; day <= lastDay; day++) {
      const boosted = paidDays.some((p) => day > p && day <= p + BOOST_DAYS);
      const n = rnd.poisson(dailyBase * (boosted ? BOOST_FACTOR : 1));
      for (let k = 0; k < n; k++) newMembers.push(population.createMember(c, day, t));
    }
  }
  const unaffiliated = rnd.poisson((trend * 0.14 * (lastDay - s + 1)) / len);
  for (let k = 0; k < unaffiliated; k++) newMembers.push(population.createMember(null, rnd.int(s, lastDay), t));
  return newMembers;
}

/** First payments: some never pay; the latest may not have paid yet. */
function firstPayments(population: Population, newMembers: SimMember[], t: number) {
  const rnd = population.rnd;
  for (const m of newMembers) {
    const neverPays = m.tie === 'embedded' ? 0.04 : m.tie === 'outside' ? 0.09 : 0.07;
    if (rnd.chance(neverPays)) continue;
    const delay = rnd.chance(0.8) ? rnd.int(0, 3) : rnd.int(4, 25);
    m.firstPaidMonth = t;
    if (!population.pay(m, t, m.freq, m.enrolDay + delay)) m.state = 'pending';
  }
}

// ---------------------------------------------------------------- stage: claims

/** The claims drawn so far, and the paid-claim days per community that boost its enrolments. */
class ClaimModel {
  readonly drafts: ClaimDraft[] = [];
  readonly boosts = new Map<number, number[]>(); // community id → paid-claim days

  constructor(
    private readonly rnd: Random,
    private readonly cal: Calendar,
  ) {}

  maybeClaim(m: SimMember, t: number, s: number, lastDay: number) {
    const rnd = this.rnd;
    const age = (s - m.birthDay) / 365.25;
    const ageFactor = age < 35 ? 0.4 : age < 50 ? 0.9 : age < 60 ? 2.0 : 3.5;
    const pDeath = 0.00036 * ageFactor;
    const pAccident = (JKK_YEARLY[m.occupation] ?? 0.01) / 12;
    const r = rnd.next();
    let program: 'JKK' | 'JKM';
    let benefitType: string;
    if (r < pDeath) {
      program = 'JKM';
      benefitType = 'death';
    } else if (r < pDeath + pAccident) {
      program = 'JKK';
      benefitType = rnd.weighted(JKK_BENEFITS, JKK_TYPES[m.occupation] ?? JKK_TYPES_DEFAULT);
    } else return;
    const incidentDay = rnd.int(s, lastDay);
    if (benefitType === 'death') m.state = 'dead';
    const claimDraft = this.buildClaim(m, program, benefitType, incidentDay);
    if (!claimDraft) return;
    this.drafts.push(claimDraft);
    if (claimDraft.paidDay !== null && m.communityId !== null) {
      const list = this.boosts.get(m.communityId) ?? [];
      list.push(claimDraft.paidDay);
      this.boosts.set(m.communityId, list);
    }
  }

  private buildClaim(m: SimMember, program: 'JKK' | 'JKM', benefitType: string, incidentDay: number): ClaimDraft | null {
    const rnd = this.rnd;
    const asOfDay = this.cal.asOfDay;
    const submittedDay = incidentDay + (program === 'JKM' ? rnd.int(3, 30) : rnd.int(1, 10));
    if (submittedDay > asOfDay) return null; // not claimed yet
    const slow = rnd.chance(0.12) ? rnd.int(10, 30) : 0;
    const verifiedDay = submittedDay + rnd.int(1, 6) + slow;
    const approvedDay = verifiedDay + (program === 'JKM' ? rnd.int(0, 2) : rnd.int(1, 6));
    const paidDay = approvedDay + rnd.int(1, 4);
    const rejected = rnd.chance(program === 'JKM' ? 0.05 : 0.09);
    const agentCode = m.agent && rnd.chance(0.85) ? m.agent.code : null;
    const base: ClaimDraft = {
      memberId: m.id,
      program,
      benefitType,
      incidentDay,
      submittedDay,
      verifiedDay: null,
      approvedDay: null,
      paidDay: null,
      rejectedDay: null,
      status: 'submitted',
      amount: null,
      rejectionReason: null,
      agentCode,
      disabilityPercent: null,
      inabilityDays: null,
    };
    if (rejected) {
      const rejectedDay = submittedDay + rnd.int(3, 20);
      if (rejectedDay <= asOfDay) {
        base.status = 'rejected';
        base.rejectedDay = rejectedDay;
        base.rejectionReason = rnd.pick(program === 'JKM' ? REJECTION_REASONS_JKM : REJECTION_REASONS_JKK);
      }
      return base;
    }
    const { amount, disabilityPercent, inabilityDays } = this.claimAmount(m, program, benefitType, incidentDay);
    base.disabilityPercent = disabilityPercent;
    base.inabilityDays = inabilityDays;
    if (verifiedDay <= asOfDay) {
      base.status = 'verified';
      base.verifiedDay = verifiedDay;
    }
    if (approvedDay <= asOfDay) {
      base.status = 'approved';
      base.approvedDay = approvedDay;
      base.amount = amount;
    }
    if (paidDay <= asOfDay) {
      base.status = 'paid';
      base.paidDay = paidDay;
    }
    return base;
  }

  private claimAmount(
    m: SimMember,
    program: 'JKK' | 'JKM',
    benefitType: string,
    incidentDay: number,
  ): { amount: number; disabilityPercent: number | null; inabilityDays: number | null } {
    const rnd = this.rnd;
    // the benefit rules in force on the day of the incident (the same rules server/indicators/claims.ts applies)
    const on = isoOfDay(incidentDay);
    const r = (key: string) => rateOn(REFERENCE_RATES, key, on) ?? 0;
    const plain = (amount: number) => ({ amount, disabilityPercent: null, inabilityDays: null });
    if (program === 'JKM') return plain(r('jkm_lump_sum') + r('jkm_periodic') + r('funeral'));
    switch (benefitType) {
      case 'death':
        return plain(Math.max(r('jkk_death_multiplier') * m.income, r('jkk_death_minimum')) + r('funeral') + r('jkk_periodic'));
      case 'permanent_disability': {
        if (rnd.chance(0.2)) {
          return { amount: r('jkk_disability_multiplier') * m.income + r('jkk_periodic'), disabilityPercent: 100, inabilityDays: null };
        }
        // partial: percentage of the anatomical table × 80 × income
        const percent = rnd.pick([10, 15, 20, 25, 30, 40, 50]);
        return {
          amount: Math.round((percent / 100) * r('jkk_partial_disability_multiplier') * m.income),
          disabilityPercent: percent,
          inabilityDays: null,
        };
      }
      case 'temporary_disability': {
        const days = rnd.int(14, 120);
        return { amount: Math.round((m.income * (r('stmb_percent') / 100) * days) / 30), disabilityPercent: null, inabilityDays: days };
      }
      default:
        // medical care (treatment costs, uncapped in law): mostly Rp 1–8 jt, sometimes surgery up to Rp 30 jt
        return plain(rnd.chance(0.85) ? rnd.int(10, 80) * 100_000 : rnd.int(80, 300) * 100_000);
    }
  }
}

// ---------------------------------------------------------------- stage: rows

function memberRows(simMembers: SimMember[]): (typeof members.$inferInsert)[] {
  return simMembers.map((m) => ({
    id: m.id,
    nik: m.nik,
    kpj: m.kpj,
    name: m.name,
    sex: m.sex,
    birthDate: isoOfDay(m.birthDay),
    phone: m.phone,
    address: m.address,
    villageCode: m.village.code,
    occupationCode: m.occupation,
    communityId: m.communityId,
    agentCode: m.agent?.code ?? null,
    channel: m.channel,
    enrolledOn: isoOfDay(m.enrolDay),
    declaredIncome: m.income,
    createdAt: jakartaInstant(isoOfDay(m.enrolDay), 9),
  }));
}

/** Claims numbered per year in the order they were submitted. */
function claimRows(drafts: ClaimDraft[]): (typeof claims.$inferInsert)[] {
  const sorted = [...drafts].sort((a, b) => a.submittedDay - b.submittedDay || a.memberId - b.memberId);
  const perYear = new Map<number, number>();
  return sorted.map((c, i) => {
    const year = new Date(c.submittedDay * 86_400_000).getUTCFullYear();
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const lastEvent = Math.max(c.submittedDay, c.verifiedDay ?? 0, c.approvedDay ?? 0, c.paidDay ?? 0, c.rejectedDay ?? 0);
    return {
      id: i + 1,
      number: `KLM-${year}-${String(seq).padStart(6, '0')}`,
      memberId: c.memberId,
      program: c.program,
      benefitType: c.benefitType,
      incidentDate: isoOfDay(c.incidentDay),
      submittedOn: isoOfDay(c.submittedDay),
      verifiedOn: c.verifiedDay === null ? null : isoOfDay(c.verifiedDay),
      approvedOn: c.approvedDay === null ? null : isoOfDay(c.approvedDay),
      status: c.status,
      amount: c.amount,
      paidOn: c.paidDay === null ? null : isoOfDay(c.paidDay),
      rejectedOn: c.rejectedDay === null ? null : isoOfDay(c.rejectedDay),
      rejectionReason: c.rejectionReason,
      agentCode: c.agentCode,
      disabilityPercent: c.disabilityPercent,
      inabilityDays: c.inabilityDays,
      version: 1,
      createdAt: jakartaInstant(isoOfDay(c.submittedDay), 11),
      updatedAt: jakartaInstant(isoOfDay(lastEvent), 15),
    };
  });
}
