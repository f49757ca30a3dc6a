import 'server-only';
import { regions } from '@/db/schema';
import type { Database } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { closest, parseAmount, parseInteger, type Candidate } from '@/server/imports/fields';
import { undoKeyed } from '@/server/imports/kinds/keyed';
import { keyValues, removeKeyed, restoreKeyed, writeKeyed, type KeyedTable, type KeyedWrite } from '@/server/imports/kinds/keyed-table';
import { checkOccupation, loadOccupations, type Occupations } from '@/server/imports/kinds/references';
import { defineKind, inScope, normaliseRegionCode, type RowCheck } from '@/server/imports/kinds/types';

const TOTALS: KeyedTable = { table: 'workforce_estimates', key: { region_code: 'text', year: 'int' }, values: { informal_workers: 'int', source: 'text' } };
const BY_OCCUPATION: KeyedTable = {
  table: 'workforce_estimates_by_occupation',
  key: { region_code: 'text', year: 'int', occupation_code: 'text' },
  values: { informal_workers: 'int', source: 'text' },
};

export interface RegionRefs {
  regions: Map<string, string>;
  regionCandidates: Candidate[];
}

/** Every region (any level) in the caller's scope. */
export async function loadRegions(db: Database, caller: Caller): Promise<RegionRefs> {
  const rows = (await db.select({ code: regions.code, name: regions.name }).from(regions)).filter((r) => inScope(caller, r.code));
  return { regions: new Map(rows.map((r) => [r.code, r.name])), regionCandidates: rows.map((r) => ({ value: r.code, label: r.name })) };
}

/** `kode_wilayah`: a region of any level in the caller's scope. */
export function checkRegion(row: RowCheck, refs: RegionRefs, column = 'kode_wilayah'): string | null {
  if (!row.required(column)) return null;
  const raw = row.raw[column]!;
  const code = normaliseRegionCode(raw);
  if (code && refs.regions.has(code)) return code;
  const near = closest(raw, refs.regionCandidates);
  row.fail(column, 'unknown_region', { value: raw.slice(0, 30), suggestion: near ? `${near.value} (${near.label})` : '-' });
  return null;
}

export function checkYear(row: RowCheck, column = 'tahun'): number | null {
  if (!row.required(column)) return null;
  const year = parseInteger(row.raw[column]!);
  if (year === null || year < 2000 || year > 2100) {
    row.fail(column, 'bad_year', { value: row.raw[column]!.slice(0, 10) });
    return null;
  }
  return year;
}

export const workforceKind = defineKind<RegionRefs & Occupations>({
  kind: 'workforce',
  columnOf: { regionCode: 'kode_wilayah', year: 'tahun', informalWorkers: 'pekerja_informal', occupationCode: 'pekerjaan', source: 'sumber' },
  async loadReferences(db, caller) {
    const [regionRefs, occupations] = await Promise.all([loadRegions(db, caller), loadOccupations(db)]);
    return { ...regionRefs, ...occupations };
  },

  validate(row, refs) {
    const { raw, value } = row;
    value.regionCode = checkRegion(row, refs);
    value.year = checkYear(row);
    value.occupationCode = checkOccupation(row, refs) ?? null;
    if (row.required('pekerja_informal')) {
      const workers = parseAmount(raw.pekerja_informal!);
      if (workers === null || workers < 0) row.fail('pekerja_informal', 'bad_count', { value: raw.pekerja_informal!.slice(0, 20) });
      else value.informalWorkers = workers;
    }
    if (row.present.has('sumber') && raw.sumber) {
      if (raw.sumber.length > 300) row.fail('sumber', 'too_long', { max: 300 });
      value.source = raw.sumber;
    }
    if (value.regionCode && value.year) row.duplicate(`${value.regionCode}|${value.year}|${value.occupationCode ?? ''}`, 'tahun');
  },

  async writeChunk(ctx, rows) {
    const totals: KeyedWrite[] = [];
    const shares: KeyedWrite[] = [];
    for (const r of rows) {
      const values = { informal_workers: r.value.informalWorkers, source: r.value.source };
      if (r.value.occupationCode) shares.push({ line: r.line, raw: r.raw, key: { region_code: r.value.regionCode as string, year: Number(r.value.year), occupation_code: r.value.occupationCode as string }, values });
      else totals.push({ line: r.line, raw: r.raw, key: { region_code: r.value.regionCode as string, year: Number(r.value.year) }, values });
    }
    const a = await writeKeyed(ctx, 'workforce', TOTALS, totals);
    const b = await writeKeyed(ctx, 'workforce', BY_OCCUPATION, shares);
    return { added: a.added + b.added, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged };
  },

  undo: (ctx) =>
    undoKeyed(ctx, 'workforce', {
      restore: async (changed) => {
        for (const t of [TOTALS, BY_OCCUPATION]) await restoreKeyed(ctx.tx, t, changed.filter((c) => keyValues(t, c.key)).map((c) => c.before));
      },
      remove: async (created) => {
        let n = 0;
        for (const t of [TOTALS, BY_OCCUPATION]) n += await removeKeyed(ctx.db, t, created.map((k) => keyValues(t, k)).filter((k) => k !== null));
        return n;
      },
    }),
});
