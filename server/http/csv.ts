// CSV out of Payung. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start)
// are prefixed with a quote: exports must never carry an injection into an officer's Excel. A plain signed
// number (a latitude of -7.41) is no formula and stays as it is, so it reads back as a number.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 byte-order mark: Excel opens the file as UTF-8 only when it starts with one. */
export const BOM = '\uFEFF';

/** Rows as CSV text, header first, CRLF line ends, starting with a BOM for Excel. */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const header = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const lines = [header.map(cell).join(',')];
  for (const row of rows) lines.push(header.map((key) => cell(row[key])).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
