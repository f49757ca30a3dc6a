// `npm run db:seed [-- --scale banyumas] [-- --as-of YYYY-MM-DD]`: clears the database (DATABASE_URL or the
// embedded one in ./.data/pglite) and fills it with the synthetic demo data, or with the whole-Banyumas
// scale data for performance work (PostgreSQL only).
import { openDatabase } from '@/db';
import { seedDemo, seedScale } from '@/db/seed';
import { assertIsoDate, type SeedCounts } from '@/db/seed/util';

function parseArgs(argv: string[]): { scale?: string; asOf?: string } {
  const out: { scale?: string; asOf?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    if (name === '--scale') out.scale = value();
    else if (name === '--as-of') out.asOf = value();
    else if (name === '--help' || name === '-h') {
      console.log('Usage: npm run db:seed -- [--scale banyumas] [--as-of YYYY-MM-DD]');
      process.exit(0);
    } else throw new Error(`Unknown option ${arg}. Usage: npm run db:seed -- [--scale banyumas] [--as-of YYYY-MM-DD]`);
  }
  if (out.asOf !== undefined) assertIsoDate(out.asOf, '--as-of');
  if (out.scale !== undefined && out.scale !== 'banyumas') {
    throw new Error(`Unknown scale "${out.scale}": the only one is "banyumas".`);
  }
  return out;
}

function printCounts(counts: SeedCounts) {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [table, n] of Object.entries(counts)) {
    console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('id-ID').padStart(12)}`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const handle = await openDatabase({ migrate: true });
  try {
    console.log(`Seeding ${handle.engine} database at ${handle.location} ...`);
    if (args.scale === 'banyumas' && handle.engine !== 'postgres') {
      throw new Error(
        'The banyumas scale data is for a PostgreSQL server: set DATABASE_URL (the embedded database would take far too long).',
      );
    }
    const log = (m: string) => console.log(`  ${m}`);
    const counts = args.scale
      ? await seedScale(handle, { scale: 'banyumas', asOf: args.asOf, log })
      : await seedDemo(handle, { asOf: args.asOf, log, replace: true });
    console.log('Rows:');
    printCounts(counts);
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  // Plain messages (a locked embedded database, a bad option); a failed query also names its cause.
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  console.error(cause && !message.includes(cause) ? `${message.split('\n')[0]}\n${cause}` : message);
  process.exit(1);
});
