// The reference data Payung ships besides the region list (db/reference/README.md): Kecamatan Ajibarang's
// villages with their centroids, areas and populations, the informal occupations, the workforce
// denominators and the dated contribution / benefit / incentive rates (../shared/domain-facts.md §0–3,
// 5.2, 8). Populations other than Darmakradenan's and all workforce figures are ESTIMATES, spread by area
// and town-centre density; they are labelled as such in `source`.

export const DISTRICT = {
  code: '33.02.14',
  name: 'Ajibarang',
  centroidLat: -7.42511,
  centroidLng: 109.07259,
  areaKm2: 71.2,
} as const;

export type VillageZone = 'market' | 'near_market' | 'rural_south_west' | 'rural_other';

export interface VillageRef {
  code: string;
  name: string;
  centroidLat: number;
  centroidLng: number;
  /** Approximate, from simplified polygons (domain-facts §5.2). */
  areaKm2: number;
  /** Darmakradenan's is from the village site; the others are estimates. */
  population: number;
  populationIsEstimate: boolean;
  zone: VillageZone;
}

/** The 15 villages of Kecamatan Ajibarang (Kemendagri codes; centroids from cahyadsn/wilayah_boundaries). */
export const VILLAGES: readonly VillageRef[] = [
  { code: '33.02.14.2001', name: 'Darmakradenan', centroidLat: -7.42125, centroidLng: 109.03291, areaKm2: 12.61, population: 9382, populationIsEstimate: false, zone: 'rural_south_west' },
  { code: '33.02.14.2002', name: 'Tipar Kidul', centroidLat: -7.4452, centroidLng: 109.05389, areaKm2: 10.64, population: 7900, populationIsEstimate: true, zone: 'rural_south_west' },
  { code: '33.02.14.2003', name: 'Sawangan', centroidLat: -7.43642, centroidLng: 109.09244, areaKm2: 8.04, population: 6800, populationIsEstimate: true, zone: 'rural_south_west' },
  { code: '33.02.14.2004', name: 'Jingkang', centroidLat: -7.44662, centroidLng: 109.11078, areaKm2: 7.35, population: 6100, populationIsEstimate: true, zone: 'rural_south_west' },
  { code: '33.02.14.2005', name: 'Banjarsari', centroidLat: -7.41418, centroidLng: 109.11262, areaKm2: 4.53, population: 6300, populationIsEstimate: true, zone: 'rural_other' },
  { code: '33.02.14.2006', name: 'Kalibenda', centroidLat: -7.41567, centroidLng: 109.10182, areaKm2: 1.41, population: 3600, populationIsEstimate: true, zone: 'rural_other' },
  { code: '33.02.14.2007', name: 'Pancurendang', centroidLat: -7.41333, centroidLng: 109.09288, areaKm2: 3.0, population: 5200, populationIsEstimate: true, zone: 'rural_other' },
  { code: '33.02.14.2008', name: 'Pancasan', centroidLat: -7.42749, centroidLng: 109.07836, areaKm2: 2.54, population: 7800, populationIsEstimate: true, zone: 'near_market' },
  { code: '33.02.14.2009', name: 'Karangbawang', centroidLat: -7.42945, centroidLng: 109.06311, areaKm2: 3.64, population: 5600, populationIsEstimate: true, zone: 'rural_south_west' },
  { code: '33.02.14.2010', name: 'Kracak', centroidLat: -7.41047, centroidLng: 109.05747, areaKm2: 5.39, population: 6900, populationIsEstimate: true, zone: 'rural_south_west' },
  { code: '33.02.14.2011', name: 'Ajibarang Kulon', centroidLat: -7.40914, centroidLng: 109.07143, areaKm2: 2.47, population: 12300, populationIsEstimate: true, zone: 'market' },
  { code: '33.02.14.2012', name: 'Ajibarang Wetan', centroidLat: -7.41106, centroidLng: 109.07971, areaKm2: 1.62, population: 10200, populationIsEstimate: true, zone: 'market' },
  { code: '33.02.14.2013', name: 'Lesmana', centroidLat: -7.40297, centroidLng: 109.09624, areaKm2: 2.25, population: 5400, populationIsEstimate: true, zone: 'rural_other' },
  { code: '33.02.14.2014', name: 'Pandansari', centroidLat: -7.39482, centroidLng: 109.08334, areaKm2: 2.14, population: 5000, populationIsEstimate: true, zone: 'rural_other' },
  { code: '33.02.14.2015', name: 'Ciberung', centroidLat: -7.39243, centroidLng: 109.06955, areaKm2: 2.5, population: 5500, populationIsEstimate: true, zone: 'rural_other' },
];

export interface OccupationRef {
  code: string;
  nameId: string;
  nameEn: string;
  isTransport: boolean;
}

export const OCCUPATIONS: readonly OccupationRef[] = [
  { code: 'tukang_parkir', nameId: 'Tukang parkir', nameEn: 'Parking attendant', isTransport: false },
  { code: 'pkl', nameId: 'Pedagang kaki lima (PKL)', nameEn: 'Street vendor', isTransport: false },
  { code: 'pedagang_pasar', nameId: 'Pedagang pasar', nameEn: 'Market trader', isTransport: false },
  { code: 'penderes', nameId: 'Penderes nira kelapa', nameEn: 'Coconut-sap tapper', isTransport: false },
  { code: 'petani', nameId: 'Petani', nameEn: 'Farmer', isTransport: false },
  { code: 'buruh_tani', nameId: 'Buruh tani', nameEn: 'Farm labourer', isTransport: false },
  { code: 'peternak', nameId: 'Peternak', nameEn: 'Livestock keeper', isTransport: false },
  { code: 'buruh_bangunan', nameId: 'Buruh bangunan', nameEn: 'Construction labourer', isTransport: false },
  { code: 'ojek', nameId: 'Pengemudi ojek (pangkalan/online)', nameEn: 'Motorcycle-taxi driver', isTransport: true },
  { code: 'sopir', nameId: 'Sopir angkutan', nameEn: 'Minibus / truck driver', isTransport: true },
];

/** Share of a village's informal workers by occupation, by kind of village (estimates). */
export const OCCUPATION_MIX: Record<VillageZone, Record<string, number>> = {
  market: { pkl: 0.2, tukang_parkir: 0.08, pedagang_pasar: 0.2, ojek: 0.12, sopir: 0.08, buruh_bangunan: 0.1, petani: 0.07, buruh_tani: 0.08, penderes: 0.04, peternak: 0.03 },
  near_market: { pkl: 0.14, tukang_parkir: 0.06, pedagang_pasar: 0.12, ojek: 0.1, sopir: 0.06, buruh_bangunan: 0.14, petani: 0.1, buruh_tani: 0.1, penderes: 0.1, peternak: 0.08 },
  rural_south_west: { pkl: 0.03, tukang_parkir: 0.01, pedagang_pasar: 0.04, ojek: 0.05, sopir: 0.03, buruh_bangunan: 0.08, petani: 0.2, buruh_tani: 0.22, penderes: 0.26, peternak: 0.08 },
  rural_other: { pkl: 0.07, tukang_parkir: 0.03, pedagang_pasar: 0.08, ojek: 0.1, sopir: 0.05, buruh_bangunan: 0.14, petani: 0.16, buruh_tani: 0.16, penderes: 0.14, peternak: 0.07 },
};

export const WORKFORCE_YEARS = [2023, 2024, 2025, 2026, 2027] as const;
/** Informal workers of the district in the anchor year (domain-facts §8: 17.000–18.000). */
export const DISTRICT_INFORMAL_WORKERS_2025 = 17_500;
export const WORKFORCE_GROWTH = 0.01;

/** Splits `total` into integers proportional to `weights` (largest remainder; sums exactly). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) out[order[k]!.i]! += 1;
  return out;
}

export interface WorkforceRow {
  regionCode: string;
  year: number;
  informalWorkers: number;
  source: string;
}
export interface WorkforceByOccupationRow {
  regionCode: string;
  year: number;
  occupationCode: string;
  informalWorkers: number;
  source: string;
}

const WORKFORCE_SOURCE =
  'Estimate: ≈17 % of population informal (Banyumas 320 rb of 1,87 jt, purwokerto.inews.id/amp/653740), ' +
  'district ≈17.500 in 2025 spread by village population, +1 %/yr (domain-facts §8)';
const WORKFORCE_BY_OCCUPATION_SOURCE =
  'Estimate: the village estimate split by a typical occupation mix of its kind of village (market, near the ' +
  'market, south-west farming, other), Payung';

/** Village workforce per year (district total 17.500 in 2025, +1 %/yr) and its split by occupation. */
export function workforceEstimatesFor(): { byVillage: WorkforceRow[]; byOccupation: WorkforceByOccupationRow[] } {
  const byVillage: WorkforceRow[] = [];
  const byOccupation: WorkforceByOccupationRow[] = [];
  for (const year of WORKFORCE_YEARS) {
    const total = Math.round(DISTRICT_INFORMAL_WORKERS_2025 * Math.pow(1 + WORKFORCE_GROWTH, year - 2025));
    const perVillage = apportion(
      total,
      VILLAGES.map((v) => v.population),
    );
    VILLAGES.forEach((village, i) => {
      const informalWorkers = perVillage[i]!;
      byVillage.push({ regionCode: village.code, year, informalWorkers, source: WORKFORCE_SOURCE });
      const mix = OCCUPATION_MIX[village.zone];
      const split = apportion(
        informalWorkers,
        OCCUPATIONS.map((o) => mix[o.code] ?? 0),
      );
      OCCUPATIONS.forEach((o, j) =>
        byOccupation.push({
          regionCode: village.code,
          year,
          occupationCode: o.code,
          informalWorkers: split[j]!,
          source: WORKFORCE_BY_OCCUPATION_SOURCE,
        }),
      );
    });
  }
  return { byVillage, byOccupation };
}

export type RateCategory = 'contribution' | 'discount' | 'benefit' | 'incentive';
export type RateUnit = 'rupiah' | 'percent' | 'times_income' | 'count';

export interface RateRow {
  category: RateCategory;
  key: string;
  value: number;
  unit: RateUnit;
  /** YYYY-MM-DD. For discounts, the first day of the first and last contribution months covered. */
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
}

const SRC_CONTRIBUTION =
  'PP 44/2015 Lampiran II (as amended); star.grid.id/amp/453597483; cnbcindonesia.com/market/20260204140501-17-708135';
const SRC_JKM_FLAT = 'star.grid.id/amp/453597483; newstechupdates.my.id (quotes PP 50/2025)';
const SRC_MAX = 'radarmukomuko.disway.id/read/666514; suratdokter.com (max JKK Rp 207.000 ⇒ band Rp 20.700.000, as reported)';
const SRC_DISCOUNT_T = 'PP 50/2025: cnbcindonesia.com/market/20260204140501-17-708135; ntvnews.id/ekonomi/0185051; sketsindonews.com/?p=73886';
const SRC_DISCOUNT_NT = 'PP 50/2025: babeindonesia.com/read/6571272 (single source, as reported)';
const SRC_JKM = 'PP 82/2019: economy.okezone.com/amp/2023/04/26/622/2803844; indonesiabaik.id infografis';
const SRC_JKK = 'PP 82/2019: star.gridtechno.com/read/453594342; finance.detik.com d-5759152; jpnn.com (15 Sep 2025)';
const SRC_STMB = 'suarakarya.id pr-2605782126; jabarekspres.com/berita/2023/05/30 (100 % of income for the first 12 months)';
const SRC_INCENTIVE =
  'Perdir 13/PERDIR.02/042022: online.flipbuilder.com/kduhm/fxda/files/basic-html/page67.html; id.scribd.com/document/676571774';
const SRC_WADAH = 'Perdir 13/PERDIR.02/042022; perisai.sdsi.co.id/persyaratan-perisai';

const BENEFITS_FROM = '2019-12-02';
const INCENTIVES_FROM = '2022-04-01';

export const REFERENCE_RATES: readonly RateRow[] = [
  { category: 'contribution', key: 'jkk_rate', value: 1, unit: 'percent', effectiveFrom: '2015-07-01', effectiveTo: null, source: SRC_CONTRIBUTION },
  { category: 'contribution', key: 'jkm_flat', value: 6800, unit: 'rupiah', effectiveFrom: '2015-07-01', effectiveTo: null, source: SRC_JKM_FLAT },
  { category: 'contribution', key: 'min_declared_income', value: 1_000_000, unit: 'rupiah', effectiveFrom: '2015-07-01', effectiveTo: null, source: SRC_CONTRIBUTION },
  { category: 'contribution', key: 'max_declared_income', value: 20_700_000, unit: 'rupiah', effectiveFrom: '2015-07-01', effectiveTo: null, source: SRC_MAX },
  { category: 'discount', key: 'discount_transport', value: 50, unit: 'percent', effectiveFrom: '2026-01-01', effectiveTo: '2027-03-01', source: SRC_DISCOUNT_T },
  { category: 'discount', key: 'discount_non_transport', value: 50, unit: 'percent', effectiveFrom: '2026-04-01', effectiveTo: '2026-12-01', source: SRC_DISCOUNT_NT },
  { category: 'benefit', key: 'jkm_lump_sum', value: 20_000_000, unit: 'rupiah', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_JKM },
  { category: 'benefit', key: 'jkm_periodic', value: 12_000_000, unit: 'rupiah', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_JKM },
  { category: 'benefit', key: 'funeral', value: 10_000_000, unit: 'rupiah', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_JKM },
  { category: 'benefit', key: 'jkk_death_multiplier', value: 48, unit: 'times_income', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_JKK },
  { category: 'benefit', key: 'jkk_death_minimum', value: 20_000_000, unit: 'rupiah', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_JKK },
  { category: 'benefit', key: 'jkk_disability_multiplier', value: 56, unit: 'times_income', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_JKK },
  { category: 'benefit', key: 'jkk_partial_disability_multiplier', value: 80, unit: 'times_income', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_JKK },
  { category: 'benefit', key: 'jkk_periodic', value: 12_000_000, unit: 'rupiah', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_JKK },
  { category: 'benefit', key: 'scholarship_max', value: 174_000_000, unit: 'rupiah', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_JKM },
  { category: 'benefit', key: 'jkm_scholarship_min_years', value: 3, unit: 'count', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_JKM },
  { category: 'benefit', key: 'stmb_percent', value: 100, unit: 'percent', effectiveFrom: BENEFITS_FROM, effectiveTo: null, source: SRC_STMB },
  { category: 'incentive', key: 'acquisition_jkk_jkm', value: 10_000, unit: 'rupiah', effectiveFrom: INCENTIVES_FROM, effectiveTo: null, source: SRC_INCENTIVE },
  { category: 'incentive', key: 'acquisition_three_programs', value: 15_000, unit: 'rupiah', effectiveFrom: INCENTIVES_FROM, effectiveTo: null, source: SRC_INCENTIVE },
  { category: 'incentive', key: 'acquisition_min_new_niks', value: 25, unit: 'count', effectiveFrom: INCENTIVES_FROM, effectiveTo: null, source: SRC_INCENTIVE },
  { category: 'incentive', key: 'collection_fee_months_1_24', value: 15, unit: 'percent', effectiveFrom: INCENTIVES_FROM, effectiveTo: null, source: SRC_INCENTIVE },
  { category: 'incentive', key: 'collection_fee_months_25_60', value: 5, unit: 'percent', effectiveFrom: INCENTIVES_FROM, effectiveTo: null, source: SRC_INCENTIVE },
  { category: 'incentive', key: 'wadah_share', value: 10, unit: 'percent', effectiveFrom: INCENTIVES_FROM, effectiveTo: null, source: SRC_WADAH },
];
