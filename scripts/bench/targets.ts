// What the latency sections request: every /api/v1 GET endpoint and every main page, for each role that
// may use it, on the district (the default) and, where the endpoint takes a region, on the regency (and the
// province at the province tier).
import type { Fixtures, RoleName } from './fixtures';

export type TargetKind = 'api' | 'page';

export interface Target {
  kind: TargetKind;
  /** A stable name without parameter values, e.g. `GET /api/v1/coverage?by=village`. */
  name: string;
  role: RoleName;
  /** 'district', 'regency', 'province' or '-' (the endpoint has no region). */
  scope: 'district' | 'regency' | 'province' | '-';
  path: string;
  /** The p95 budget in ms from the targets (pages other than the overview have none). */
  budgetMs: number | null;
}

export const API_BUDGET_MS = 100;
export const OVERVIEW_BUDGET_MS = 300;

interface Spec {
  name: string;
  path: (f: Fixtures, role: RoleName) => string;
  /** Appends `region=` for the regency run. */
  regional: boolean;
  roles: readonly RoleName[];
}

const BOTH: readonly RoleName[] = ['officer', 'supervisor'];
const OFFICER: readonly RoleName[] = ['officer'];

const API: readonly Spec[] = [
  { name: '/api/v1/summary', path: (f) => `/api/v1/summary?period=${f.period}`, regional: true, roles: BOTH },
  { name: '/api/v1/summary?compare=1', path: (f) => `/api/v1/summary?period=${f.period}&compare=1`, regional: true, roles: BOTH },
  ...(['village', 'community', 'occupation', 'channel', 'agent'] as const).map((by) => ({
    name: `/api/v1/coverage?by=${by}`,
    path: (f: Fixtures) => `/api/v1/coverage?by=${by}&period=${f.period}`,
    regional: true,
    roles: BOTH,
  })),
  { name: '/api/v1/trend (12 months)', path: () => `/api/v1/trend?metric=activeMembers`, regional: true, roles: BOTH },
  { name: '/api/v1/map', path: (f) => `/api/v1/map?metric=coverageRate&period=${f.period}`, regional: true, roles: BOTH },
  { name: '/api/v1/communities', path: (f) => `/api/v1/communities?period=${f.period}`, regional: true, roles: BOTH },
  { name: '/api/v1/claims', path: () => `/api/v1/claims?page=1`, regional: true, roles: BOTH },
  { name: '/api/v1/claims/summary', path: () => `/api/v1/claims/summary`, regional: true, roles: BOTH },
  // The agents list takes no region: the caller's own (the district for the demo officer).
  { name: '/api/v1/agents', path: (f) => `/api/v1/agents?period=${f.period}`, regional: false, roles: BOTH },
  { name: '/api/v1/agents/{code}', path: (f, r) => `/api/v1/agents/${f.byRole[r].agentCode}?period=${f.period}`, regional: false, roles: BOTH },
  { name: '/api/v1/members', path: (f) => `/api/v1/members?period=${f.period}&page=1`, regional: false, roles: BOTH },
  { name: '/api/v1/imports', path: () => `/api/v1/imports`, regional: false, roles: OFFICER },
];

const PAGES: readonly Spec[] = [
  { name: '/', path: () => '/', regional: true, roles: BOTH },
  { name: '/map', path: () => '/map', regional: true, roles: BOTH },
  { name: '/villages', path: () => '/villages', regional: true, roles: BOTH },
  { name: '/villages/[code]', path: (f) => `/villages/${f.villageCode}`, regional: false, roles: BOTH },
  { name: '/communities', path: () => '/communities', regional: true, roles: BOTH },
  { name: '/communities/[id]', path: (f, r) => `/communities/${f.byRole[r].communityId}`, regional: false, roles: BOTH },
  { name: '/worklist', path: () => '/worklist', regional: true, roles: BOTH },
  { name: '/targets', path: () => '/targets', regional: true, roles: BOTH },
  { name: '/agents', path: () => '/agents', regional: false, roles: BOTH },
  { name: '/agents/[code]', path: (f, r) => `/agents/${f.byRole[r].agentCode}`, regional: false, roles: BOTH },
  { name: '/claims', path: () => '/claims', regional: true, roles: BOTH },
  { name: '/claims/[number]', path: (f, r) => `/claims/${encodeURIComponent(f.byRole[r].claimNumber)}`, regional: false, roles: BOTH },
  { name: '/members', path: () => '/members', regional: false, roles: BOTH },
  { name: '/imports', path: () => '/imports', regional: false, roles: OFFICER },
];

function withRegion(path: string, region: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}region=${region}`;
}

function expand(kind: TargetKind, specs: readonly Spec[], fixtures: Fixtures): Target[] {
  const targets: Target[] = [];
  for (const spec of specs) {
    for (const role of spec.roles) {
      const budgetMs = kind === 'api' ? API_BUDGET_MS : spec.name === '/' ? OVERVIEW_BUDGET_MS : null;
      const path = spec.path(fixtures, role);
      targets.push({ kind, name: spec.name, role, scope: spec.regional ? 'district' : '-', path, budgetMs });
      // The kabupaten view is the point of the benchmark; a supervisor's agents all work in the district.
      if (spec.regional && role === 'officer') {
        targets.push({ kind, name: spec.name, role, scope: 'regency', path: withRegion(path, fixtures.regencyCode), budgetMs });
        if (fixtures.provinceCode) {
          targets.push({ kind, name: spec.name, role, scope: 'province', path: withRegion(path, fixtures.provinceCode), budgetMs });
        }
      }
    }
  }
  return targets;
}

export function apiTargets(fixtures: Fixtures): Target[] {
  return expand('api', API, fixtures);
}

export function pageTargets(fixtures: Fixtures): Target[] {
  return expand('page', PAGES, fixtures);
}
