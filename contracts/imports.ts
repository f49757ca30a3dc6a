// `POST /api/v1/imports` and the import history: what the imports page, the route handlers and the browser share.
import { z } from 'zod';
import { field, oneOf } from '@/contracts/params';
import { IMPORT_KINDS, type ImportKind } from '@/domain/enums';
import { TEMPLATE_FORMATS, type TemplateFormat } from '@/domain/import-kinds';

/** `GET /api/v1/imports/template?kind=…&format=xlsx|csv|notes`: a kind's template file (its body is the file). */
export const importTemplateParams = z.object({
  kind: field<ImportKind>(oneOf(IMPORT_KINDS, 'bad_kind', 'importBadKind')),
  format: field<TemplateFormat, TemplateFormat>(oneOf(TEMPLATE_FORMATS, 'bad_format', 'badTemplateFormat'), () => 'xlsx'),
});

/** The template's address for a kind, format and language (links on the imports page). */
export const importTemplatePath = (kind: ImportKind, format: TemplateFormat, lang: string) =>
  `/api/v1/imports/template?kind=${kind}&format=${format}&lang=${lang}`;

export interface ImportIssue {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

/** How an uploaded file was read: its format and, for CSV, the text encoding and delimiter detected. */
export interface ImportSource {
  format: 'csv' | 'xlsx';
  encoding?: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  delimiter?: ',' | ';' | '\t';
}

export interface ImportReport {
  importId: number | null;
  kind: ImportKind;
  fileName: string;
  mode: ImportRunMode;
  /** True when rows were written (and kept). */
  committed: boolean;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errorCount: number;
  warningCount: number;
  /** At most IMPORT_ISSUE_LIMIT of each; the counts above cover all. */
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** How each header cell of the file was understood (`field` null: ignored). */
  columns: { header: string; field: string | null }[];
  /** The first rows as Payung understood them. */
  preview: { line: number; values: Record<string, string> }[];
  durationMs: number;
  /** When the dashboard's figures include this import (they are computed from the tables on each request). */
  figuresRefreshedAt: string | null;
  /** How the file was read (absent for manual entry). */
  source?: ImportSource;
}

export interface ImportHistoryRow {
  id: number;
  kind: ImportKind;
  mode: string;
  fileName: string;
  userName: string | null;
  createdAt: string;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  undoneAt: string | null;
  hasReport: boolean;
}

/** `preview` checks and counts inside a transaction that is always rolled back. */
export type ImportRunMode = 'preview' | 'all' | 'valid_only' | 'manual';
