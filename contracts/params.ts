// The query parameters of the v1 API and of the pages that render the same views: one zod schema per
// endpoint (in its contract) built from the fields below, so the route handler, the page and the
// browser read a parameter alike. A bad value answers 400 naming the parameter and what to write
// instead; nothing a client sends reaches SQL unchecked (a NUL byte, `1e309`, an id past the integer
// range all stop here).
import { z } from 'zod';
import { CLAIM_STATUSES, PROGRAMS, type ClaimStatus, type Program } from '@/domain/enums';
import { CLAIM_SORTS, type ClaimSort } from '@/domain/claims';
import { AppError, type ErrorMessageKey } from '@/domain/errors';
import { addMonths, isPeriod, latestCompleteMonth, monthsBetween } from '@/domain/month';
import { DEFAULT_MAP_METRIC, MAP_METRICS, type MapMetric } from '@/domain/map-metrics';
import { isSummaryMetric, SUMMARY_METRICS, type SummaryMetric } from '@/domain/summary-metrics';
import { REGION_CODE_PATTERN } from '@/domain/regions';

/** Why a value was refused: the error code, its message and the message's values. */
class Refusal {
  constructor(
    readonly code: string,
    readonly messageKey: ErrorMessageKey,
    readonly values: Record<string, string | number> = {},
  ) {}
}

/** Values are echoed in messages cut short: a message never carries a whole hostile string. */
const shown = (value: string, length = 20) => value.slice(0, length).replace(/[\u0000-\u001f\u007f]/g, '?');

/**
 * One query parameter: absent or empty is `fallback()`, anything else goes through `read`, which
 * returns the value or a Refusal.
 */
export function field<T, F = undefined>(read: (value: string) => T | Refusal, fallback?: () => F) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T | F => {
      if (value === undefined || value === '') return fallback ? fallback() : (undefined as F);
      const result = read(value);
      if (result instanceof Refusal) {
        ctx.addIssue({ code: 'custom', message: result.code, params: { refusal: result } });
        return z.NEVER;
      }
      return result;
    });
}

export function oneOf<T extends string>(allowed: readonly T[], code: string, messageKey: ErrorMessageKey) {
  return (value: string): T | Refusal =>
    (allowed as readonly string[]).includes(value)
      ? (value as T)
      : new Refusal(code, messageKey, { value: shown(value, 40), allowed: allowed.join(', ') });
}

const readPeriod = (value: string) => (isPeriod(value) ? value : new Refusal('bad_period', 'badPeriod', { value: shown(value) }));

/** Largest id PostgreSQL's `integer` holds. */
const MAX_ID = 2_147_483_647;

/** A database id: digits only (no sign, point, exponent or `Infinity`), 1 to 2147483647. */
export function readId(value: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}

const idField = (code: string, messageKey: ErrorMessageKey) =>
  field((value) => readId(value) ?? new Refusal(code, messageKey, { value: shown(value) }));

/** `period`: YYYY-MM, defaulting to the latest complete month. */
export const periodParam = field(readPeriod, latestCompleteMonth);
/** A month that may be absent (a range's end, defaulted by the range). */
export const optionalPeriodParam = field(readPeriod);

/** `region`: a Kemendagri code with dots; whether it exists and is the caller's is the server's check. */
export const regionParam = field((value) =>
  REGION_CODE_PATTERN.test(value) ? value : new Refusal('bad_region', 'badRegion', { value: shown(value, 40) }),
);

export const communityParam = idField('bad_community', 'badCommunity');
export const supervisorParam = idField('bad_supervisor', 'badSupervisor');

/** `page`: a whole number from 1 (default 1). */
export const pageParam = field(
  (value) => (/^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : new Refusal('bad_page', 'badPage', { value: shown(value) })),
  () => 1,
);

export const programParam = field<Program>(oneOf(PROGRAMS, 'bad_program', 'badProgram'));
export const claimStatusParam = field<ClaimStatus>(oneOf(CLAIM_STATUSES, 'bad_status', 'badStatus'));
export const claimSortParam = field<ClaimSort, ClaimSort>(oneOf(CLAIM_SORTS, 'bad_sort', 'badSort'), () => 'submittedOn');
export const directionParam = field<'asc' | 'desc', 'desc'>(oneOf(['asc', 'desc'] as const, 'bad_direction', 'badDirection'), () => 'desc');
export const mapMetricParam = field<MapMetric, MapMetric>(oneOf(MAP_METRICS, 'bad_metric', 'badMetric'), () => DEFAULT_MAP_METRIC);
export const summaryMetricParam = field<SummaryMetric, SummaryMetric>(
  (value) =>
    isSummaryMetric(value) ? value : new Refusal('bad_metric', 'badMetric', { value: shown(value, 30), allowed: SUMMARY_METRICS.join(', ') }),
  () => 'activeMembers',
);

/** `format`: the JSON view, or the same rows as a file. */
const FORMATS = ['json', 'csv', 'xlsx'] as const;
export const formatParam = field<(typeof FORMATS)[number], 'json'>(oneOf(FORMATS, 'bad_format', 'badFormat'), () => 'json');

/** `compare=1`: the figures of the previous month and of the same month a year before, alongside. */
export const flagParam = field(
  (value) => (value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : new Refusal('bad_flag', 'badFlag', { value: shown(value) })),
  () => false,
);

/** Longest free text a search reads (the rest is ignored, as a name or NIK is never longer). */
const MAX_SEARCH_LENGTH = 60;
/** Free text (a search): printable characters only (PostgreSQL refuses a NUL byte in text). */
export const searchParam = field((value) =>
  /[\u0000-\u001f\u007f]/.test(value) ? new Refusal('bad_text', 'badText') : value.slice(0, MAX_SEARCH_LENGTH),
);

/** An agent's code, as agents are numbered (`PRS-001`). */
export const AGENT_CODE_PATTERN = /^[A-Za-z0-9-]{1,32}$/;
export const agentCodeParam = field((value) =>
  AGENT_CODE_PATTERN.test(value) ? value : new Refusal('bad_agent_code', 'badAgentCode', { value: shown(value) }),
);

/** Longest trend a request may ask for: ten years of months. */
const MAX_TREND_MONTHS = 120;

function checkRange(from: string, to: string): Refusal | null {
  return from > to || monthsBetween(from, to).length > MAX_TREND_MONTHS ? new Refusal('bad_range', 'badRange', { value: `${from}..${to}` }) : null;
}

/** `from` and `to` of a trend: YYYY-MM each, from ≤ to; default the 12 months up to `to`. */
export function trendRange<T extends { from?: string; to: string }>(params: T, ctx: z.RefinementCtx): Omit<T, 'from'> & { from: string } {
  const from = params.from ?? addMonths(params.to, -11);
  const refusal = checkRange(from, params.to);
  if (refusal) ctx.addIssue({ code: 'custom', message: refusal.code, path: ['from'], params: { refusal } });
  return { ...params, from };
}

/**
 * `from` and `to` of the claims: both default to the latest complete month (a missing `from` is `to`,
 * a missing `to` is `from`), from ≤ to, at most ten years.
 */
export function claimRange<T extends { from?: string; to?: string }>(params: T, ctx: z.RefinementCtx): T & { from: string; to: string } {
  const to = params.to ?? params.from ?? latestCompleteMonth();
  const from = params.from ?? to;
  const refusal = checkRange(from, to);
  if (refusal) ctx.addIssue({ code: 'custom', message: refusal.code, path: ['from'], params: { refusal } });
  return { ...params, from, to };
}

/** What a route handler or a page receives: URLSearchParams, or Next's `searchParams` object. */
export type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** The first value of each parameter (a repeated parameter counts once, as URLSearchParams.get reads it). */
function firstValues(raw: RawParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw instanceof URLSearchParams) {
    for (const [key, value] of raw) if (!(key in out)) out[key] = value;
    return out;
  }
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/** Reads a request's parameters with an endpoint's schema; a bad one throws a 400 naming it. */
export function parseParams<S extends z.ZodType>(schema: S, raw: RawParams): z.output<S> {
  const values = firstValues(raw);
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const param = String(issue.path[0] ?? '');
  const refusal = (issue as { params?: { refusal?: unknown } }).params?.refusal;
  if (refusal instanceof Refusal) throw new AppError(refusal.code, 400, refusal.messageKey, refusal.values, param);
  throw new AppError('bad_parameter', 400, 'badParameter', { value: shown(values[param] ?? '') }, param);
}

/** A query string from parameters as the browser holds them (absent and empty values left out). */
export function toSearch(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return search.toString();
}

/** An id in a path (`/members/{id}/nik`): a bad one is a 400 naming the segment, like a query parameter. */
export function parseIdSegment(name: string, value: string): number {
  const id = readId(value);
  if (id === null) throw new AppError('bad_id', 400, 'badNumber', { value: shown(value) }, name);
  return id;
}

/** `target`: a coverage rate in percent, above 0 and at most 100 (decimals with a point). */
export const targetRateParam = field((value) => {
  const rate = /^[0-9]{1,3}(\.[0-9]{1,2})?$/.test(value) ? Number(value) : NaN;
  return rate > 0 && rate <= 100 ? rate : new Refusal('bad_target_rate', 'badTargetRate', { value: shown(value) });
});

/** `embedded`: the share in percent (0–100) of agents' recruits through an agent of their own community. */
export const shareParam = field((value) => {
  const share = /^[0-9]{1,3}(\.[0-9]{1,2})?$/.test(value) ? Number(value) : NaN;
  return share >= 0 && share <= 100 ? share : new Refusal('bad_share', 'badShare', { value: shown(value) });
});
