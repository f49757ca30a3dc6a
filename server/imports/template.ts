import 'server-only';
// A template per import kind, built from the kind's columns (domain/import-kinds.ts), so every kind has one
// the moment its columns are declared: the header, one example row, and what each column means (a second
// sheet in the .xlsx; for CSV a separate notes file, since a note inside the CSV would be read as data).
import ExcelJS from 'exceljs';
import type { ImportKind } from '@/domain/enums';
import { can } from '@/domain/permissions';
import { forbidden } from '@/domain/errors';
import { IMPORT_COLUMNS, importExample, type TemplateFormat } from '@/domain/import-kinds';
import { getMessages, type Locale } from '@/i18n';
import type { Caller } from '@/server/auth/caller';
import { toCsv } from '@/server/http/csv';

export interface TemplateFile {
  fileName: string;
  contentType: string;
  body: Uint8Array | string;
}

export interface TemplateColumn {
  name: string;
  required: boolean;
  description: string;
  example: string;
}

/** The columns of a kind with their explanation in the locale's language and their example value. */
export function templateColumns(kind: ImportKind, locale: Locale): TemplateColumn[] {
  const help = getMessages(locale).imports.columnHelp as Record<string, string>;
  return IMPORT_COLUMNS[kind].map((column) => ({
    name: column.name,
    required: column.required,
    description: help[column.name] ?? '',
    example: importExample(kind, column.name),
  }));
}

export async function getImportTemplate(args: { caller: Caller; kind: ImportKind; format: TemplateFormat; locale: Locale }): Promise<TemplateFile> {
  if (!can(args.caller.role, 'import:data')) throw forbidden();
  const { kind, format, locale } = args;
  const t = getMessages(locale).imports;
  const columns = templateColumns(kind, locale);
  const base = `${locale === 'en' ? 'template' : 'templat'}-${kind}`;
  const example = Object.fromEntries(columns.map((c) => [c.name, c.example]));
  const notes = columns.map((c) => ({
    [t.templateColumns.column]: c.name,
    [t.templateColumns.required]: c.required ? t.templateYes : t.templateNo,
    [t.templateColumns.description]: c.description,
    [t.templateColumns.example]: c.example,
  }));
  if (format === 'csv') {
    return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv([example], columns.map((c) => c.name)) };
  }
  if (format === 'notes') {
    return { fileName: `${base}-${t.templateSheet.toLowerCase()}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(notes) };
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Payung';
  const data = workbook.addWorksheet(kind.slice(0, 31));
  // Every column is text: a NIK or a phone number typed in stays as typed (Excel keeps 15 digits of a
  // number and drops leading zeros); the importer reads dates and amounts written as text.
  data.columns = columns.map((c) => ({ key: c.name, width: Math.min(Math.max(c.name.length, c.example.length) + 4, 40), style: { numFmt: '@' } }));
  const header = data.addRow(columns.map((c) => c.name));
  header.font = { bold: true };
  const sample = data.addRow(columns.map((c) => c.example));
  sample.font = { italic: true, color: { argb: 'FF666666' } };
  data.views = [{ state: 'frozen', ySplit: 1 }];

  const sheet = workbook.addWorksheet(t.templateSheet.slice(0, 31));
  sheet.addRow([`${t.templateFor.replace('{kind}', t.kinds[kind] ?? kind)}`]).font = { bold: true, size: 12 };
  sheet.addRow([t.templateIntro]);
  sheet.addRow([]);
  const head = sheet.addRow([t.templateColumns.column, t.templateColumns.required, t.templateColumns.description, t.templateColumns.example]);
  head.font = { bold: true };
  for (const c of columns) sheet.addRow([c.name, c.required ? t.templateYes : t.templateNo, c.description, c.example]);
  sheet.getColumn(1).width = 20;
  sheet.getColumn(2).width = 8;
  sheet.getColumn(3).width = 90;
  sheet.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(4).width = 30;
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    fileName: `${base}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: new Uint8Array(buffer as ArrayBuffer),
  };
}
