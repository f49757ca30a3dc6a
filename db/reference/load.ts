// Loads the reference data shipped with Payung (db/reference/README.md) into a database, at every start,
// demo or not. Each dataset's version is a hash of its rows, so a start with the same data does nothing.
//
// What wins when a new version meets a database that already holds a row of the same natural key:
// - a row the app has not changed since the last load (its values still hash to what that load wrote,
//   kept in `reference_rows`) takes the new shipped values;
// - a row changed in the app since (an admin's import or form) keeps the admin's values, and a row the
//   app deleted stays deleted;
// - on the first versioned load into a database that already holds the row (a database from before this
//   loader, when nothing in the app could edit these tables) the shipped values win.
// Rows a new version no longer ships are left in place: members, agents and claims may refer to them.
// Columns a dataset does not ship (a region's boundary, its population outside Ajibarang) are never
// touched.
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../index';
import { readRegionList } from './regions';
import { DISTRICT, OCCUPATIONS, REFERENCE_RATES, VILLAGES, workforceEstimatesFor } from './shipped';

type Scalar = string | number | boolean | null;
type ColumnType = 'text' | 'int' | 'float' | 'bool' | 'date';

export interface ReferenceDataset {
  name: string;
  table: string;
  /** The natural key's columns. */
  key: readonly string[];
  /** Every column the dataset sets, the key's included, with its type. */
  columns: Readonly<Record<string, ColumnType>>;
  rows: readonly Record<string, Scalar>[];
}

export interface DatasetLoad {
  dataset: string;
  version: string;
  rows: number;
  status: 'unchanged' | 'loaded';
  inserted: number;
  updated: number;
  /** Rows changed (or deleted) in the app that the shipped values did not overwrite. */
  kept: number;
}

/** The datasets shipped with this version of Payung, in the order their foreign keys need. */
export function shippedReferenceData(): ReferenceDataset[] {
  const details = new Map<string, Record<string, Scalar>>(
    VILLAGES.map((v) => [
      v.code,
      { population: v.population, area_km2: v.areaKm2, centroid_lat: v.centroidLat, centroid_lng: v.centroidLng },
    ]),
  );
  details.set(DISTRICT.code, {
    population: VILLAGES.reduce((sum, v) => sum + v.population, 0),
    area_km2: DISTRICT.areaKm2,
    centroid_lat: DISTRICT.centroidLat,
    centroid_lng: DISTRICT.centroidLng,
  });
  const { byVillage, byOccupation } = workforceEstimatesFor();
  return [
    {
      name: 'regions',
      table: 'regions',
      key: ['code'],
      columns: {
        code: 'text',
        name: 'text',
        level: 'text',
        parent_code: 'text',
        population: 'int',
        area_km2: 'float',
        centroid_lat: 'float',
        centroid_lng: 'float',
      },
      rows: readRegionList().map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        parent_code: r.parentCode,
        population: null,
        area_km2: null,
        centroid_lat: null,
        centroid_lng: null,
        ...details.get(r.code),
      })),
    },
    {
      name: 'occupations',
      table: 'occupations',
      key: ['code'],
      columns: { code: 'text', name_id: 'text', name_en: 'text', is_transport: 'bool' },
      rows: OCCUPATIONS.map((o) => ({ code: o.code, name_id: o.nameId, name_en: o.nameEn, is_transport: o.isTransport })),
    },
    {
      name: 'reference_rates',
      table: 'reference_rates',
      key: ['key', 'effective_from'],
      columns: {
        key: 'text',
        effective_from: 'date',
        category: 'text',
        value: 'float',
        unit: 'text',
        effective_to: 'date',
        source: 'text',
      },
      rows: REFERENCE_RATES.map((r) => ({
        key: r.key,
        effective_from: r.effectiveFrom,
        category: r.category,
        value: r.value,
        unit: r.unit,
        effective_to: r.effectiveTo,
        source: r.source,
      })),
    },
    {
      name: 'workforce',
      table: 'workforce_estimates',
      key: ['region_code', 'year'],
      columns: { region_code: 'text', year: 'int', informal_workers: 'int', source: 'text' },
      rows: byVillage.map((w) => ({ region_code: w.regionCode, year: w.year, informal_workers: w.informalWorkers, source: w.source })),
    },
    {
      name: 'workforce_by_occupation',
      table: 'workforce_estimates_by_occupation',
      key: ['region_code', 'year', 'occupation_code'],
      columns: { region_code: 'text', year: 'int', occupation_code: 'text', informal_workers: 'int', source: 'text' },
      rows: byOccupation.map((w) => ({
        region_code: w.regionCode,
        year: w.year,
        occupation_code: w.occupationCode,
        informal_workers: w.informalWorkers,
        source: w.source,
      })),
    },
  ];
}

const digest = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export function datasetVersion(dataset: ReferenceDataset): string {
  return digest(JSON.stringify([dataset.table, dataset.key, dataset.columns, dataset.rows])).slice(0, 24);
}

/** A value as both drivers and the shipped rows agree on it (numeric columns come back as text from one). */
function canonical(type: ColumnType, value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'int':
    case 'float':
      return Number(value);
    case 'bool':
      return value === true || value === 't' || value === 'true';
    default:
      return String(value);
  }
}

/**
 * Loads every shipped dataset whose version the database does not hold yet, in one transaction (a
 * failure leaves the database as it was). `datasets` is for tests.
 */
export async function loadReferenceData(
  db: Database,
  datasets: readonly ReferenceDataset[] = shippedReferenceData(),
): Promise<DatasetLoad[]> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const loads: DatasetLoad[] = [];
    for (const dataset of datasets) loads.push(await loadDataset(tx, dataset));
    return loads;
  });
}

async function loadDataset(tx: Database, dataset: ReferenceDataset): Promise<DatasetLoad> {
  const version = datasetVersion(dataset);
  const report: DatasetLoad = { dataset: dataset.name, version, rows: dataset.rows.length, status: 'unchanged', inserted: 0, updated: 0, kept: 0 };
  const [stored] = await queryRows<{ version: string }>(tx, sql`select version from reference_datasets where name = ${dataset.name}`);
  if (stored?.version === version) return report;
  report.status = 'loaded';

  const columns = Object.keys(dataset.columns);
  const table = sql.identifier(dataset.table);
  const keyOf = (row: Record<string, unknown>) => dataset.key.map((column) => String(canonical(dataset.columns[column]!, row[column]))).join('|');
  const hashOf = (row: Record<string, unknown>) =>
    digest(JSON.stringify(columns.map((column) => canonical(dataset.columns[column]!, row[column])))).slice(0, 24);
  const readColumn = (column: string): SQL => {
    const id = sql.identifier(column);
    switch (dataset.columns[column]) {
      case 'float':
        return sql`${id}::float8 as ${id}`;
      case 'date':
        return sql`to_char(${id}, 'YYYY-MM-DD') as ${id}`;
      default:
        return sql`${id}`;
    }
  };

  const current = new Map<string, string>();
  const existing = await queryRows<Record<string, unknown>>(tx, sql`select ${sql.join(columns.map(readColumn), sql`, `)} from ${table}`);
  for (const row of existing) current.set(keyOf(row), hashOf(row));
  const baseline = new Map<string, string>();
  const lastLoad = await queryRows<{ key: string; hash: string }>(tx, sql`select key, hash from reference_rows where dataset = ${dataset.name}`);
  for (const row of lastLoad) baseline.set(row.key, row.hash);

  const inserts: Record<string, Scalar>[] = [];
  const updates: Record<string, Scalar>[] = [];
  const newBaseline: { key: string; hash: string }[] = [];
  for (const row of dataset.rows) {
    const key = keyOf(row);
    const shipped = hashOf(row);
    const now = current.get(key);
    const before = baseline.get(key);
    if (now === undefined) {
      // Deleted in the app since the last load.
      if (before !== undefined) {
        report.kept++;
        continue;
      }
      inserts.push(row);
    } else if (now !== shipped) {
      // Changed in the app since the last load.
      if (before !== undefined && before !== now) {
        report.kept++;
        continue;
      }
      updates.push(row);
    }
    if (before !== shipped) newBaseline.push({ key, hash: shipped });
  }

  const CAST: Record<ColumnType, SQL> = { text: sql`text`, int: sql`int`, float: sql`float8`, bool: sql`boolean`, date: sql`date` };
  const value = (row: Record<string, Scalar>, column: string) => sql`${row[column] ?? null}::${CAST[dataset.columns[column]!]}`;
  for (let i = 0; i < inserts.length; i += 500) {
    const chunk = inserts.slice(i, i + 500);
    await tx.execute(sql`insert into ${table} (${sql.join(columns.map((c) => sql.identifier(c)), sql`, `)})
      values ${sql.join(
        chunk.map((row) => sql`(${sql.join(columns.map((c) => value(row, c)), sql`, `)})`),
        sql`, `,
      )}`);
  }
  const settable = columns.filter((column) => !dataset.key.includes(column));
  // One statement per chunk: a new version may update thousands of regions.
  for (let i = 0; i < updates.length; i += 500) {
    const chunk = updates.slice(i, i + 500);
    await tx.execute(sql`update ${table} as t
      set ${sql.join(settable.map((c) => sql`${sql.identifier(c)} = v.${sql.identifier(c)}`), sql`, `)}
      from (values ${sql.join(
        chunk.map((row) => sql`(${sql.join(columns.map((c) => value(row, c)), sql`, `)})`),
        sql`, `,
      )}) as v (${sql.join(columns.map((c) => sql.identifier(c)), sql`, `)})
      where ${sql.join(dataset.key.map((c) => sql`t.${sql.identifier(c)} = v.${sql.identifier(c)}`), sql` and `)}`);
  }
  for (let i = 0; i < newBaseline.length; i += 1000) {
    const chunk = newBaseline.slice(i, i + 1000);
    await tx.execute(sql`insert into reference_rows (dataset, key, hash)
      values ${sql.join(chunk.map((r) => sql`(${dataset.name}, ${r.key}, ${r.hash})`), sql`, `)}
      on conflict (dataset, key) do update set hash = excluded.hash`);
  }
  await tx.execute(sql`insert into reference_datasets (name, version, rows, loaded_at)
    values (${dataset.name}, ${version}, ${dataset.rows.length}, now())
    on conflict (name) do update set version = excluded.version, rows = excluded.rows, loaded_at = excluded.loaded_at`);
  report.inserted = inserts.length;
  report.updated = updates.length;
  return report;
}
