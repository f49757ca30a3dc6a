import 'server-only';
import { and, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db';
import { auditLog, imports, users } from '@/db/schema';
import type { ImportKind } from '@/domain/enums';
import type { Caller } from '@/server/auth/caller';
import { can } from '@/domain/permissions';
import { AppError, forbidden } from '@/domain/errors';
import { getMessages, interpolate, type Locale } from '@/i18n';
import { todayInJakarta } from '@/domain/month';
import { headerKey, IMPORT_COLUMNS, IMPORT_ISSUE_LIMIT, IMPORT_PREVIEW_ROWS } from '@/domain/import-kinds';
import type { CsvRecord } from '@/server/imports/stream';
import { writeAudit } from '@/server/audit';
import { RollupTracker } from '@/db/rollups';
import type { ImportHistoryRow, ImportReport } from '@/contracts/imports';
import type { ImportRunMode } from '@/contracts/imports';
import { importKind, mayImport } from '@/server/imports/kinds';
import { CHUNK, type IssueCode, type PendingRow, type Values } from '@/server/imports/kinds/types';
import { copyLine, copyText } from '@/db/copy';
import { previewValues, rowCheck } from '@/server/imports/kinds/row-check';

// The orchestrator: one transaction per file, header matching, the modes, issues, history, audit and the
// rollups. What a kind's rows mean lives in server/imports/kinds/ (one module per kind).

class Rollback extends Error {}

/** Rows of a set-based kind copied into the staging table per COPY (a few MB of text). */
const STAGE_ROWS = 50_000;

/** Imports the caller may see, rejected-rows reports included: those made within their region. */
function visibleImports(caller: Caller): SQL | undefined {
  if (!caller.regionCode) return undefined;
  return or(eq(imports.regionCode, caller.regionCode), sql`${imports.regionCode} like ${`${caller.regionCode}.%`}`);
}

/**
 * Validates and writes one file of `kind`, chunk by chunk, in ONE transaction: with mode `all` (and
 * `manual`) a single bad row rolls everything back; with `valid_only` (chosen explicitly by the user) the
 * valid rows stay and the rest are kept in the report; `preview` always rolls back. Same file twice adds
 * nothing (natural keys); a changed row is updated, its previous state kept for undo, and audited. Every
 * lookup and write is limited to the caller's region.
 */
export async function runImport(
  db: Database,
  args: {
    caller: Caller;
    kind: ImportKind;
    fileName: string;
    records: AsyncIterable<CsvRecord[]>;
    mode: ImportRunMode;
    locale: Locale;
    ip?: string | null;
    today?: string;
  },
): Promise<ImportReport> {
  const { caller, kind, mode, locale } = args;
  if (!mayImport(caller, kind)) throw forbidden();
  const handler = importKind(kind);
  const started = Date.now();
  const messages = getMessages(locale).imports;
  const today = args.today ?? todayInJakarta();
  const refs = await handler.loadReferences(db, caller);
  const columnsDef = IMPORT_COLUMNS[kind];

  const report: ImportReport = {
    importId: null,
    kind,
    fileName: args.fileName,
    mode,
    committed: false,
    rows: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errorCount: 0,
    warningCount: 0,
    errors: [],
    warnings: [],
    columns: [],
    preview: [],
    durationMs: 0,
    figuresRefreshedAt: null,
  };
  const rejectedLines = new Set<number>();
  const rejectedRows: { line: number; column: string | null; message: string; row: Record<string, string> }[] = [];
  const issue = (list: 'errors' | 'warnings', line: number, column: string | null, code: IssueCode, values: Values = {}, raw?: Record<string, string>) => {
    const text = interpolate(messages.issues[code], values);
    const message = column ? interpolate(messages.issueAt, { line, column, text }) : interpolate(messages.issueAtLine, { line, text });
    const entry = { line, column, code, message };
    if (list === 'errors') {
      report.errorCount++;
      if (report.errors.length < IMPORT_ISSUE_LIMIT) report.errors.push(entry);
      if (!rejectedLines.has(line)) {
        rejectedLines.add(line);
        if (raw && rejectedRows.length < IMPORT_ISSUE_LIMIT) rejectedRows.push({ line, column, message, row: raw });
      }
    } else {
      report.warningCount++;
      if (report.warnings.length < IMPORT_ISSUE_LIMIT) report.warnings.push(entry);
    }
  };

  let outcome: ImportReport | null = null;
  try {
    await db.transaction(async (tx) => {
      const [record] = await tx
        .insert(imports)
        .values({
          kind,
          mode: mode === 'preview' ? 'all' : mode,
          fileName: args.fileName,
          userId: caller.userId,
          regionCode: caller.regionCode,
          rowsCount: 0,
          added: 0,
          updated: 0,
          unchanged: 0,
          rejected: 0,
        })
        .returning({ id: imports.id });
      const importId = record!.id;

      let fieldIndex: Map<string, number> | null = null;
      const seenKeys = new Map<string, number>();
      let batch: PendingRow[] = [];
      const changedAudit: { entityId: string; fields: string[] }[] = [];
      // A preview is rolled back: no figures to keep current.
      const rollups = mode === 'preview' ? null : new RollupTracker(tx as unknown as Database);
      const writeContext = { tx, db: tx as unknown as Database, caller, importId, issue, changedAudit, rollups };
      const staged = handler.staged;
      // A set-based kind: the checked rows go to the staging table by COPY, a few MB at a time.
      let stageText = '';
      let stageRows = 0;
      if (staged) {
        await tx.execute(sql.raw(`create temp table import_stage (line integer not null, raw text not null,
          ${staged.columns.map(([name, type]) => `${name} ${type}`).join(', ')}) on commit drop`));
      }
      const flush = async () => {
        if (staged) {
          await copyText(tx as unknown as Database, 'import_stage', ['line', 'raw', ...staged.columns.map(([name]) => name)], stageText);
          stageText = '';
          stageRows = 0;
          return;
        }
        if (batch.length === 0) return;
        const rows = batch;
        batch = [];
        const counts = await handler.writeChunk!(writeContext, rows, refs);
        report.added += counts.added;
        report.updated += counts.updated;
        report.unchanged += counts.unchanged;
      };

      for await (const chunk of args.records) {
        for (const rec of chunk) {
          if (!fieldIndex) {
            fieldIndex = new Map();
            const known = new Set(columnsDef.map((c) => c.name));
            rec.cells.forEach((cell, i) => {
              const key = headerKey(cell);
              const field = known.has(key) && !fieldIndex!.has(key) ? key : null;
              if (field) fieldIndex!.set(field, i);
              report.columns.push({ header: cell.trim(), field });
              if (!field && cell.trim()) issue('warnings', rec.line, cell.trim(), 'extra_column');
            });
            const missing = columnsDef.filter((c) => c.required && !fieldIndex!.has(c.name));
            for (const column of missing) issue('errors', 1, column.name, 'missing_column');
            if (missing.length > 0) throw new Rollback();
            continue;
          }
          report.rows++;
          const raw: Record<string, string> = {};
          for (const [field, i] of fieldIndex) raw[field] = (rec.cells[i] ?? '').trim();
          const check = rowCheck(caller, rec.line, raw, fieldIndex, today, seenKeys, issue);
          handler.validate(check, refs);
          const pending: PendingRow | null = check.ok() ? { line: rec.line, raw, value: check.value } : null;
          if (report.preview.length < IMPORT_PREVIEW_ROWS) {
            report.preview.push({
              line: rec.line,
              values: previewValues(pending ? pending.value : raw, handler.columnOf),
            });
          }
          if (pending && !rejectedLines.has(rec.line)) {
            if (staged) {
              stageText += copyLine([pending.line, JSON.stringify(raw), ...staged.values(pending)]);
              if (++stageRows >= STAGE_ROWS) await flush();
            } else batch.push(pending);
          }
          if (batch.length >= CHUNK) await flush();
        }
      }
      if (!fieldIndex) {
        issue('errors', 1, null, 'no_header');
        throw new Rollback();
      }
      await flush();
      if (staged) {
        // The staged rows are checked against the database and written together (the temporary table has
        // no statistics until analyzed).
        await tx.execute(sql`analyze import_stage`);
        const present = new Set(fieldIndex.keys());
        const counts = await staged.write({ ...writeContext, present, ip: args.ip ?? null }, refs);
        report.added += counts.added;
        report.updated += counts.updated;
        report.unchanged += counts.unchanged;
      }
      report.rejected = rejectedLines.size;
      if (mode === 'preview') throw new Rollback();
      if (report.errorCount > 0 && mode !== 'valid_only') throw new Rollback();
      await rollups?.finish();

      report.importId = importId;
      report.committed = true;
      report.figuresRefreshedAt = new Date().toISOString();
      await tx
        .update(imports)
        .set({
          rowsCount: report.rows,
          added: report.added,
          updated: report.updated,
          unchanged: report.unchanged,
          rejected: report.rejected,
          report: rejectedRows.length > 0 ? { rejectedRows, columns: columnsDef.map((c) => c.name) } : null,
        })
        .where(eq(imports.id, importId));
      for (let i = 0; i < changedAudit.length; i += CHUNK) {
        await tx.insert(auditLog).values(
          changedAudit.slice(i, i + CHUNK).map((change) => ({
            userId: caller.userId,
            actorEmail: caller.email,
            action: 'import_update',
            entity: kind,
            entityId: change.entityId,
            details: { importId, fields: change.fields },
            ip: args.ip ?? null,
          })),
        );
      }
      await writeAudit(tx as unknown as Database, {
        userId: caller.userId,
        actorEmail: caller.email,
        action: 'import',
        entity: 'imports',
        entityId: String(importId),
        details: { kind, mode, rows: report.rows, added: report.added, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected },
        ip: args.ip ?? null,
      });
    });
    outcome = report;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    report.rejected = rejectedLines.size;
    outcome = report;
  }
  outcome.durationMs = Date.now() - started;
  return outcome;
}

export async function listImports(db: Database, args: { caller: Caller; limit?: number }): Promise<ImportHistoryRow[]> {
  if (!can(args.caller.role, 'import:data')) throw forbidden();
  const rows = await db
    .select({
      id: imports.id,
      kind: imports.kind,
      mode: imports.mode,
      fileName: imports.fileName,
      userName: users.name,
      createdAt: imports.createdAt,
      rows: imports.rowsCount,
      added: imports.added,
      updated: imports.updated,
      unchanged: imports.unchanged,
      rejected: imports.rejected,
      undoneAt: imports.undoneAt,
      hasReport: sql<boolean>`${imports.report} is not null`,
    })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.userId))
    .where(visibleImports(args.caller))
    .orderBy(desc(imports.id))
    .limit(args.limit ?? 50);
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    undoneAt: r.undoneAt ? new Date(r.undoneAt).toISOString() : null,
    hasReport: Boolean(r.hasReport),
  }));
}

/** The rejected rows of an import, as rows for the CSV report. */
export async function getImportRejectedRows(db: Database, args: { caller: Caller; importId: number }): Promise<Record<string, unknown>[]> {
  if (!can(args.caller.role, 'import:data')) throw forbidden();
  // Another region's import is "not found" (its report holds full NIKs).
  const [row] = await db
    .select({ report: imports.report, kind: imports.kind })
    .from(imports)
    .where(and(eq(imports.id, args.importId), visibleImports(args.caller)))
    .limit(1);
  if (!row || !mayImport(args.caller, row.kind)) throw new AppError('not_found', 404, 'notFound');
  const report = row.report as { rejectedRows: { line: number; column: string | null; message: string; row: Record<string, string> }[]; columns: string[] } | null;
  if (!report) return [];
  return report.rejectedRows.map((r) => ({
    baris: r.line,
    kolom: r.column ?? '',
    pesan: r.message,
    ...Object.fromEntries(report.columns.map((c) => [c, r.row[c] ?? ''])),
  }));
}


/**
 * Undoes a whole import: rows it created are removed, rows it changed get their previous values back
 * (each kind knows how, and when later data builds on it: 409). An import made in another region, or by
 * a user without a region limit, is "not found" for a region-limited caller.
 */
export async function undoImport(db: Database, args: { caller: Caller; importId: number; ip?: string | null }): Promise<{ removed: number; restored: number }> {
  if (!can(args.caller.role, 'import:data')) throw forbidden();
  const id = args.importId;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const [record] = await tx
      .select({ id: imports.id, kind: imports.kind, undoneAt: imports.undoneAt })
      .from(imports)
      .where(and(eq(imports.id, id), visibleImports(args.caller)))
      .for('update')
      .limit(1);
    if (!record) throw new AppError('not_found', 404, 'notFound');
    if (!mayImport(args.caller, record.kind)) throw forbidden();
    if (record.undoneAt) throw new AppError('import_already_undone', 409, 'importAlreadyUndone');
    const rollups = new RollupTracker(t);
    const { removed, restored } = await importKind(record.kind).undo({ tx, db: t, importId: id, rollups });
    await rollups.finish();
    await tx.update(imports).set({ undoneAt: sql`now()`, undoneBy: args.caller.userId }).where(and(eq(imports.id, id), isNull(imports.undoneAt)));
    await writeAudit(t, {
      userId: args.caller.userId,
      actorEmail: args.caller.email,
      action: 'import_undo',
      entity: 'imports',
      entityId: String(id),
      details: { kind: record.kind, removed, restored },
      ip: args.ip ?? null,
    });
    return { removed, restored };
  });
}
