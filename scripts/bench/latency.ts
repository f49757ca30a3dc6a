// p50/p95/max of each target: a few warm-up requests, then N measured ones, one at a time.
import type { RoleName } from './fixtures';
import { timedGet, type Session } from './http';
import { log } from './run';
import { formatMs, summarize, type LatencyStats } from './stats';
import type { Target } from './targets';

export interface LatencyResult extends LatencyStats {
  kind: Target['kind'];
  name: string;
  role: RoleName;
  scope: Target['scope'];
  path: string;
  budgetMs: number | null;
  met: boolean | null;
  bytes: number;
  /** HTTP failures (non-2xx) seen during warm-up or measurement; any makes the run fail. */
  failures: string[];
  /** Measurement stopped early because the target's time budget ran out. */
  truncated: boolean;
}

export interface LatencyOptions {
  warmup: number;
  requests: number;
  /** Stop measuring one target after this many seconds (at least 3 samples), so a slow endpoint
   * cannot hold the run for an hour before the rollups land. */
  maxSecondsPerTarget: number;
}

export async function measureTarget(session: Session, target: Target, options: LatencyOptions): Promise<LatencyResult & { lastBody: string }> {
  const failures: string[] = [];
  const samples: number[] = [];
  let bytes = 0;
  let lastBody = '';
  let truncated = false;
  const check = (status: number, location: string | null, body: string) => {
    if (status >= 200 && status < 300) return true;
    const where = location ? ` → ${location}` : '';
    failures.push(`HTTP ${status}${where} ${body.slice(0, 160).replace(/\s+/g, ' ')}`);
    return false;
  };
  // Warm-up within half the time limit: one slow request warms the cache as well as three.
  const warmupStarted = performance.now();
  for (let i = 0; i < options.warmup; i++) {
    const r = await timedGet(session, target.path);
    if (!check(r.status, r.location, r.body)) break;
    if (performance.now() - warmupStarted > (options.maxSecondsPerTarget * 1000) / 2) break;
  }
  const started = performance.now();
  if (failures.length === 0) {
    for (let i = 0; i < options.requests; i++) {
      const r = await timedGet(session, target.path);
      if (!check(r.status, r.location, r.body)) break;
      samples.push(r.ms);
      bytes = r.bytes;
      lastBody = r.body;
      if (samples.length >= 3 && i < options.requests - 1 && performance.now() - started > options.maxSecondsPerTarget * 1000) {
        truncated = true;
        break;
      }
    }
  }
  const stats = summarize(samples);
  const met = target.budgetMs === null || samples.length === 0 ? null : stats.p95 <= target.budgetMs;
  return {
    kind: target.kind,
    name: target.name,
    role: target.role,
    scope: target.scope,
    path: target.path,
    budgetMs: target.budgetMs,
    ...stats,
    met,
    bytes,
    failures,
    truncated,
    lastBody,
  };
}

export async function measureAll(
  sessions: Record<RoleName, Session>,
  targets: readonly Target[],
  options: LatencyOptions,
): Promise<Array<LatencyResult & { lastBody: string }>> {
  const results: Array<LatencyResult & { lastBody: string }> = [];
  for (const [i, target] of targets.entries()) {
    const result = await measureTarget(sessions[target.role], target, options);
    const state = result.failures.length > 0 ? `FAILED ${result.failures[0]}` : `p50 ${formatMs(result.p50)} ms, p95 ${formatMs(result.p95)} ms`;
    log(`  ${String(i + 1).padStart(2)}/${targets.length} ${target.role.padEnd(10)} ${target.scope.padEnd(8)} ${target.name}: ${state}`);
    results.push(result);
  }
  return results;
}
