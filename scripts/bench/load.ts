// Load: N concurrent connections, each with its own signed-in session, cycling through the overview page
// and the API for a fixed time (autocannon, loopback only).
import autocannon from 'autocannon';
import type { Fixtures } from './fixtures';
import { USERS } from './fixtures';
import { signIn, type Session } from './http';
import { percentile } from './stats';
import { log } from './run';

export const LOAD_P99_BUDGET_MS = 1_000;
/** The opening seconds, when 100 connections open and their sessions make their first requests. */
export const LOAD_OPENING_SECONDS = 5;

export interface LoadResult {
  connections: number;
  seconds: number;
  sessions: { officer: number; supervisor: number };
  paths: string[];
  requests: number;
  requestsPerSecond: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  /** Answers slower than the p99 budget, and how many of them came in the opening seconds. */
  slowAnswers: number;
  slowAnswersInOpening: number;
  /** p99 of the answers after the opening seconds (for the reader; the target is judged on all). */
  latencyP99AfterOpening: number;
  met: boolean;
}

/** What one connection requests, in turn: the overview and the API calls its pages make. */
export function loadMix(fixtures: Fixtures, role: 'officer' | 'supervisor', regional: boolean): string[] {
  const wide = fixtures.provinceCode ?? fixtures.regencyCode;
  const region = regional ? `&region=${wide}` : '';
  const p = fixtures.period;
  return [
    `/${regional ? `?region=${wide}` : ''}`,
    `/api/v1/summary?period=${p}&compare=1${region}`,
    `/api/v1/trend?metric=activeMembers${region}`,
    `/api/v1/coverage?by=village&period=${p}${region}`,
    `/api/v1/coverage?by=channel&period=${p}${region}`,
    `/api/v1/map?metric=coverageRate&period=${p}${region}`,
    `/api/v1/claims/summary?${region.slice(1)}`,
    `/api/v1/agents?period=${p}`,
    ...(role === 'supervisor' ? [`/api/v1/agents/${fixtures.byRole.supervisor.agentCode}?period=${p}`] : []),
  ];
}

/** Signs in `count` sessions, a quarter of them supervisors, a few at a time (bcrypt is CPU work). */
async function signInMany(baseUrl: string, count: number): Promise<Session[]> {
  const sessions: Session[] = [];
  const roles = Array.from({ length: count }, (_, i) => (i % 4 === 3 ? USERS.supervisor : USERS.officer));
  for (let i = 0; i < roles.length; i += 4) {
    sessions.push(...(await Promise.all(roles.slice(i, i + 4).map((user) => signIn(baseUrl, user)))));
  }
  return sessions;
}

export async function runLoad(args: {
  baseUrl: string;
  fixtures: Fixtures;
  connections: number;
  seconds: number;
  paths: string[] | null;
}): Promise<LoadResult> {
  const { baseUrl, fixtures, connections, seconds } = args;
  log(`  signing in ${connections} sessions`);
  const sessions = await signInMany(baseUrl, connections);
  // Officers alternate between the district and the regency (the province at the province tier);
  // supervisors see their own agents' members.
  // Each connection starts at its own point of its cycle, as users arrive at different moments: started
  // in step, the first instant would be 100 overview renders at once, every connection on the same path.
  const plans = sessions.map((session, i) => {
    const role = session.role === 'supervisor' ? 'supervisor' : 'officer';
    const paths = args.paths ?? loadMix(fixtures, role, role === 'officer' && i % 2 === 1);
    const start = i % paths.length;
    return { cookie: session.cookieHeader, paths: [...paths.slice(start), ...paths.slice(0, start)] };
  });
  let next = 0;
  // When each answer came (ms from the start) and how long it took, to tell the opening from the rest.
  const answers: Array<{ at: number; ms: number }> = [];
  let started = 0;
  log(`  ${connections} connections for ${seconds} s`);
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 10,
    // Each connection gets its own session and its own copy of the request list.
    setupClient: (client) => {
      const plan = plans[next++ % plans.length]!;
      client.setRequests(plan.paths.map((path) => ({ method: 'GET', path, headers: { cookie: plan.cookie } })));
      client.on('response', (_status: number, _bytes: number, ms: number) => {
        started ||= performance.now() - ms;
        answers.push({ at: performance.now() - started, ms });
      });
    },
  });
  const opening = LOAD_OPENING_SECONDS * 1000;
  const slow = answers.filter((a) => a.ms > LOAD_P99_BUDGET_MS);
  const afterOpening = answers.filter((a) => a.at > opening).map((a) => a.ms);
  const statusCodes: Record<string, number> = {};
  // Around a timeout's reconnect autocannon completes some requests without a status ("undefined").
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code === 'undefined' ? 'no status (timeout reconnect)' : code] = (stat as { count: number }).count;
  }
  const errors = result.errors;
  return {
    connections,
    seconds,
    sessions: {
      officer: sessions.filter((s) => s.role !== 'supervisor').length,
      supervisor: sessions.filter((s) => s.role === 'supervisor').length,
    },
    paths: [...new Set(plans.flatMap((p) => p.paths))],
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    // With no answer at all autocannon reports 0 ms: say "none" instead.
    latencyP50: result.requests.total > 0 ? result.latency.p50 : Number.NaN,
    latencyP99: result.requests.total > 0 ? result.latency.p99 : Number.NaN,
    latencyMax: result.requests.total > 0 ? result.latency.max : Number.NaN,
    slowAnswers: slow.length,
    slowAnswersInOpening: slow.filter((a) => a.at <= opening).length,
    latencyP99AfterOpening: afterOpening.length > 0 ? percentile(afterOpening, 99) : Number.NaN,
    met: result.requests.total > 0 && errors === 0 && result.non2xx === 0 && result.latency.p99 <= LOAD_P99_BUDGET_MS,
  };
}
