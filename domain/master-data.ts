// Master data an office manages in the app (PRODUCT.md, issue 16): communities, Perisai agents,
// workforce estimates (the coverage rate's denominators) and BPJS's reference rates. One zod schema per
// form, shared by the browser and the server action; messages are catalogue keys under `master`.
import { z } from 'zod';
import { COMMUNITY_TYPES } from '@/domain/enums';
import { REGION_CODE_PATTERN } from '@/domain/regions';

export const VILLAGE_CODE_PATTERN = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
export const AGENT_CODE_PATTERN = /^[A-Za-z0-9-]{1,32}$/;
export const RATE_KEY_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;
export const RATE_CATEGORIES = ['contribution', 'discount', 'benefit', 'incentive'] as const;
export const RATE_UNITS = ['rupiah', 'percent', 'times_income', 'count'] as const;
export type RateCategory = (typeof RATE_CATEGORIES)[number];
export type RateUnit = (typeof RATE_UNITS)[number];
/** Far above any village's informal workforce, low enough to catch a typo. */
export const MAX_INFORMAL_WORKERS = 10_000_000;

/** A calendar date `YYYY-MM-DD` that exists. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The day before an ISO date: where a rate's predecessor ends. */
export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * A workforce estimate is marked as such in its source text, as the shipped ones are (db/reference/:
 * "Estimate: …"); an import's `sumber` may say it in Bahasa Indonesia.
 */
const ESTIMATE_PREFIX = /^\s*(estimate|estimasi|perkiraan)\s*[:\-–]\s*/i;
export const ESTIMATE_MARK = 'Estimate: ';

export function isEstimateSource(source: string | null | undefined): boolean {
  return !!source && ESTIMATE_PREFIX.test(source);
}

/** The source text with the estimate mark set or removed; null when nothing is left. */
export function markEstimate(source: string | null, estimate: boolean): string | null {
  const bare = (source ?? '').replace(ESTIMATE_PREFIX, '').trim();
  if (estimate) return `${ESTIMATE_MARK}${bare}`.trim();
  return bare === '' ? null : bare;
}

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { message })
    .transform((value) => (value === '' ? null : value));

const requiredDate = (message: string) => z.string().trim().refine(isIsoDate, { message });
const optionalDate = (message: string) =>
  z
    .string()
    .trim()
    .refine((value) => value === '' || isIsoDate(value), { message })
    .transform((value) => (value === '' ? null : value));

const villageCode = z.string().trim().regex(VILLAGE_CODE_PATTERN, { message: 'invalidVillage' });
const personName = z.string().trim().min(2, { message: 'invalidName' }).max(120, { message: 'invalidName' });
const occupationCode = optionalText(40, 'invalidOccupation');
/** A form's checkbox: present ("on") or absent. */
const checkbox = z
  .string()
  .nullish()
  .transform((value) => value === 'on' || value === 'true');

export const communitySchema = z.object({
  /** Set when editing an existing community. */
  id: z
    .string()
    .nullish()
    .transform((value) => (value ? Number(value) : null))
    .pipe(z.number().int().positive().nullable()),
  name: personName,
  type: z.enum(COMMUNITY_TYPES, { message: 'invalidType' }),
  villageCode,
  occupationCode,
  foundedOn: optionalDate('invalidDate'),
});
export type CommunityInput = z.infer<typeof communitySchema>;

export const agentSchema = z
  .object({
    /** "true" when the form edits an existing agent: its code is then fixed. */
    editing: checkbox,
    code: z.string().trim().regex(AGENT_CODE_PATTERN, { message: 'invalidCode' }),
    name: personName,
    villageCode,
    communityIds: z
      .array(z.string())
      .default([])
      .transform((values) => [...new Set(values.filter((v) => v !== '').map(Number))])
      .pipe(z.array(z.number().int().positive({ message: 'unknownCommunity' })).max(50, { message: 'unknownCommunity' })),
    supervisorId: z
      .string()
      .nullish()
      .transform((value) => (value ? Number(value) : null))
      .pipe(z.number({ message: 'unknownSupervisor' }).int().positive({ message: 'unknownSupervisor' }).nullable()),
    phone: z
      .string()
      .trim()
      .refine((value) => value === '' || /^\+?[0-9][0-9 -]{5,19}$/.test(value), { message: 'invalidPhone' })
      .transform((value) => (value === '' ? null : value)),
    activeFrom: requiredDate('invalidDate'),
    activeTo: optionalDate('invalidDate'),
  })
  .superRefine((agent, context) => {
    if (agent.activeTo !== null && agent.activeTo < agent.activeFrom) {
      context.addIssue({ code: 'custom', path: ['activeTo'], message: 'activeToBeforeFrom' });
    }
  });
export type AgentInput = z.infer<typeof agentSchema>;

/** Whole workers, with or without thousand dots (`17.500`). */
const wholeCount = z
  .string()
  .trim()
  .transform((value) => value.replace(/[.\s]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\d{1,9}$/, { message: 'invalidWorkers' })
      .transform(Number)
      .pipe(z.number().int().min(0, { message: 'invalidWorkers' }).max(MAX_INFORMAL_WORKERS, { message: 'invalidWorkers' })),
  );

export const workforceSchema = z.object({
  regionCode: z.string().trim().regex(REGION_CODE_PATTERN, { message: 'invalidRegion' }),
  year: z.coerce.number({ message: 'invalidYear' }).int({ message: 'invalidYear' }).min(2000, { message: 'invalidYear' }).max(2100, { message: 'invalidYear' }),
  occupationCode,
  informalWorkers: wholeCount,
  source: optionalText(500, 'invalidSource'),
  estimate: checkbox,
});
export type WorkforceInput = z.infer<typeof workforceSchema>;

/**
 * A rate as people write it in Indonesia: comma for decimals, dots between thousands (`16.800`,
 * `1,5`, `Rp 20.000.000`); a plain `1.5` is read as one and a half.
 */
export function parseRateValue(text: string): number | null {
  let value = text.trim().replace(/^rp\.?\s*/i, '').replace(/\s/g, '');
  if (value.includes(',')) value = value.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(value)) value = value.replace(/\./g, '');
  if (!/^\d{1,12}(\.\d{1,4})?$/.test(value)) return null;
  return Number(value);
}

export const rateSchema = z.object({
  key: z.string().trim().regex(RATE_KEY_PATTERN, { message: 'invalidKey' }),
  /** Used only for a key not yet known: a known key keeps its category and unit. */
  category: z.enum(RATE_CATEGORIES, { message: 'invalidCategory' }),
  unit: z.enum(RATE_UNITS, { message: 'invalidUnit' }),
  value: z
    .string()
    .transform((text) => parseRateValue(text))
    .pipe(z.number({ message: 'invalidValue' }).min(0, { message: 'invalidValue' })),
  effectiveFrom: requiredDate('invalidDate'),
  source: z.string().trim().min(3, { message: 'invalidSource' }).max(500, { message: 'invalidSource' }),
});
export type RateInput = z.infer<typeof rateSchema>;

/** Why the data layer refused a master-data change: a key of the `master` catalogue. */
export type MasterRefusal =
  | 'duplicateCommunity'
  | 'codeTaken'
  | 'unknownVillage'
  | 'unknownRegion'
  | 'unknownOccupation'
  | 'unknownSupervisor'
  | 'unknownCommunity'
  | 'rateNotAfterCurrent';

export type MasterResult =
  | { ok: true; created: boolean; id: string }
  | { ok: false; reason: MasterRefusal; field?: string; values?: Record<string, string> };

export interface MasterActionState {
  ok: boolean;
  message: string;
  fieldErrors?: Partial<Record<string, string>>;
}
