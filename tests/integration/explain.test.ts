// `explain=1` (issue 19): each figure's explanation carries the figure's own number, its numerator and
// denominator worked out by hand from tests/helpers/handmade-data.ts, the workforce estimate's year and
// sources, the provisional state, and a link whose register rows are exactly the figure's persons. For a
// district official the parts stay hidden wherever the figure is. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Caller } from '@/server/auth/caller';
import { getSummaryView } from '@/server/summary';
import { getClaimsSummary, listClaims } from '@/server/claims';
import { getCoverageView } from '@/server/coverage';
import { listAgents } from '@/server/agents';
import { listMembers } from '@/server/members';
import { parseParams } from '@/contracts/params';
import { membersContract } from '@/contracts/members';
import { claimsContract, claimsSummaryContract } from '@/contracts/claims';
import { summaryContract } from '@/contracts/summary';
import { coverageContract } from '@/contracts/coverage';
import { agentsContract } from '@/contracts/agents';
import * as schema from '@/db/schema';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';
import { DISTRICT, loadHandmadeData, V1, V2 } from '../helpers/handmade-data';

const officer: Caller = { userId: 1, email: 'o@test', name: 'Officer', role: 'bpjs_officer', regionCode: null };
const official: Caller = { userId: 2, email: 'd@test', name: 'Official', role: 'district_official', regionCode: null };

/** The register rows behind an explanation's link, read with the page's own parameters. */
function paramsOf(href: string) {
  return new URL(href, 'http://payung.test').searchParams;
}

describe.each(ENGINES)('explanations on %s', (engine) => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    await loadHandmadeData(tdb.db);
    const source = (region: string, text: string) =>
      tdb.db
        .update(schema.workforceEstimates)
        .set({ source: text })
        .where(and(eq(schema.workforceEstimates.regionCode, region), eq(schema.workforceEstimates.year, 2026)));
    await source(V1, 'Sakernas 2025');
    await source(V2, 'Survei desa 2026');
  });

  afterAll(async () => {
    await tdb?.destroy();
  });

  it('the summary of 2026-03: numerator / denominator = the card, rows = the persons counted', async () => {
    const db = tdb.db;
    const summary = await getSummaryView(db, { caller: officer, period: '2026-03', regionCode: DISTRICT, explain: true });
    expect(summaryContract.response.parse(JSON.parse(JSON.stringify(summary)))).toEqual(JSON.parse(JSON.stringify(summary)));
    const e = summary.explanations!;
    // Active in 2026-03: M1, M2, M9, M10, M12 = 5 over the 2026 estimates 50 + 30 = 80 -> 6.25 %.
    expect(e.coverageRate.value).toBe(6.25);
    expect(e.coverageRate.numerator).toEqual({ value: 5, unit: 'count' });
    expect(e.coverageRate.denominator).toEqual({ value: 80, unit: 'count', year: 2026, source: 'Sakernas 2025; Survei desa 2026' });
    // Active in 2026-02: M1, M2, M4, M5, M7, M10, M12 = 7; of them not active in 03: M4, M5, M7 = 3.
    expect(e.lapseRate.numerator?.value).toBe(3);
    expect(e.lapseRate.denominator?.value).toBe(7);
    expect(e.lapseRate.value).toBeCloseTo((3 / 7) * 100, 6);
    expect(e.lapsedMembers.value).toBe(4); // M4, M5, M7, M13
    expect(e.newEnrolments.value).toBe(1); // M9
    // As of 2026-05-05 (M13's payment), March's arrears window (to 2026-06-30) is open.
    expect(e.activeMembers.asOf).toBe('2026-05-05');
    expect(e.activeMembers.provisional).toBe(true);
    expect(e.activeMembers.population).toBe('region');
    expect(summary.noData).toBe(false);

    const counted = async (href: string | null) => {
      const p = parseParams(membersContract.params, paramsOf(href!));
      const list = await listMembers(db, { caller: officer, period: p.period, page: 1, filters: p });
      return list.total;
    };
    expect(await counted(e.activeMembers.rowsHref)).toBe(5);
    expect(await counted(e.lapseRate.rowsHref)).toBe(3);
    expect(await counted(e.lapsedMembers.rowsHref)).toBe(4);
    expect(await counted(e.newEnrolments.rowsHref)).toBe(1);
    expect(await counted(e.reactivatedMembers.rowsHref)).toBe(e.reactivatedMembers.value);
    // Payers in 2026-03: M9 (2026-03-01) only.
    expect(await counted(e.contributionsCollected.rowsHref)).toBe(1);
  });

  it('a month before the first enrolment has no data; a month past its window is final', async () => {
    const empty = await getSummaryView(tdb.db, { caller: officer, period: '2025-06', regionCode: DISTRICT, explain: true });
    expect(empty.noData).toBe(true);
    const december = await getSummaryView(tdb.db, { caller: officer, period: '2025-12', regionCode: DISTRICT, explain: true });
    expect(december.noData).toBe(false);
    expect(december.explanations!.activeMembers.provisional).toBe(false);
  });

  it('a district official: parts hidden where the figure is, no link to rows', async () => {
    const summary = await getSummaryView(tdb.db, { caller: official, period: '2026-03', regionCode: DISTRICT, explain: true });
    const e = summary.explanations!;
    expect(e.coverageRate.numerator?.value).toEqual(summary.activeMembers);
    expect(e.coverageRate.value).toEqual(summary.coverageRate);
    // The lapse rate of 3 over 7 is built from fewer than five: the rate and both its parts are hidden.
    expect(summary.lapseRate).toBe('<5');
    expect(e.lapseRate.numerator?.value).toBe('<5');
    expect(typeof e.lapseRate.denominator?.value).toBe('string');
    for (const explanation of Object.values(e)) expect(explanation.rowsHref).toBeNull();
  });

  it('claims summary, coverage and agents answer explain=1 with their contracts', async () => {
    const db = tdb.db;
    const range = { from: '2026-01', to: '2026-03' };
    const claims = await getClaimsSummary(db, { caller: officer, ...range, explain: true });
    expect(claimsSummaryContract.response.safeParse(JSON.parse(JSON.stringify(claims))).success).toBe(true);
    // Paid in 2026-01..03 inside the district: C1, C2, C6 = 3 claims, 5 000 000 + 42 000 000 + 2 500 000.
    expect(claims.explanations!.paidCount.value).toBe(3);
    expect(claims.explanations!.paidAmount.value).toBe(49_500_000);
    // Submitted in the range and decided: C1, C2, C4 (approved), C6 = 4, all approved or paid.
    expect(claims.explanations!.approvalRate.numerator?.value).toBe(4);
    expect(claims.explanations!.approvalRate.denominator?.value).toBe(4);
    const p = parseParams(claimsContract.params, paramsOf(claims.explanations!.paidCount.rowsHref!));
    const rows = await listClaims(db, { caller: officer, filters: { ...p, region: p.region ?? null, program: null, community: null, agent: null, status: p.status ?? null } });
    expect(rows.total).toBe(3);

    const villages = await getCoverageView(db, { caller: officer, period: '2026-03', regionCode: DISTRICT, by: 'village', locale: 'id', explain: true });
    expect(coverageContract.response.safeParse(JSON.parse(JSON.stringify({ ...villages, by: 'village' }))).success).toBe(true);
    // V1 in 2026-03: M1, M2, M10 active over 50 (Sakernas 2025).
    expect(villages.explanations![V1]!.numerator?.value).toBe(3);
    expect(villages.explanations![V1]!.denominator).toEqual({ value: 50, unit: 'count', year: 2026, source: 'Sakernas 2025' });
    const v1 = parseParams(membersContract.params, paramsOf(villages.explanations![V1]!.rowsHref!));
    expect((await listMembers(db, { caller: officer, period: v1.period, filters: v1 })).total).toBe(3);

    const agents = await listAgents(db, { caller: officer, period: '2026-03', explain: true });
    expect(agentsContract.response.safeParse(JSON.parse(JSON.stringify(agents))).success).toBe(true);
    expect(agents.explanations!.embedded.numerator?.value).toEqual(agents.trust.embedded.retained);
    expect(agents.explanations!.embedded.denominator?.value).toEqual(agents.trust.embedded.cohort);
  });
});
