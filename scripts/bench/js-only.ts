// `npx tsx scripts/bench/js-only.ts`: only the first-load JavaScript part of `npm run bench`, against a
// server you started yourself (BENCH_BASE_URL, default http://127.0.0.1:3200) on any seeded database
// (BENCH_DATABASE_URL, read only: for the village, agent, community and claim in the URLs). The demo
// data is enough: script sizes do not depend on the data's scale. Exits 1 when a page is over budget.
import { connect } from './database';
import { loadFixtures, USERS } from './fixtures';
import { measureFirstLoadJs, PAGES_WITH_CHARTS, PAGES_WITH_MAP } from './first-load-js';
import { signIn } from './http';

async function main(): Promise<number> {
  const baseUrl = process.env.BENCH_BASE_URL ?? 'http://127.0.0.1:3200';
  const sql = connect(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/payung_bench', 1);
  const fixtures = await loadFixtures(sql, false).finally(() => sql.end());
  const sessions = { officer: await signIn(baseUrl, USERS.officer), supervisor: await signIn(baseUrl, USERS.supervisor) };
  const results = await measureFirstLoadJs(sessions, fixtures);
  let failed = false;
  for (const r of results) {
    const stray = r.libraries.filter((lib) => (lib === 'recharts' ? !PAGES_WITH_CHARTS.has(r.name) : !PAGES_WITH_MAP.has(r.name)));
    if (!r.met || stray.length > 0 || r.error) failed = true;
    console.log(
      [
        r.role.padEnd(10),
        r.name.padEnd(18),
        `${(r.transferredBytes / 1000).toFixed(1).padStart(6)} kB at load`,
        `${(r.idleTransferredBytes / 1000).toFixed(1).padStart(6)} kB at idle`,
        r.libraries.join(', '),
        r.met ? '' : 'OVER BUDGET',
        stray.length ? `ships ${stray.join(', ')} without using it` : '',
        r.error ?? '',
      ].filter(Boolean).join('  '),
    );
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
