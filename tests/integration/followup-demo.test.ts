// What the follow-ups achieve on the demo data, for the README and the closing note: opt-in
// (FOLLOWUP_DEMO=1), the demo seed is heavy. The demo builds a causal effect in (db/seed/followup.ts),
// so the comparison must show revisits and meetings ahead of their absence.
//   FOLLOWUP_DEMO=1 npx vitest run --project integration tests/integration/followup-demo.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@/db/seed';
import type { Caller } from '@/server/auth/caller';
import { getFollowupSummary, listTasks } from '@/server/followup';
import { addMonths } from '@/domain/month';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';

const AS_OF = process.env.FOLLOWUP_DEMO_AS_OF ?? '2026-11-25';

describe.runIf(process.env.FOLLOWUP_DEMO === '1')('follow-up effect on the demo data', () => {
  let tdb: TestDatabase;
  let seedMs = 0;

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    const started = Date.now();
    await seedDemo(tdb, { asOf: AS_OF });
    seedMs = Date.now() - started;
  }, 900_000);

  afterAll(async () => {
    await tdb?.destroy();
  });

  it('revisits and meetings come out ahead of their absence', async () => {
    const officer: Caller = { userId: 2, email: 'officer@payung.test', name: 'Officer', role: 'bpjs_officer', regionCode: null };
    const summary = await getFollowupSummary(tdb.db, { caller: officer, from: addMonths(AS_OF.slice(0, 7), -11), to: AS_OF.slice(0, 7), asOf: AS_OF });
    const d = summary.district;
    const agent: Caller = { userId: 6, email: 'agent@payung.test', name: 'Agent', role: 'agent', regionCode: null, agentCode: 'PRS-001' };
    const open = (await listTasks(tdb.db, { caller: agent, state: 'open', today: AS_OF })).reduce<Record<string, number>>((n, t) => ({ ...n, [t.kind]: (n[t.kind] ?? 0) + 1 }), {});
    console.log(`[followup demo] seed ${seedMs} ms; as of ${AS_OF}, months ${summary.from}..${summary.to}`);
    console.log(`[followup demo] on time ${d.tasksDoneOnTime}/${d.tasksDue} (${d.onTimeRate?.toFixed(1)} %)`);
    console.log(`[followup demo] recovery revisited ${d.revisitedRecovered}/${d.revisited} (${d.recoveryRate?.toFixed(1)} %), not revisited ${d.notRevisitedRecovered}/${d.notRevisited} (${d.recoveryRateNotRevisited?.toFixed(1)} %), uplift ${d.uplift?.toFixed(1)} points`);
    console.log(`[followup demo] enrolments after meetings ${d.enrolmentsAfterMeetings}/${d.meetings} claims (${d.enrolmentsPerMeeting?.toFixed(2)} each), after claims without meeting ${d.enrolmentsAfterClaimsWithoutMeeting}/${d.claimsWithoutMeeting} (${d.enrolmentsPerClaimWithoutMeeting?.toFixed(2)} each)`);
    console.log(`[followup demo] agent@payung.test open tasks ${JSON.stringify(open)}`);
    expect(d.uplift).toBeGreaterThan(0);
    expect(d.enrolmentsPerMeeting!).toBeGreaterThan(d.enrolmentsPerClaimWithoutMeeting!);
    expect(open.revisit ?? 0).toBeGreaterThan(0);
  });
});
