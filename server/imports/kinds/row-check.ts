import 'server-only';
import type { Caller } from '@/server/auth/caller';
import { parseDate } from '@/server/imports/fields';
import type { IssueCode, IssueFn, RowCheck, Values } from '@/server/imports/kinds/types';

/** The checks every kind's rows share: required cells, dates, a key seen earlier in the file. */
export function rowCheck(caller: Caller, line: number, raw: Record<string, string>, present: Map<string, number>, today: string, seen: Map<string, number>, issue: IssueFn): RowCheck {
  let ok = true;
  const fail = (column: string, code: IssueCode, values: Values = {}) => {
    ok = false;
    issue('errors', line, column, code, values, raw);
  };
  return {
    caller,
    line,
    raw,
    present,
    today,
    value: {},
    ok: () => ok,
    fail,
    warn: (column, code, values = {}) => issue('warnings', line, column, code, values),
    required(column) {
      if (raw[column]) return true;
      fail(column, 'required');
      return false;
    },
    date(column, mandatory) {
      if (!raw[column]) {
        if (mandatory) fail(column, 'required');
        return null;
      }
      const parsed = parseDate(raw[column]);
      if (!parsed) fail(column, 'bad_date', { value: raw[column].slice(0, 20) });
      else if (parsed > today) fail(column, 'future_date', { value: parsed });
      return parsed;
    },
    duplicate(key, column) {
      const first = seen.get(key);
      if (first !== undefined) {
        fail(column, 'duplicate_row', { first });
        return true;
      }
      seen.set(key, line);
      return false;
    },
  };
}

/** A preview row: normalised values under the file's column names, the NIK masked as everywhere else. */
export function previewValues(values: Record<string, string | number | null | undefined>, columnOf: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const text = value === null ? '' : String(value);
    out[columnOf[key] ?? key] = key === 'nik' && text.length === 16 ? `${text.slice(0, 4)}••••••••${text.slice(12)}` : text;
  }
  return out;
}
