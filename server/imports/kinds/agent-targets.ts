import 'server-only';
import { parseInteger, parseMonth } from '@/server/imports/fields';
import { undoKeyed } from '@/server/imports/kinds/keyed';
import { keyValues, removeKeyed, restoreKeyed, writeKeyed, type KeyedTable } from '@/server/imports/kinds/keyed-table';
import { loadAgents, type Agents } from '@/server/imports/kinds/references';
import { closest } from '@/server/imports/fields';
import { defineKind, inScope } from '@/server/imports/kinds/types';

const TABLE: KeyedTable = { table: 'agent_targets', key: { agent_code: 'text', month: 'date' }, values: { recruits_target: 'int' } };

export const agentTargetsKind = defineKind<Agents>({
  kind: 'agent_targets',
  columnOf: { agentCode: 'kode_agen', month: 'bulan', recruitsTarget: 'target_rekrutan' },
  loadReferences: (db, caller) => loadAgents(db, caller),

  validate(row, refs) {
    const { raw, value } = row;
    if (row.required('kode_agen')) {
      const code = raw.kode_agen!;
      const found = refs.agents.has(code) ? code : refs.agents.has(code.toUpperCase()) ? code.toUpperCase() : null;
      // An agent outside the caller's region is as unknown as one that does not exist.
      if (found && inScope(row.caller, refs.agents.get(found)!.villageCode)) value.agentCode = found;
      else {
        const near = closest(code, refs.agentCandidates);
        row.fail('kode_agen', near ? 'unknown_agent_suggest' : 'unknown_agent', { value: code.slice(0, 30), suggestion: near ? `${near.value} (${near.label})` : '' });
      }
    }
    if (row.required('bulan')) {
      const month = parseMonth(raw.bulan!);
      if (!month) row.fail('bulan', 'bad_month', { value: raw.bulan!.slice(0, 20) });
      else value.month = month;
    }
    if (row.required('target_rekrutan')) {
      const target = parseInteger(raw.target_rekrutan!);
      if (target === null || target < 0) row.fail('target_rekrutan', 'bad_count', { value: raw.target_rekrutan!.slice(0, 20) });
      else value.recruitsTarget = target;
    }
    if (value.agentCode && value.month) row.duplicate(`${value.agentCode}|${value.month}`, 'bulan');
  },

  writeChunk: (ctx, rows) =>
    writeKeyed(
      ctx,
      'agent_targets',
      TABLE,
      rows.map((r) => ({ line: r.line, raw: r.raw, key: { agent_code: r.value.agentCode as string, month: `${r.value.month as string}-01` }, values: { recruits_target: r.value.recruitsTarget } })),
    ),

  undo: (ctx) =>
    undoKeyed(ctx, 'agent_targets', {
      restore: (changed) => restoreKeyed(ctx.tx, TABLE, changed.map((c) => c.before)),
      remove: (created) => removeKeyed(ctx.db, TABLE, created.map((k) => keyValues(TABLE, k)!)),
    }),
});
