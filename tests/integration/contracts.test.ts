// What the services return for each v1 endpoint is exactly what its contract's response schema reads: the
// browser parses every answer with that schema, so a field the schema lacks would silently vanish there
// and a field of another type would fail. Checked on the hand-made data, for a role that sees personal
// data and one that sees "<5", on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Caller } from '@/server/auth/caller';
import { getAgentDetail, listAgents } from '@/server/agents';
import { getClaimsSummary, listClaims } from '@/server/claims';
import { getCoverageView, getTrendView, listCommunities } from '@/server/coverage';
import { getMapView } from '@/server/map';
import { listMembers } from '@/server/members';
import { getSummaryView } from '@/server/summary';
import { agentContract, agentsContract } from '@/contracts/agents';
import { claimsContract, claimsSummaryContract } from '@/contracts/claims';
import { communitiesContract, COVERAGE_BY, coverageContract, trendContract } from '@/contracts/coverage';
import { mapContract } from '@/contracts/map';
import { membersContract } from '@/contracts/members';
import { summaryContract } from '@/contracts/summary';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';
import { DISTRICT, loadHandmadeData } from '../helpers/handmade-data';

const officer: Caller = { userId: 1, email: 'o@test', name: 'Officer', role: 'bpjs_officer', regionCode: null };
const official: Caller = { userId: 2, email: 'd@test', name: 'Official', role: 'district_official', regionCode: null };

/** The body as it travels (JSON), read back by the schema: nothing dropped, nothing changed. */
function expectContract(schema: z.ZodType, body: unknown, label: string) {
  const sent: unknown = JSON.parse(JSON.stringify(body));
  const read = schema.safeParse(sent);
  expect(read.error?.issues ?? [], label).toEqual([]);
  expect(read.data, label).toEqual(sent);
}

describe.each(ENGINES)('v1 responses against their contracts on %s', (engine) => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    await loadHandmadeData(tdb.db);
  });

  afterAll(async () => {
    await tdb?.destroy();
  });

  it('every endpoint answers what its schema reads', async () => {
    const db = tdb.db;
    const period = '2026-03';
    let suppressed = 0;
    for (const caller of [officer, official]) {
      const summary = await getSummaryView(db, { caller, period, regionCode: DISTRICT, compare: true, explain: true });
      expect(summary.explanations).toBeDefined();
      expectContract(summaryContract.response, summary, `summary ${caller.role}`);
      suppressed += JSON.stringify(summary).split('"<5"').length - 1;
      for (const by of COVERAGE_BY) {
        const view = await getCoverageView(db, { caller, period, regionCode: DISTRICT, by, locale: 'id', explain: true });
        const body = { rows: view.rows, period: view.period, region: view.region, by: view.by, provisional: view.provisional, explanations: view.explanations };
        expectContract(coverageContract.response, body, `coverage ${by}`);
      }
      const rows = await listCommunities(db, { caller, period, regionCode: DISTRICT, locale: 'id' });
      expectContract(communitiesContract.response, { rows, period }, 'communities');
      const trend = await getTrendView(db, { caller, metric: 'coverageRate', from: '2025-12', to: period, regionCode: DISTRICT });
      expectContract(trendContract.response, trend, 'trend');
      const map = await getMapView(db, { caller, period, metric: 'claimsPaidCount', regionCode: DISTRICT });
      expectContract(mapContract.response, map, 'map');
      const agents = await listAgents(db, { caller, period, explain: true });
      expectContract(agentsContract.response, agents, 'agents');
      const agent = await getAgentDetail(db, { caller, code: agents.rows[0]!.code, period });
      expectContract(agentContract.response, { period, ...agent }, 'agent');
      const range = { from: '2025-01', to: period };
      // The register is not for the district official (aggregates only).
      if (caller === officer) {
        const list = await listClaims(db, {
          caller,
          filters: { ...range, program: null, status: null, region: null, community: null, agent: null },
        });
        expect(list.rows.length).toBeGreaterThan(0);
        expectContract(claimsContract.response, { ...list, ...range }, 'claims');
      }
      expectContract(claimsSummaryContract.response, await getClaimsSummary(db, { caller, ...range, explain: true }), 'claims summary');
      if (caller === officer) {
        const members = await listMembers(db, { caller, period });
        expect(members.rows.length).toBeGreaterThan(0);
        expectContract(membersContract.response, members, 'members');
      }
    }
    // The district official's answers carried "<5" cells through the schemas.
    expect(suppressed).toBeGreaterThan(0);
  });
});
