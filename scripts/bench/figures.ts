// Flattens an API answer and the raw-SQL rows of the same figure set into `key → number` maps, and
// compares them: the API (and the rollups behind it) must give the raw tables' figures.

export type FlatFigures = Map<string, number | null>;

type Json = Record<string, unknown>;

const num = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

function put(out: FlatFigures, prefix: string, row: Json, fields: readonly string[]): void {
  for (const field of fields) out.set(prefix ? `${prefix}.${field}` : field, num(row[field]));
}

const SUMMARY_FIELDS = [
  'activeMembers',
  'informalWorkforce',
  'coverageRate',
  'newEnrolments',
  'lapsedMembers',
  'lapseRate',
  'contributionsCollected',
  'claimsPaidCount',
  'claimsPaidAmount',
] as const;
const CHILD_FIELDS = ['activeMembers', 'informalWorkforce', 'coverageRate', 'lapsedMembers'] as const;
const AGENT_FIELDS = ['recruits', 'activeMembers', 'retention6m', 'contributionsCollected', 'claimsAssisted', 'target'] as const;

function claimsFigures(body: Json): FlatFigures {
  const out: FlatFigures = new Map();
  for (const p of (body.byProgram as Json[] | null) ?? []) {
    out.set(`byProgram.${String(p.program)}.count`, num(p.count));
    out.set(`byProgram.${String(p.program)}.amount`, num(p.amount));
  }
  for (const s of (body.byStatus as Json[] | null) ?? []) {
    // The API lists every status, with 0 for those without claims; the raw SQL only those present.
    if (num(s.count) !== 0) out.set(`byStatus.${String(s.status)}`, num(s.count));
  }
  put(out, '', body, ['turnaroundMedianDays', 'turnaroundP90Days', 'approvalRate']);
  for (const key of [...out.keys()]) if (key.startsWith('byProgram.') && out.get(key) === 0) out.delete(key);
  return out;
}

/** The API answer's figures, for the figure set `name`. */
export function apiFigures(name: string, body: Json): FlatFigures {
  const out: FlatFigures = new Map();
  switch (name) {
    case 'summary':
      put(out, '', body, SUMMARY_FIELDS);
      break;
    case 'coverage by village':
      for (const row of body.rows as Json[]) put(out, String(row.key), row, CHILD_FIELDS);
      break;
    case 'trend, 12 months':
      for (const point of body.points as Json[]) out.set(String(point.period), num(point.value));
      break;
    case 'map values':
      for (const feature of body.features as Array<{ properties: Json }>) out.set(String(feature.properties.code), num(feature.properties.value));
      break;
    case 'agents table':
      for (const row of body.rows as Json[]) put(out, String(row.code), row, AGENT_FIELDS);
      break;
    case 'claims summary':
      return claimsFigures(body);
    default:
      throw new Error(`apiFigures: unknown figure set ${name}`);
  }
  return out;
}

/** The raw-SQL rows' figures, for the figure set `name`. */
export function rawFigures(name: string, rows: readonly Json[]): FlatFigures {
  const out: FlatFigures = new Map();
  switch (name) {
    case 'summary': {
      const row = rows[0] ?? {};
      const active = num(row.activeMembers);
      const workforce = num(row.informalWorkforce);
      put(out, '', row, SUMMARY_FIELDS);
      out.set('coverageRate', active !== null && workforce ? (active / workforce) * 100 : null);
      break;
    }
    case 'coverage by village':
      for (const row of rows) put(out, String(row.key), row, CHILD_FIELDS);
      break;
    case 'trend, 12 months':
      for (const row of rows) out.set(String(row.period), num(row.value));
      break;
    case 'map values':
      for (const row of rows) out.set(String(row.code), num(row.value));
      break;
    case 'agents table':
      for (const row of rows) put(out, String(row.code), row, AGENT_FIELDS);
      break;
    case 'claims summary': {
      const row = rows[0] ?? {};
      return claimsFigures(row);
    }
    default:
      throw new Error(`rawFigures: unknown figure set ${name}`);
  }
  return out;
}

/** Equal integers, or rates equal to 1e-6 (relative): the API may round a rate, never a count. */
export function sameFigure(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)) || Math.abs(a - b) < 0.005;
}

export interface Comparison {
  compared: number;
  mismatches: string[];
}

/**
 * Compares the keys both sides have, and names keys only one side has. `agents table`: an agent may
 * appear on one side only (the API also lists outside agents serving members in the region).
 */
export function compareFigures(api: FlatFigures, raw: FlatFigures, options: { onlyCommonKeys?: boolean } = {}): Comparison {
  const mismatches: string[] = [];
  let compared = 0;
  for (const [key, rawValue] of raw) {
    if (!api.has(key)) {
      if (!options.onlyCommonKeys && rawValue !== null && rawValue !== 0) mismatches.push(`${key}: API has none, raw SQL ${rawValue}`);
      continue;
    }
    compared++;
    const apiValue = api.get(key) ?? null;
    if (!sameFigure(apiValue, rawValue)) mismatches.push(`${key}: API ${apiValue}, raw SQL ${rawValue}`);
  }
  if (!options.onlyCommonKeys) {
    for (const [key, apiValue] of api) {
      if (!raw.has(key) && apiValue !== null && apiValue !== 0) mismatches.push(`${key}: raw SQL has none, API ${apiValue}`);
    }
  }
  return { compared, mismatches };
}
