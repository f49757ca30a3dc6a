import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import type { RollupTracker } from '@/db/rollups';
import type { ImportKind } from '@/domain/enums';
import type { getMessages } from '@/i18n';
import type { Caller } from '@/server/auth/caller';
import { parseDate, normaliseVillageCode } from '@/server/imports/fields';

export type IssueCode = keyof ReturnType<typeof getMessages>['imports']['issues'];
export type Values = Record<string, string | number>;
export type IssueFn = (list: 'errors' | 'warnings', line: number, column: string | null, code: IssueCode, values?: Values, raw?: Record<string, string>) => void;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type RowValue = Record<string, string | number | null | undefined>;

/** One row that passed the checks that need no database, waiting for its chunk. */
export interface PendingRow {
  line: number;
  raw: Record<string, string>;
  value: RowValue;
}

export interface Counts {
  added: number;
  updated: number;
  unchanged: number;
}

/** What a kind's chunk writer gets: the transaction, this import, where to report and to audit. */
export interface WriteContext {
  tx: Tx;
  db: Database;
  caller: Caller;
  importId: number;
  issue: IssueFn;
  /** Rows an import changed, audited one entry each (entity id as text: a code or a number). */
  changedAudit: { entityId: string; fields: string[] }[];
  /** Keeps the rollup current (null in a preview, which is rolled back). */
  rollups: RollupTracker | null;
}

/**
 * What a set-based kind's writer gets: the valid rows of the whole file are in the temporary table
 * `import_stage` (`line`, `raw` — the row's cells as JSON, for the rejected-rows report — and the kind's
 * columns), and the file's columns (`present`: a column absent from the file keeps the stored value).
 */
export interface StagedContext extends WriteContext {
  present: ReadonlySet<string>;
  ip: string | null;
}

/** A kind whose rows are copied into a staging table and then checked against the database and written set-based. */
export interface StagedKind<R> {
  /** The kind's staging columns after `line` and `raw`, with their SQL types. */
  columns: readonly (readonly [name: string, type: string])[];
  /** A checked row's values, in `columns` order. */
  values: (row: PendingRow) => (string | number | null | undefined)[];
  /** Checks the staged rows against the database and writes them, all rows at once. */
  write: (ctx: StagedContext, refs: R) => Promise<Counts>;
}

export interface UndoContext {
  tx: Tx;
  db: Database;
  importId: number;
  rollups: RollupTracker;
}

/** The checks of one row that need no database, shared by every kind. */
export interface RowCheck {
  caller: Caller;
  line: number;
  raw: Record<string, string>;
  /** The file's columns (a column absent from the file means "keep the stored value"). */
  present: Map<string, number>;
  today: string;
  value: RowValue;
  /** No error so far in this row. */
  ok: () => boolean;
  fail: (column: string, code: IssueCode, values?: Values) => void;
  warn: (column: string, code: IssueCode, values?: Values) => void;
  required: (column: string) => boolean;
  date: (column: string, mandatory: boolean) => string | null;
  /** True (and reported) when an earlier row of the file has the same key. */
  duplicate: (key: string, column: string) => boolean;
}

/**
 * One import kind (../shared/PRODUCT.md "Import formats"): who may load it, how its rows are checked and
 * written chunk by chunk, and how an import of it is undone. The pipeline does the rest.
 */
export interface ImportKindModule<R> {
  kind: ImportKind;
  /** The file's column of each normalised value, so the preview speaks the file's language. */
  columnOf: Readonly<Record<string, string>>;
  /** The reference sets, read once per import (never a query per row), limited to the caller's scope. */
  loadReferences: (db: Database, caller: Caller) => Promise<R>;
  validate: (row: RowCheck, refs: R) => void;
  /** Writes one chunk of checked rows; absent for the set-based kinds (`staged`). */
  writeChunk?: (ctx: WriteContext, rows: PendingRow[], refs: R) => Promise<Counts>;
  /** Set-based kinds: the file is copied into a staging table, then checked and written in a few statements. */
  staged?: StagedKind<R>;
  /** Puts back what the import changed and removes what it created; throws AppError 409 when blocked. */
  undo: (ctx: UndoContext) => Promise<{ removed: number; restored: number }>;
}

/** A kind with its reference type erased, for the registry. */
export type AnyKindModule = ImportKindModule<unknown>;
export const defineKind = <R>(module: ImportKindModule<R>): AnyKindModule => module as unknown as AnyKindModule;

/** Rows written per statement (a members chunk binds 13 parameters a row, within PostgreSQL's 65,535). */
export const CHUNK = 2000;

/** `code` lies in the caller's region (or the caller has no region limit). */
export function inScope(caller: Caller, code: string | null | undefined): boolean {
  if (!caller.regionCode) return true;
  if (!code) return false;
  return code === caller.regionCode || code.startsWith(`${caller.regionCode}.`);
}

/** Fields of `next` that differ from `before`; undefined in `next` means "not in the file: keep". */
export function diff(before: Record<string, unknown>, next: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((f) => next[f] !== undefined && (next[f] ?? null) !== (before[f] ?? null));
}

export const inList = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** A text array parameter (one value, however many rows). */
export const textArray = (values: readonly string[]) => sql`${JSON.stringify(values)}::jsonb`;

/** Region codes with or without dots: `3302142001` → `33.02.14.2001`, `3302` → `33.02`. */
export function normaliseRegionCode(raw: string): string | null {
  const text = raw.trim();
  if (/^\d{10}$/.test(text.replace(/[.\s]/g, ''))) return normaliseVillageCode(text);
  const digits = text.replace(/[.\s]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length === 2) return digits;
  if (digits.length === 4) return `${digits.slice(0, 2)}.${digits.slice(2)}`;
  if (digits.length === 6) return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4)}`;
  return null;
}

/** A business date (YYYY-MM-DD or DD/MM/YYYY) that may lie in the future (an agent's end date). */
export const anyDate = parseDate;

/** The error code of a database error, whichever driver raised it (drizzle wraps it in `cause`). */
export function databaseErrorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}
