// The recoverable-cell count on the demo data (what a district official of the demo reaches), for the
// README and the closing note: opt-in (SUPPRESSION_AUDIT_DEMO=1), the demo seed is heavy.
//   SUPPRESSION_AUDIT_DEMO=1 npx vitest run tests/integration/suppression-demo.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@/db/seed';
import { DEMO_USERS } from '@/db/seed/demo-users';
import { addMonths } from '@/domain/month';
import type { Caller } from '@/server/auth/caller';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { audit, publish } from '../helpers/suppression-audit';

const AS_OF = '2026-11-25';
const PERIODS = [addMonths('2026-10', -2), addMonths('2026-10', -1), '2026-10'];
const DISTRICT = '33.02.14';
const VILLAGES = Array.from({ length: 15 }, (_, i) => `${DISTRICT}.${2001 + i}`);
const demoOfficial = DEMO_USERS.find((u) => u.role === 'district_official')!;

describe.runIf(process.env.SUPPRESSION_AUDIT_DEMO === '1')('complementary suppression on the demo data', () => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase('pglite');
    await seedDemo(tdb, { asOf: AS_OF });
  }, 900_000);

  afterAll(async () => {
    await tdb?.destroy();
  });

  it('leaves no "<5" recoverable for the demo’s district official', async () => {
    const officer: Caller = { userId: 1, email: 'o@test', name: 'Officer', role: 'bpjs_officer', regionCode: DISTRICT };
    const official: Caller = { userId: 2, email: demoOfficial.email, name: demoOfficial.name, role: 'district_official', regionCode: demoOfficial.regionCode ?? null };
    const scope = { periods: PERIODS, regions: [DISTRICT, ...VILLAGES], home: DISTRICT, agentCodes: [] };
    const truth = await publish(tdb.db, officer, scope);
    const shown = await publish(tdb.db, official, scope);
    const result = audit(truth, shown);
    console.info(
      `demo ${PERIODS.join(', ')}: ${result.breakdownsChecked} breakdowns checked, ${result.hiddenCells} hidden cells, ` +
        `${result.recoverable.length} recoverable (with "<5" alone: ${result.recoverableWithPrimaryOnly.length})`,
    );
    console.info(`examples before: ${result.recoverableWithPrimaryOnly.slice(0, 8).join('; ')}`);
    expect(result.conflicts).toEqual([]);
    expect(result.recoverable).toEqual([]);
  }, 1_800_000);
});
