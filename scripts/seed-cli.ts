// `npm run db:seed [-- --scale banyumas|jateng] [-- --as-of YYYY-MM-DD]`: clears the database (DATABASE_URL or
// the embedded one in ./.data/pglite) and fills it with the synthetic demo data, or with scale data for
// performance work (PostgreSQL only): the whole of Kabupaten Banyumas, or the whole of Central Java.
import { openDatabase } from '@/db';
import { SCALES, seedDemo, seedScale, type ScaleName } from '@/db/seed';
import { assertIsoDate, type SeedCounts } from '@/db/seed/util';

const USAGE = `Usage: npm run db:seed -- [--scale ${SCALES.join('|')}] [--as-of YYYY-MM-DD]`;

function parseArgs(argv: string[]): { scale?: ScaleName; asOf?: string } {
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
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown option ${arg}. ${USAGE}`);
  }
  if (out.asOf !== undefined) assertIsoDate(out.asOf, '--as-of');
  if (out.scale !== undefined && !(SCALES as readonly string[]).includes(out.scale)) {
    throw new Error(`Unknown scale "${out.scale}": ${SCALES.map((s) => `"${s}"`).join(' or ')}.`);
  }
  return out as { scale?: ScaleName; asOf?: string };
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
    if (args.scale && handle.engine !== 'postgres') {
      throw new Error(
        `The ${args.scale} scale data is for a PostgreSQL server: set DATABASE_URL (the embedded database would take far too long).`,
      );
    }
    const log = (m: string) => console.log(`  ${m}`);
    const counts = args.scale
      ? await seedScale(handle, { scale: args.scale, asOf: args.asOf, log })
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
