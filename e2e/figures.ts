// Reading figures as a person reads them off a page ("2.185", "12,4%", "Rp 16.800", "<5", "x", "–") and as
// the exports write them (CSV text, Excel cells), so e2e/same-everywhere.spec.ts can say whether one figure
// is the same on every surface: page, v1 API, CSV and Excel.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { APIRequestContext, Locator } from '@playwright/test';
import { formatPeriod, isHidden, type HiddenFigure } from '@/domain/format';

/** A figure as a surface gives it: a number, a hidden figure ("<5" or "x"), text, or nothing. */
export type Value = number | HiddenFigure | string | null;

/** What a page shows, read back: the number with the decimals it was shown with, or what stands instead. */
export type Shown = { kind: 'number'; value: number; decimals: number } | { kind: 'hidden'; value: HiddenFigure } | { kind: 'text'; value: string };

const INDONESIAN_NUMBER = /^[+−-]?\d{1,3}(\.\d{3})*(,\d+)?$|^[+−-]?\d+(,\d+)?$/;

/**
 * "2.185" → 2185, "12,4%" → 12.4 (one decimal shown), "Rp 16.800" → 16800, "3,5 hari" → 3.5, "1,25×" → 1.25;
 * "<5" and "x" stay as they are; anything else ("–", "Belum ada data pekerja") is text.
 */
export function readShown(raw: string): Shown {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (isHidden(text)) return { kind: 'hidden', value: text };
  const bare = text
    .replace(/^Rp\s?/, '')
    .replace(/\s?%$/, '')
    .replace(/\s?(hari|days|×|kali|times)$/, '')
    .trim();
  if (!INDONESIAN_NUMBER.test(bare)) return { kind: 'text', value: text };
  const [whole = '', fraction = ''] = bare.replace('−', '-').split(',');
  const value = Number(`${whole.replace(/\./g, '')}${fraction ? `.${fraction}` : ''}`);
  return { kind: 'number', value, decimals: fraction.length };
}

/** A CSV cell as the figure it holds: '' is nothing, a plain number is a number, "<5"/"x" and text stay text. */
export function fromCsv(cell: string | undefined): Value {
  if (cell === undefined || cell === '') return null;
  return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell) ? Number(cell) : cell;
}

/** An Excel cell as the figure it holds (Payung writes numbers as numbers and everything else as text). */
export function fromXlsx(cell: ExcelJS.CellValue | undefined): Value {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number' || typeof cell === 'string') return cell;
  return String(cell);
}

/**
 * Whether a figure shown on a page is the value a surface gives: numbers equal at the precision shown
 * (the page rounds, the surfaces do not), "<5" and "x" identical, nothing shown ("–" or a note saying why)
 * exactly where the surface has no value. Returns why not, or null when they agree.
 */
export function disagreement(shown: string, value: Value): string | null {
  const read = readShown(shown);
  if (value === null || value === undefined) {
    return read.kind === 'text' ? null : `page shows ${JSON.stringify(shown)} where the surface has no value`;
  }
  if (isHidden(value)) return read.kind === 'hidden' && read.value === value ? null : `page shows ${JSON.stringify(shown)}, surface ${JSON.stringify(value)}`;
  if (typeof value === 'string') {
    return read.kind !== 'number' && shown.replace(/\s+/g, ' ').trim() === value.trim() ? null : `page shows ${JSON.stringify(shown)}, surface ${JSON.stringify(value)}`;
  }
  if (read.kind !== 'number') return `page shows ${JSON.stringify(shown)}, surface ${value}`;
  // Half a unit of the last digit shown, plus float noise.
  const tolerance = 0.5 * 10 ** -read.decimals + 1e-9;
  return Math.abs(read.value - value) <= tolerance ? null : `page shows ${JSON.stringify(shown)} (${read.value}), surface ${value}`;
}

/** Whether two exported or API values are the same figure (numbers as numbers, text as text). */
export function sameValue(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return (a ?? null) === (b ?? null);
}

/** The values a message template was filled with: `placeholders('{count} klaim', '12 klaim')` → `{ count: '12' }`. */
export function placeholders(template: string, text: string): Record<string, string> | null {
  const names: string[] = [];
  const pattern = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '(.+?)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`, 's').exec(text.replace(/\s+/g, ' ').trim());
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]));
}

/** "Oktober 2026" (or "October 2026") → "2026-10"; null when the text names no month. */
export function periodOf(text: string): string | null {
  const match = /(\p{L}+) (\d{4})/u.exec(text);
  if (!match) return null;
  for (let month = 1; month <= 12; month++) {
    const period = `${match[2]}-${String(month).padStart(2, '0')}`;
    if (formatPeriod(period, 'id') === match[0] || formatPeriod(period, 'en') === match[0]) return period;
  }
  return null;
}

/** Every month a text names, in order: a heading "Januari 2026 – Desember 2026" names two. */
export function periodsIn(text: string): string[] {
  return [...text.matchAll(/\p{L}+ \d{4}/gu)].map((m) => periodOf(m[0])).filter((p): p is string => p !== null);
}

export function readCsv(text: string): Record<string, string>[] {
  return parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** The first sheet of a Payung workbook as rows keyed by its header (the header follows the title rows). */
export async function readXlsx(bytes: Buffer): Promise<Record<string, Value>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: Array<Array<ExcelJS.CellValue>> = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  // The title is one cell; the header is the first row of several.
  const headerAt = rows.findIndex((row) => row.filter((cell) => cell !== null && cell !== undefined).length > 1);
  const header = (rows[headerAt] ?? []).map(String);
  return rows.slice(headerAt + 1).map((row) => Object.fromEntries(header.map((key, i) => [key, fromXlsx(row[i])])));
}

/** One view as every surface gives it: the API's JSON, and the rows of its CSV and Excel exports with their file names. */
export interface Surfaces<T> {
  json: T;
  csv: { name: string; rows: Record<string, Value>[] };
  xlsx: { name: string; rows: Record<string, Value>[] };
}

const fileName = (disposition: string | undefined) => /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? '';

/** GETs a v1 URL as JSON, CSV and Excel (the same parameters, only `format` differs). */
export async function surfaces<T>(request: APIRequestContext, url: string): Promise<Surfaces<T>> {
  const withFormat = (format: string) => {
    const u = new URL(url, 'http://x');
    u.searchParams.set('format', format);
    return `${u.pathname}?${u.searchParams.toString()}`;
  };
  const [json, csv, xlsx] = await Promise.all([request.get(url), request.get(withFormat('csv')), request.get(withFormat('xlsx'))]);
  for (const [format, response] of [['json', json], ['csv', csv], ['xlsx', xlsx]] as const) {
    if (!response.ok()) throw new Error(`${url} as ${format}: ${response.status()} ${await response.text()}`);
  }
  return {
    json: (await json.json()) as T,
    csv: {
      name: fileName(csv.headers()['content-disposition']),
      rows: readCsv(await csv.text()).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, fromCsv(v)]))),
    },
    xlsx: { name: fileName(xlsx.headers()['content-disposition']), rows: await readXlsx(await xlsx.body()) },
  };
}

/** A table as the page draws it: each body row's key (`data-key` or `data-code`), its row header, and its cells by column. */
export interface ShownRow {
  key: string;
  name: string;
  /** By the cell's column (`data-column`), else by its place among the row's cells. */
  cells: Record<string, string>;
  /** The row's cells (not its header) in order. */
  list: string[];
}

/** What sits beside a figure without being part of it: marks (`.flag`), controls, tooltips. */
export const NOT_THE_FIGURE = '.flag, button, [role="tooltip"]';

/**
 * Reads a table in one round trip. Cells are keyed by `data-column` (or by position, as strings, where a
 * table has none); marks and controls drawn inside a cell are not part of its figure.
 */
export async function readTable(table: Locator, section: 'tbody' | 'tfoot' = 'tbody'): Promise<ShownRow[]> {
  return table.evaluate(
    (element, [part, aside]) =>
      [...element.querySelectorAll(`:scope > ${part} > tr`)].map((row) => {
        const cells: Record<string, string> = {};
        const list: string[] = [];
        [...row.querySelectorAll(':scope > td')].forEach((td, i) => {
          const clone = td.cloneNode(true) as HTMLElement;
          clone.querySelectorAll(aside).forEach((mark) => mark.remove());
          const text = (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
          cells[(td as HTMLElement).dataset.column ?? String(i)] = text;
          list.push(text);
        });
        const head = row.querySelector(':scope > th');
        return {
          key: (row as HTMLElement).dataset.key ?? (row as HTMLElement).dataset.code ?? '',
          name: (head?.textContent ?? '').replace(/\s+/g, ' ').trim(),
          cells,
          list,
        };
      }),
    [section, NOT_THE_FIGURE] as const,
  );
}

/** The stat cards under a locator: label → { value, help, changes }. */
export async function readCards(scope: Locator): Promise<Map<string, { value: string; help: string; changes: string[] }>> {
  const cards = await scope.locator('section.stat-card').evaluateAll((sections, aside) => {
    const figure = (element: Element | null) => {
      const clone = element?.cloneNode(true) as HTMLElement | undefined;
      clone?.querySelectorAll(aside).forEach((mark) => mark.remove());
      return (clone?.textContent ?? '').replace(/\s+/g, ' ').trim();
    };
    return sections.map((section) => ({
      label: section.getAttribute('aria-label') ?? '',
      value: figure(section.querySelector('[data-testid="stat-value"]')),
      help: (section.querySelector(':scope > p')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      changes: [...section.querySelectorAll('.stat-changes li')].map((li) => (li.textContent ?? '').replace(/^[▲▼]\s*/, '').replace(/\s+/g, ' ').trim()),
    }));
  }, NOT_THE_FIGURE);
  return new Map(cards.map((card) => [card.label, card]));
}

/**
 * Collects disagreements instead of stopping at the first, so one run names every figure that differs;
 * counts what it compared, per surface.
 */
export class Ledger {
  readonly problems: string[] = [];
  readonly compared = new Map<string, number>();
  readonly combinations = new Set<string>();
  readonly untwinned = new Set<string>();
  /** How many figures compared were hidden ("<5" or "x") on the surface: a district official's must be some. */
  hidden = 0;

  /** A figure shown on `where` against the value `surface` gives for it. */
  figure(where: string, surface: string, shown: string, value: Value): void {
    this.count(where, surface);
    if (isHidden(value)) this.hidden++;
    const why = disagreement(shown, value);
    if (why) this.problems.push(`${where} [${surface}]: ${why}`);
  }

  /** Two surfaces' values of one figure (an export against the API). */
  value(where: string, surface: string, exported: Value, api: Value): void {
    this.count(where, surface);
    if (!sameValue(exported, api)) this.problems.push(`${where} [${surface}]: ${JSON.stringify(exported)} ≠ API ${JSON.stringify(api)}`);
  }

  /** A heading, file name or sheet title must name exactly the data's period(s). */
  period(where: string, text: string, expected: readonly string[]): void {
    this.count(where, 'period');
    const named = periodsIn(text);
    if (named.length === 0 || named.some((p) => !expected.includes(p)) || expected.some((p) => !named.includes(p))) {
      this.problems.push(`${where}: names ${JSON.stringify(named)} in ${JSON.stringify(text)}, the data is ${expected.join(' – ')}`);
    }
  }

  fail(message: string): void {
    this.problems.push(message);
  }

  /** A figure the page shows that no API field or export column carries. */
  noTwin(what: string): void {
    this.untwinned.add(what);
  }

  private count(where: string, surface: string): void {
    this.compared.set(surface, (this.compared.get(surface) ?? 0) + 1);
    this.combinations.add(`${where.split(' ')[0]}×${surface}`);
  }
}
