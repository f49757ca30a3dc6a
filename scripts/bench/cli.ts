// `npm run bench [-- --scale jateng]`: Payung at kabupaten scale (or province scale). Prepares the bench database, starts the production server on
// a loopback port, then measures the API and the pages, compares them with raw SQL, times an import's
// freshness, runs a load test and weighs each page's first-load JavaScript. Prints tables and writes
// .data/bench/bench-<time>.json and latest.json. Exits 0 when targets are only missed; 1 on real
// failures (HTTP errors, wrong figures); 2 on a bad option.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from '../build.mjs';
import { runBaselines } from './baseline';
import { connect, prepareDatabase, terminateBackends, type Sql } from './database';
import { loadFixtures, USERS, type RoleName } from './fixtures';
import { measureFirstLoadJs, PAGES_WITH_CHARTS, PAGES_WITH_MAP } from './first-load-js';
import { runFreshness } from './freshness';
import { signIn, type Session } from './http';
import { measureAll, type LatencyResult } from './latency';
import { runLoad } from './load';
import { parseOptions, SCALE_TIERS, USAGE, type BenchOptions } from './options';
import { runImportCopy } from './import-copy-run';
import { DEMO_SEED_BUDGET_SECONDS, IMPORT_COPY_TARGET_PERCENT, printReport, writeReport, type BenchReport } from './report';
import { log, runNpmScript } from './run';
import { startServer, type RunningServer } from './server';
import { formatKb, formatMs, formatRatio } from './stats';
import { apiTargets, pageTargets } from './targets';

function gitCommit(): string | null {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return null;
  }
}

/** Latency results without the bodies kept for the figure checks; failures and missed targets noted. */
function record(report: BenchReport, results: Array<LatencyResult & { lastBody?: string }>): LatencyResult[] {
  return results.map(({ lastBody: _body, ...r }) => {
    const label = `${r.name} (${r.role}, ${r.scope === '-' ? 'own scope' : r.scope})`;
    if (r.failures.length > 0) report.failures.push(`${label}: ${r.failures[0]}`);
    else if (r.met === false) report.missed.push(`${label}: p95 ${formatMs(r.p95)} ms > ${r.budgetMs} ms (by ${formatMs(r.p95 - (r.budgetMs ?? 0))} ms)`);
    return r;
  });
}

async function run(options: BenchOptions, report: BenchReport, cleanup: Array<() => Promise<void>>): Promise<void> {
  const has = (section: Parameters<BenchOptions['sections']['has']>[0]) => options.sections.has(section);
  log(`sections: ${[...options.sections].join(', ') || 'none'}`);

  if (has('demo-seed')) {
    // The seed of `npm start`'s first run, on a fresh embedded database of its own.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'payung-bench-demo-'));
    try {
      log('seeding the demo data into an empty embedded database…');
      report.demoSeedSeconds = await runNpmScript('db:seed', [], { DATABASE_URL: '', PGLITE_DIR: dir }, root);
      if (report.demoSeedSeconds > DEMO_SEED_BUDGET_SECONDS) {
        report.missed.push(`demo seed: ${report.demoSeedSeconds.toFixed(1)} s > ${DEMO_SEED_BUDGET_SECONDS} s`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    if (options.sections.size === 1) return;
  }

  if (has('import-copy')) {
    log('imports against a plain COPY of the same files (a database of its own)');
    const url = new URL(options.databaseUrl);
    url.pathname = `${url.pathname}_import`;
    report.importCopy = await runImportCopy(url.toString(), root);
    for (const kind of ['members', 'contributions'] as const) {
      const m = report.importCopy[kind];
      if (m.errors > 0) report.failures.push(`import-copy ${kind}: ${m.errors} errors in a file meant to be valid`);
      else if (m.percentOfCopy < IMPORT_COPY_TARGET_PERCENT) report.missed.push(`import-copy ${kind}: ${m.percentOfCopy.toFixed(1)} % of COPY < ${IMPORT_COPY_TARGET_PERCENT} % (inserting the rows alone: ${((m.copySeconds / m.insertOnlySeconds) * 100).toFixed(1)} %)`);
    }
    if ([...options.sections].every((s) => s === 'import-copy' || s === 'demo-seed')) return;
  }

  const { tier, rebuildBudgetSeconds } = SCALE_TIERS[options.scale];
  log(`${tier} tier (--scale ${options.scale})`);
  report.database = await prepareDatabase(options.databaseUrl, root, has('rebuild'), options.scale);
  if (report.database.rollupRebuildSeconds !== null && report.database.rollupRebuildSeconds > rebuildBudgetSeconds) {
    report.missed.push(`rollup rebuild: ${report.database.rollupRebuildSeconds.toFixed(1)} s > ${rebuildBudgetSeconds} s`);
  }
  const sql: Sql = connect(options.databaseUrl, 2);
  cleanup.push(() => sql.end({ timeout: 5 }));
  const fixtures = await loadFixtures(sql, options.scale === 'jateng');
  report.fixtures = fixtures;
  const province = fixtures.provinceCode ? `, province ${fixtures.provinceCode}` : '';
  log(`period ${fixtures.period}, district ${fixtures.districtCode}, regency ${fixtures.regencyCode}${province}, village ${fixtures.villageCode}`);

  const server: RunningServer = await startServer({ root, port: options.port, databaseUrl: options.databaseUrl, outDir: options.outDir });
  cleanup.push(async () => {
    await server.stop();
    const ended = await terminateBackends(sql, server.applicationName);
    if (ended > 0) log(`ended ${ended} database queries the server left running`);
  });
  report.serverStartSeconds = server.startSeconds;

  const sessions: Record<RoleName, Session> = {
    officer: await signIn(server.baseUrl, USERS.officer),
    supervisor: await signIn(server.baseUrl, USERS.supervisor),
  };
  const latencyOptions = { warmup: options.warmup, requests: options.requests, maxSecondsPerTarget: options.targetSeconds };

  // A section that breaks is a failure of the run, but the other sections still report.
  const section = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      report.failures.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
      console.error(error);
    }
  };
  // The load test goes last: it leaves a saturated server behind that would slow whatever came next.
  if (has('api')) await section('api', async () => {
    log('API latency');
    report.api = record(report, await measureAll(sessions, apiTargets(fixtures), latencyOptions));
  });
  if (has('pages')) await section('pages', async () => {
    log('page server render');
    report.pages = record(report, await measureAll(sessions, pageTargets(fixtures), latencyOptions));
  });
  if (has('baseline')) await section('baseline', async () => {
    log(`raw SQL baseline (${options.baselineRequests} repetitions each)`);
    report.baseline = await runBaselines({
      sql,
      officer: sessions.officer,
      fixtures,
      repetitions: options.baselineRequests,
      apiResults: report.api ?? [],
      apiOptions: latencyOptions,
    });
    for (const b of report.baseline) {
      const label = `${b.name} (${b.region})`;
      if (b.mismatches.length > 0) {
        const text = `${label}: the API and raw SQL differ on ${b.mismatches.length} of ${b.compared} figures, e.g. ${b.mismatches[0]}`;
        (b.strict ? report.failures : report.warnings).push(text);
      }
      if (b.met === false) report.missed.push(`${label}: raw SQL p50 / API p50 = ${formatRatio(b.ratio)} (target ≥ 20×)`);
    }
  });
  if (has('freshness')) await section('freshness', async () => {
    log('freshness of an import of 10,000 contributions');
    const f = await runFreshness({ sql, officer: sessions.officer, fixtures });
    report.freshness = f;
    if (f.error) report.failures.push(`freshness: ${f.error}`);
    else if (f.met === false) report.missed.push(`freshness: ${f.visibleSeconds?.toFixed(2)} s > 5 s`);
  });
  if (has('js')) await section('js', async () => {
    log('first-load JavaScript');
    report.firstLoadJs = await measureFirstLoadJs(sessions, fixtures);
    for (const p of report.firstLoadJs) {
      if (p.status === null || p.status >= 400) {
        report.failures.push(`first-load JS ${p.name} (${p.role}): ${p.error ?? `HTTP ${p.status}`}`);
        continue;
      }
      if (!p.met) report.missed.push(`first-load JS ${p.name} (${p.role}): ${formatKb(p.transferredBytes)} > 250 kB`);
      if (p.libraries.includes('recharts') && !PAGES_WITH_CHARTS.has(p.name)) report.missed.push(`first-load JS ${p.name} ships Recharts without a chart`);
      if (p.libraries.includes('d3-geo') && !PAGES_WITH_MAP.has(p.name)) report.missed.push(`first-load JS ${p.name} ships d3-geo without a map`);
    }
  });
  if (has('load')) await section('load', async () => {
    log('load test');
    const l = await runLoad({
      baseUrl: server.baseUrl,
      fixtures,
      connections: options.loadConnections,
      seconds: options.loadSeconds,
      paths: options.loadPaths,
    });
    report.load = l;
    if (!l.met) report.missed.push(`load: ${l.errors} errors (${l.timeouts} timeouts), ${l.non2xx} non-2xx, p99 ${formatMs(l.latencyP99)} ms (target 0 errors, p99 ≤ 1000 ms)`);
  });
}

async function main(): Promise<number> {
  let parsed: BenchOptions | 'help';
  try {
    parsed = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const options: BenchOptions = { ...parsed, outDir: path.resolve(root, parsed.outDir) };
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    gitCommit: gitCommit(),
    machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.release()}` },
    options: { ...options, databaseUrl: undefined, sections: [...options.sections] },
    failures: [],
    missed: [],
    warnings: [],
  };
  const cleanup: Array<() => Promise<void>> = [];
  const runCleanup = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // Stopping the server makes the requests in flight fail, so the run ends and reports what it has.
      interrupted = true;
      log(`${signal}: stopping the server`);
      report.failures.push(`interrupted by ${signal}: the results are partial`);
      void runCleanup();
      setTimeout(() => process.exit(130), 20_000).unref();
    });
  }

  try {
    await run(options, report, cleanup);
  } catch (error) {
    report.failures.push(`aborted: ${(error as Error).message}`);
    console.error(error);
  } finally {
    await runCleanup();
  }
  report.finishedAt = new Date().toISOString();
  printReport(report);
  const file = writeReport(report, options.outDir);
  log(`results written to ${path.relative(root, file)} and latest.json`);
  if (interrupted) return 130;
  return report.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
