// The printed tables and the JSON result file.
import fs from 'node:fs';
import path from 'node:path';
import type { BaselineResult } from './baseline';
import { MIN_SPEEDUP } from './baseline';
import type { DatabaseReport } from './database';
import type { PageJs } from './first-load-js';
import { JS_BUDGET_BYTES, PAGES_WITH_CHARTS, PAGES_WITH_MAP } from './first-load-js';
import type { FreshnessResult } from './freshness';
import type { ImportCopyMeasure } from './import-copy';
import { FRESHNESS_BUDGET_SECONDS } from './freshness';
import type { LatencyResult } from './latency';
import type { LoadResult } from './load';
import { LOAD_OPENING_SECONDS, LOAD_P99_BUDGET_MS } from './load';
import { formatKb, formatMs, formatRatio } from './stats';

export interface BenchReport {
  startedAt: string;
  finishedAt?: string;
  gitCommit: string | null;
  machine: { cpus: number; node: string; platform: string };
  options: Record<string, unknown>;
  database?: DatabaseReport;
  /** Seconds to seed the demo data into an empty embedded database (what `npm start` does the first time). */
  demoSeedSeconds?: number;
  importCopy?: { members: ImportCopyMeasure; contributions: ImportCopyMeasure };
  serverStartSeconds?: number;
  fixtures?: unknown;
  api?: LatencyResult[];
  pages?: LatencyResult[];
  baseline?: BaselineResult[];
  freshness?: FreshnessResult;
  load?: LoadResult;
  firstLoadJs?: PageJs[];
  /** Real failures (HTTP errors, wrong figures): the run exits non-zero. */
  failures: string[];
  /** Targets missed: reported, the run still exits 0. */
  missed: string[];
  /** Worth a look, not a failure (e.g. figures of a loosely defined set that differ). */
  warnings: string[];
}

/** The demo seeds in 15–30 s on a quiet 2-core machine; twice that means a query per row or a lost index. */
export const DEMO_SEED_BUDGET_SECONDS = 60;
/** An import's throughput against a plain COPY of the same file, in % (issue 22). */
export const IMPORT_COPY_TARGET_PERCENT = 10;

const mark = (met: boolean | null | undefined) => (met === null || met === undefined ? '–' : met ? '✓' : '✗');

/** A plain text table: the first row is the header; numeric-looking cells align right. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  const numeric = (cell: string) => /^[-–+]?[\d.,]+( ?(ms|s|kB|×|%))?$|^–$/.test(cell);
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...cell].length));
        return numeric(cell) && i > 0 ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const [head, ...body] = rows;
  if (!head) return '';
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function latencyTable(results: readonly LatencyResult[], baseline: readonly BaselineResult[]): string {
  const rawFor = (r: LatencyResult) =>
    baseline.find(
      (b) => b.apiTarget === r.name && r.role === 'officer' && (b.region === r.scope || (b.region === 'district' && r.scope === '-')),
    );
  return table([
    ['endpoint', 'role', 'region', 'n', 'p50 ms', 'p95 ms', 'max ms', 'raw p50 ms', 'raw/API', 'target', 'met'],
    ...results.map((r) => {
      const raw = rawFor(r);
      return [
        r.name,
        r.role,
        r.scope,
        `${r.count}${r.truncated ? '*' : ''}`,
        formatMs(r.p50),
        formatMs(r.p95),
        formatMs(r.max),
        raw ? formatMs(raw.raw.p50) : '–',
        formatRatio(raw?.ratio),
        r.budgetMs === null ? '–' : `p95 ≤ ${r.budgetMs}`,
        r.failures.length > 0 ? 'FAIL' : mark(r.met),
      ];
    }),
  ]);
}

export function printReport(report: BenchReport): void {
  const out: string[] = [];
  const section = (title: string) => out.push('', `== ${title}`);
  if (report.database) {
    const d = report.database;
    section(`Database (--scale ${d.scale})`);
    out.push(
      `${d.url}: ${d.members.toLocaleString('en')} members, ${d.contributions.toLocaleString('en')} contributions ` +
        `(${d.contributionMonths.toLocaleString('en')} contribution-months), ${d.claims.toLocaleString('en')} claims, ` +
        `${d.rollupRows.toLocaleString('en')} rollup rows` +
        (d.seeded ? `; seeded in ${d.seedSeconds?.toFixed(0)} s` : '; reused'),
    );
    out.push(
      d.rollupRebuildSeconds === null
        ? `Rollup rebuild: ${d.rollupRebuildNote}`
        : `Rollup rebuild: ${d.rollupRebuildSeconds.toFixed(1)} s (target ≤ ${d.rollupRebuildBudgetSeconds} s) ${mark(d.rollupRebuildSeconds <= d.rollupRebuildBudgetSeconds)}`,
    );
  }
  if (report.demoSeedSeconds !== undefined) {
    section('Demo seed');
    out.push(`Empty embedded database → demo data: ${report.demoSeedSeconds.toFixed(1)} s (target ≤ ${DEMO_SEED_BUDGET_SECONDS} s) ${mark(report.demoSeedSeconds <= DEMO_SEED_BUDGET_SECONDS)}`);
  }
  if (report.importCopy) {
    section(`Imports against a plain COPY of the same file (target ≥ ${IMPORT_COPY_TARGET_PERCENT} % of COPY's rows/s)`);
    out.push(
      table([
        ['file', 'rows', 'MB', 'COPY s', 'COPY rows/s', 'insert only s', '% of COPY', 'read s', 'import s', 'import rows/s', '% of COPY', 'met'],
        ...(['members', 'contributions'] as const).map((kind) => {
          const m = report.importCopy![kind];
          return [
            kind,
            m.rows.toLocaleString('en'),
            (m.bytes / 1e6).toFixed(1),
            m.copySeconds.toFixed(2),
            Math.round(m.rows / m.copySeconds).toLocaleString('en'),
            m.insertOnlySeconds.toFixed(2),
            ((m.copySeconds / m.insertOnlySeconds) * 100).toFixed(1),
            m.readSeconds.toFixed(2),
            m.importSeconds.toFixed(2),
            Math.round(m.rows / m.importSeconds).toLocaleString('en'),
            m.percentOfCopy.toFixed(1),
            mark(m.percentOfCopy >= IMPORT_COPY_TARGET_PERCENT && m.errors === 0),
          ];
        }),
      ]),
    );
  }
  const baseline = report.baseline ?? [];
  if (report.api) {
    section('API latency (sequential requests after warm-up; * = stopped early by the time limit per endpoint)');
    out.push(latencyTable(report.api, baseline));
  }
  if (report.pages) {
    section('Server render of the pages (full HTML, streamed to the last byte)');
    out.push(latencyTable(report.pages, baseline));
  }
  if (report.baseline) {
    section(`Raw SQL baseline (the same figures from the raw tables; target: API ≥ ${MIN_SPEEDUP}× faster)`);
    out.push(
      table([
        ['figure set', 'region', 'raw p50 ms', 'raw p95 ms', 'API p50 ms', 'API p95 ms', 'raw/API', 'met', 'figures'],
        ...report.baseline.map((b) => [
          b.name,
          b.region,
          formatMs(b.raw.p50),
          formatMs(b.raw.p95),
          formatMs(b.apiP50),
          formatMs(b.apiP95),
          formatRatio(b.ratio),
          mark(b.met),
          b.mismatches.length === 0 ? `${b.compared} equal` : `${b.mismatches.length} differ${b.strict ? '' : ' (warning)'}`,
        ]),
      ]),
    );
    for (const b of report.baseline.filter((x) => x.mismatches.length > 0)) {
      out.push(`  ${b.strict ? 'MISMATCH' : 'warning'} ${b.name} (${b.region}): ${b.mismatches.slice(0, 6).join('; ')}${b.mismatches.length > 6 ? ' …' : ''}`);
    }
  }
  if (report.freshness) {
    const f = report.freshness;
    section(`Freshness (${f.rows.toLocaleString('en')} contributions imported for ${f.period}, summary of ${f.region}; target ≤ ${FRESHNESS_BUDGET_SECONDS} s)`);
    out.push(
      table([
        ['step', 'seconds', 'met'],
        ['check first (preview, rolled back; not timed for the target)', f.previewSeconds.toFixed(2), '–'],
        ['upload → import committed', f.importSeconds.toFixed(2), '–'],
        ['upload → summary shows the import', f.visibleSeconds === null ? 'never' : f.visibleSeconds.toFixed(2), mark(f.met)],
        ['undo', f.undoSeconds === null ? '–' : f.undoSeconds.toFixed(2), '–'],
        ['undo → summary back to before', f.undoVisibleSeconds === null ? 'never' : f.undoVisibleSeconds.toFixed(2), '–'],
      ]),
    );
    if (f.error) out.push(`  ${f.error}`);
  }
  if (report.firstLoadJs) {
    section(`First-load JavaScript (gzip as transferred, at the load event; target ≤ ${formatKb(JS_BUDGET_BYTES)})`);
    out.push(
      table([
        ['page', 'role', 'scripts', 'gzip', 'decoded', 'after idle', 'charts/map code', 'met'],
        ...report.firstLoadJs.map((p) => {
          const unexpected = p.libraries.filter(
            (lib) => (lib === 'recharts' && !PAGES_WITH_CHARTS.has(p.name)) || (lib === 'd3-geo' && !PAGES_WITH_MAP.has(p.name)),
          );
          return [
            p.name,
            p.role,
            String(p.scripts),
            formatKb(p.transferredBytes),
            formatKb(p.decodedBytes),
            formatKb(p.idleTransferredBytes),
            p.libraries.length === 0
              ? '–'
              : `${p.libraries.map((lib) => `${lib} ${formatKb(p.libraryBytes[lib] ?? 0)}`).join(', ')}${unexpected.length ? ' (unexpected!)' : ''}`,
            mark(p.met),
          ];
        }),
      ]),
    );
  }
  if (report.load) {
    const l = report.load;
    section(`Load test (${l.connections} signed-in connections: ${l.sessions.officer} officer, ${l.sessions.supervisor} supervisor sessions; ${l.seconds} s)`);
    out.push(
      table([
        ['requests', 'req/s', 'errors', 'timeouts', 'non-2xx', 'p50 ms', 'p99 ms', 'max ms', 'target', 'met'],
        [
          l.requests.toLocaleString('en'),
          l.requestsPerSecond.toFixed(1),
          String(l.errors),
          String(l.timeouts),
          String(l.non2xx),
          formatMs(l.latencyP50),
          formatMs(l.latencyP99),
          formatMs(l.latencyMax),
          `0 errors, p99 ≤ ${LOAD_P99_BUDGET_MS}`,
          mark(l.met),
        ],
      ]),
    );
    out.push(`  status codes: ${Object.entries(l.statusCodes).map(([c, n]) => `${c}: ${n}`).join(', ')}`);
    out.push(
      `  answers over ${LOAD_P99_BUDGET_MS} ms: ${l.slowAnswers}, ${l.slowAnswersInOpening} of them in the first ${LOAD_OPENING_SECONDS} s` +
        ` (connections opening); p99 after those ${LOAD_OPENING_SECONDS} s: ${formatMs(l.latencyP99AfterOpening)} ms`,
    );
  }
  section('Result');
  if (report.missed.length > 0) out.push(`Targets missed (${report.missed.length}):`, ...report.missed.map((m) => `  ✗ ${m}`));
  else out.push('Every target measured was met.');
  if (report.warnings.length > 0) out.push(`Warnings (${report.warnings.length}):`, ...report.warnings.map((w) => `  ? ${w}`));
  if (report.failures.length > 0) out.push(`FAILURES (${report.failures.length}):`, ...report.failures.map((f) => `  ! ${f}`));
  console.log(out.join('\n'));
}

export function writeReport(report: BenchReport, outDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const file = path.join(outDir, `bench-${stamp}.json`);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(outDir, 'latest.json'), text);
  return file;
}
