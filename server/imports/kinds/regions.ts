import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/db';
import { regions } from '@/db/schema';
import type { RegionLevel } from '@/domain/enums';
import { FORMULA_START, parseAmount } from '@/server/imports/fields';
import { undoKeyed } from '@/server/imports/kinds/keyed';
import { keyValues, removeKeyed, restoreKeyed, writeKeyed, type KeyedTable, type KeyedWrite } from '@/server/imports/kinds/keyed-table';
import { defineKind, inScope, normaliseRegionCode, textArray, type RowCheck } from '@/server/imports/kinds/types';

const TABLE: KeyedTable = {
  table: 'regions',
  key: { code: 'text' },
  values: { name: 'text', level: 'text', parent_code: 'text', area_km2: 'numeric', population: 'int', centroid_lat: 'float', centroid_lng: 'float' },
};

/** `tingkat` in English or Indonesian. */
const LEVELS: Record<string, RegionLevel> = {
  province: 'province',
  provinsi: 'province',
  regency: 'regency',
  kabupaten: 'regency',
  kota: 'regency',
  city: 'regency',
  district: 'district',
  kecamatan: 'district',
  village: 'village',
  desa: 'village',
  kelurahan: 'village',
};

/** The level a code's shape gives: 33, 33.02, 33.02.14, 33.02.14.2001. */
const LEVEL_OF_PARTS: Record<number, RegionLevel> = { 1: 'province', 2: 'regency', 3: 'district', 4: 'village' };

interface Refs {
  /** Codes in the database, and those of valid rows earlier in the file (a parent may come first). */
  codes: Set<string>;
}

/** A decimal number, `12.5` or `12,5`; null when it is not one. */
export function parseDecimal(raw: string): number | null {
  const text = raw.trim().replace(',', '.');
  return /^-?\d{1,9}(\.\d+)?$/.test(text) ? Number(text) : null;
}

function optionalNumber(row: RowCheck, column: string, check: (n: number) => boolean, code: 'bad_number' | 'bad_coordinate'): number | undefined {
  const text = row.raw[column];
  if (!row.present.has(column) || !text) return undefined;
  const value = parseDecimal(text);
  if (value === null || !check(value)) {
    row.fail(column, code, { value: text.slice(0, 20) });
    return undefined;
  }
  return value;
}

export const regionsKind = defineKind<Refs>({
  kind: 'regions',
  columnOf: { code: 'kode', name: 'nama', level: 'tingkat', parentCode: 'kode_induk', areaKm2: 'luas_km2', population: 'penduduk', lat: 'lat', lng: 'lng' },
  async loadReferences(db) {
    const rows = await db.select({ code: regions.code }).from(regions);
    return { codes: new Set(rows.map((r) => r.code)) };
  },

  validate(row, refs) {
    const { raw, value } = row;
    let level: RegionLevel | null = null;
    if (row.required('kode')) {
      const code = normaliseRegionCode(raw.kode!);
      if (!code) row.fail('kode', 'bad_region_code', { value: raw.kode!.slice(0, 20) });
      else if (!inScope(row.caller, code)) row.fail('kode', 'region_not_in_scope', { value: code });
      else if (!row.duplicate(code, 'kode')) value.code = code;
    }
    if (row.required('nama')) {
      if (FORMULA_START.test(raw.nama!)) row.fail('nama', 'formula');
      else if (raw.nama!.length > 120) row.fail('nama', 'too_long', { max: 120 });
      else value.name = raw.nama!.replace(/\s+/g, ' ');
    }
    if (row.required('tingkat')) {
      level = LEVELS[raw.tingkat!.trim().toLowerCase()] ?? null;
      if (!level) row.fail('tingkat', 'bad_level', { value: raw.tingkat!.slice(0, 20) });
      else value.level = level;
    }
    const code = value.code as string | undefined;
    if (code && level && LEVEL_OF_PARTS[code.split('.').length] !== level) row.fail('tingkat', 'level_code_mismatch', { code, value: raw.tingkat! });
    if (code) {
      const expected = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;
      const given = raw.kode_induk ? normaliseRegionCode(raw.kode_induk) : null;
      if (!expected) {
        if (raw.kode_induk) row.fail('kode_induk', 'parent_mismatch', { expected: '-' });
        value.parentCode = null;
      } else if (!raw.kode_induk) row.fail('kode_induk', 'required');
      else if (given !== expected) row.fail('kode_induk', 'parent_mismatch', { expected });
      else if (!refs.codes.has(expected)) row.fail('kode_induk', 'unknown_parent', { value: expected });
      else value.parentCode = expected;
    }
    value.areaKm2 = optionalNumber(row, 'luas_km2', (n) => n >= 0 && n < 1e8, 'bad_number');
    if (row.present.has('penduduk') && raw.penduduk) {
      const population = parseAmount(raw.penduduk);
      if (population === null || population < 0) row.fail('penduduk', 'bad_number', { value: raw.penduduk.slice(0, 20) });
      else value.population = population;
    }
    value.lat = optionalNumber(row, 'lat', (n) => n >= -90 && n <= 90, 'bad_coordinate');
    value.lng = optionalNumber(row, 'lng', (n) => n >= -180 && n <= 180, 'bad_coordinate');
    // A valid row may be the parent of rows further down the file.
    if (row.ok() && code) refs.codes.add(code);
  },

  async writeChunk(ctx, rows) {
    const writes: KeyedWrite[] = rows.map((r) => ({
      line: r.line,
      raw: r.raw,
      key: { code: r.value.code as string },
      values: {
        name: r.value.name,
        level: r.value.level,
        parent_code: r.value.parentCode,
        area_km2: r.value.areaKm2,
        population: r.value.population,
        centroid_lat: r.value.lat,
        centroid_lng: r.value.lng,
      },
    }));
    return writeKeyed(ctx, 'regions', TABLE, writes);
  },

  undo: (ctx) =>
    undoKeyed(ctx, 'regions', {
      // A region created by this import that a later one (or a form) gave children to.
      dependents: async (created) => {
        const codes = created.map((k) => keyValues(TABLE, k)!.code as string);
        const [row] = await queryRows<{ n: number }>(
          ctx.db,
          sql`select count(*)::int as n from regions
              where parent_code in (select jsonb_array_elements_text(${textArray(codes)}))
                and code not in (select jsonb_array_elements_text(${textArray(codes)}))`,
        );
        return Number(row?.n ?? 0);
      },
      restore: (changed) => restoreKeyed(ctx.tx, TABLE, changed.map((c) => c.before)),
      remove: (created) => removeKeyed(ctx.db, TABLE, created.map((k) => keyValues(TABLE, k)!)),
    }),
});
