// Bulk loading with COPY on either engine: postgres.js streams the text to `copy … from stdin`; PGlite
// reads it from a Blob as the file '/dev/blob' (its only COPY input). Both take PostgreSQL's text format.
import type { Database } from '@/db';

export type CopyValue = string | number | boolean | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One line of COPY text format: tab-separated, `\N` for null, backslash escapes. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) line += '\t';
    if (value === null || value === undefined) line += '\\N';
    else {
      const text = String(value);
      line += SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
    }
  }
  return `${line}\n`;
}

interface PostgresJsClient {
  unsafe: (query: string) => { writable: () => Promise<NodeJS.WritableStream> };
}
interface PgliteClient {
  query: (query: string, params?: unknown[], options?: { blob?: Blob }) => Promise<unknown>;
}

/**
 * Copies `text` (lines made by copyLine) into `table (columns)` within the transaction or database `db`.
 * `table` and `columns` are the caller's identifiers, never user input.
 */
export async function copyText(db: Database, table: string, columns: readonly string[], text: string): Promise<void> {
  if (text === '') return;
  const client = (db as unknown as { session: { client: unknown } }).session.client;
  const target = `${table} (${columns.join(', ')})`;
  if (typeof (client as Partial<PostgresJsClient>).unsafe === 'function') {
    const stream = await (client as PostgresJsClient).unsafe(`copy ${target} from stdin`).writable();
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      stream.end(text);
    });
  } else {
    await (client as PgliteClient).query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
  }
}
