// Raw SQL against the API: each baseline query timed like the endpoints, its figures compared with the
// API's answer for the same period and region.
import { baselineQueries, regionCodeOf, type BaselineRegion } from './baseline-queries';
import type { Sql } from './database';
import { apiFigures, compareFigures, rawFigures } from './figures';
import type { Fixtures } from './fixtures';
import type { Session } from './http';
import type { LatencyResult } from './latency';
import { measureTarget } from './latency';
import { log } from './run';
import { formatMs, speedRatio, summarize, type LatencyStats } from './stats';

/** The API must be at least this many times faster than the raw SQL (issue 9). */
export const MIN_SPEEDUP = 20;

export interface BaselineResult {
  name: string;
  region: BaselineRegion;
  regionCode: string;
  raw: LatencyStats;
  apiTarget: string;
  apiP50: number | null;
  apiP95: number | null;
  /** raw p50 / API p50. */
  ratio: number | null;
  met: boolean | null;
  compared: number;
  mismatches: string[];
  strict: boolean;
}

export async function runBaselines(args: {
  sql: Sql;
  officer: Session;
  fixtures: Fixtures;
  repetitions: number;
  /** The API section's results, when it ran; otherwise the API is measured here. */
  apiResults: readonly LatencyResult[];
  apiOptions: { warmup: number; requests: number; maxSecondsPerTarget: number };
}): Promise<BaselineResult[]> {
  const { sql, officer, fixtures } = args;
  const results: BaselineResult[] = [];
  for (const query of baselineQueries(fixtures.provinceCode !== null)) {
    const regionCode = regionCodeOf(query, fixtures);
    const params = query.params(regionCode, fixtures.period);
    // One untimed run warms the cache like the endpoints' warm-up.
    let rows = await sql.unsafe(query.sql, params);
    const samples: number[] = [];
    for (let i = 0; i < args.repetitions; i++) {
      const started = performance.now();
      rows = await sql.unsafe(query.sql, params);
      samples.push(performance.now() - started);
    }
    const raw = summarize(samples);

    const apiPath = query.apiPath(regionCode, fixtures.period);
    const body = await officer.getJson<Record<string, unknown>>(apiPath);
    const comparison = compareFigures(apiFigures(query.name, body), rawFigures(query.name, rows as unknown as Record<string, unknown>[]), {
      onlyCommonKeys: query.name === 'agents table',
    });

    const scopes = query.region === 'district' ? ['district', '-'] : [query.region];
    let api: LatencyStats | null =
      args.apiResults.find((r) => r.role === 'officer' && r.name === query.apiTargetName && scopes.includes(r.scope) && r.count > 0) ?? null;
    if (!api) {
      api = await measureTarget(officer, { kind: 'api', name: query.apiTargetName, role: 'officer', scope: query.region, path: apiPath, budgetMs: null }, args.apiOptions);
    }
    const ratio = speedRatio(raw.p50, api.p50);
    const result: BaselineResult = {
      name: query.name,
      region: query.region,
      regionCode,
      raw,
      apiTarget: query.apiTargetName,
      apiP50: api.p50,
      apiP95: api.p95,
      ratio,
      met: ratio === null ? null : ratio >= MIN_SPEEDUP,
      compared: comparison.compared,
      mismatches: comparison.mismatches,
      strict: query.strict,
    };
    const figures = comparison.mismatches.length === 0 ? `${comparison.compared} figures equal` : `${comparison.mismatches.length} MISMATCHES`;
    log(`  ${query.name} (${query.region}): raw p50 ${formatMs(raw.p50)} ms, API p50 ${formatMs(api.p50)} ms, ${figures}`);
    results.push(result);
  }
  return results;
}
