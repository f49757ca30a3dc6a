'use server';

import { revalidatePath } from 'next/cache';
import { currentClientAddress } from '@/server/http/client-address';
import { getDb } from '@/db';
import { runImport } from '@/server/imports/pipeline';
import { getCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { IMPORT_COLUMNS } from '@/domain/import-kinds';
import type { CsvRecord } from '@/server/imports/stream';

export interface ManualEntryState {
  ok: boolean;
  message: string;
  /** Messages by column name. */
  fieldErrors: Record<string, string>;
  warnings: string[];
}

const MANUAL_KINDS = ['members', 'contributions'] as const;

/**
 * One member or one contribution typed into a form. It goes through the same pipeline as a file of one
 * row (same rules, same messages, same audit and undo), in `manual` mode: all or nothing.
 */
export async function saveManualEntry(_previous: ManualEntryState | null, formData: FormData): Promise<ManualEntryState> {
  const { locale, messages } = await getI18n();
  const t = messages.imports;
  const caller = await getCaller();
  if (!caller) return { ok: false, message: messages.errors.unauthenticated, fieldErrors: {}, warnings: [] };
  const kind = MANUAL_KINDS.find((candidate) => candidate === formData.get('kind'));
  if (!kind) return { ok: false, message: messages.errors.forbidden, fieldErrors: {}, warnings: [] };

  const columns = IMPORT_COLUMNS[kind].map((column) => column.name);
  const values = columns.map((name) => String(formData.get(name) ?? '').trim());
  async function* records(): AsyncIterable<CsvRecord[]> {
    yield [
      { line: 1, cells: columns },
      { line: 2, cells: values },
    ];
  }
  const ip = await currentClientAddress();
  try {
    const report = await runImport(await getDb(), {
      caller,
      kind,
      fileName: t.manualFile,
      records: records(),
      mode: 'manual',
      locale,
      ip,
    });
    const fieldErrors: Record<string, string> = {};
    for (const issue of report.errors) fieldErrors[issue.column ?? 'form'] ??= issue.message;
    const warnings = report.warnings.map((issue) => issue.message);
    if (!report.committed) {
      return { ok: false, message: messages.admin.fixErrors, fieldErrors, warnings };
    }
    revalidatePath('/imports');
    return {
      ok: true,
      message: interpolate(t.saved, { added: report.added, updated: report.updated, unchanged: report.unchanged }),
      fieldErrors: {},
      warnings,
    };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, message: error.localizedMessage(locale), fieldErrors: {}, warnings: [] };
    }
    throw error;
  }
}
