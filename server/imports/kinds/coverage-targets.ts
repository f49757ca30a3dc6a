import 'server-only';
import { undoKeyed } from '@/server/imports/kinds/keyed';
import { keyValues, removeKeyed, restoreKeyed, writeKeyed, type KeyedTable } from '@/server/imports/kinds/keyed-table';
import { parseDecimal } from '@/server/imports/kinds/regions';
import { defineKind } from '@/server/imports/kinds/types';
import { checkRegion, checkYear, loadRegions, type RegionRefs } from '@/server/imports/kinds/workforce';

const TABLE: KeyedTable = { table: 'coverage_targets', key: { region_code: 'text', year: 'int' }, values: { target_rate: 'numeric' } };

export const coverageTargetsKind = defineKind<RegionRefs>({
  kind: 'coverage_targets',
  columnOf: { regionCode: 'kode_wilayah', year: 'tahun', targetRate: 'target_cakupan' },
  loadReferences: (db, caller) => loadRegions(db, caller),

  validate(row, refs) {
    const { raw, value } = row;
    value.regionCode = checkRegion(row, refs);
    value.year = checkYear(row);
    if (row.required('target_cakupan')) {
      const rate = parseDecimal(raw.target_cakupan!.replace(/\s*%$/, ''));
      if (rate === null || rate < 0 || rate > 100) row.fail('target_cakupan', 'bad_percentage', { value: raw.target_cakupan!.slice(0, 20) });
      else value.targetRate = Math.round(rate * 100) / 100;
    }
    if (value.regionCode && value.year) row.duplicate(`${value.regionCode}|${value.year}`, 'tahun');
  },

  writeChunk: (ctx, rows) =>
    writeKeyed(
      ctx,
      'coverage_targets',
      TABLE,
      rows.map((r) => ({ line: r.line, raw: r.raw, key: { region_code: r.value.regionCode as string, year: Number(r.value.year) }, values: { target_rate: r.value.targetRate } })),
    ),

  undo: (ctx) =>
    undoKeyed(ctx, 'coverage_targets', {
      restore: (changed) => restoreKeyed(ctx.tx, TABLE, changed.map((c) => c.before)),
      remove: (created) => removeKeyed(ctx.db, TABLE, created.map((k) => keyValues(TABLE, k)!)),
    }),
});
