// The lock-out under attempts sent at once: at most five password checks per account in 15 minutes.
import bcrypt from 'bcryptjs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { users } from '@/db/schema';
import { attemptSignIn } from '@/server/auth/sign-in';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';

const PASSWORD = 'kata-sandi-benar-2026';

describe.each(ENGINES)('sign-in lock-out on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const passwordHash = await bcrypt.hash(PASSWORD, 10);
    await database.db.insert(users).values(
      ['burst', 'forgetful', 'window'].map((name) => ({ email: `${name}@x.test`, name, role: 'bpjs_officer' as const, passwordHash })),
    );
  });
  afterAll(async () => database?.destroy());

  const attempt = (email: string, password: string, ip: string | null = '10.0.0.1') =>
    attemptSignIn(database.db, { email, password, ip });
  const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(database.db, query))[0]?.n);

  it('checks at most five passwords of a burst of 50 sent at once, and refuses the right one after', async () => {
    const email = 'burst@x.test';
    // Different addresses: the per-address limit (20) must not be what stops the burst.
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(email, `wrong-${i}`, `10.1.${i}.1`)));
    const checks = await count(sql`select count(*)::int as n from sign_in_attempts where email = ${email}`);
    console.log(`[lock-out] ${engine}: a burst of 50 parallel wrong passwords → ${checks} password checks`);
    expect(checks).toBe(5);
    expect(results.filter((result) => !result.ok && result.blockedUntil)).toHaveLength(45);
    expect(await count(sql`select count(*)::int as n from audit_log where actor_email = ${email} and action = 'sign_in_failed'`)).toBe(5);
    expect(await count(sql`select count(*)::int as n from audit_log where actor_email = ${email} and action = 'sign_in_throttled'`)).toBe(45);

    const right = await attempt(email, PASSWORD, '10.2.0.1');
    expect(right.ok).toBe(false);
    const minutes = ((!right.ok && right.blockedUntil ? right.blockedUntil.getTime() : 0) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await count(sql`select count(*)::int as n from sign_in_attempts where email = ${email}`)).toBe(5);
  });

  it('lets the account try again once the checks leave the 15-minute window', async () => {
    const email = 'window@x.test';
    for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong')).ok).toBe(false);
    expect(await attempt(email, PASSWORD)).toMatchObject({ ok: false, blockedUntil: expect.any(Date) });
    await database.db.execute(sql`update sign_in_attempts set at = now() - interval '16 minutes' where email = ${email}`);
    expect((await attempt(email, PASSWORD)).ok).toBe(true);
  });

  it('counts an account’s failures only since its last successful sign-in', async () => {
    const email = 'forgetful@x.test';
    for (let i = 0; i < 4; i++) await attempt(email, 'wrong', null);
    expect((await attempt(email, PASSWORD, null)).ok).toBe(true);
    for (let i = 0; i < 4; i++) await attempt(email, 'wrong', null);
    expect((await attempt(email, PASSWORD, null)).ok).toBe(true);
  });

  it('blocks an address after 20 checks across accounts, and only that address', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(`nobody${i}@x.test`, 'wrong', '10.9.9.9')));
    expect(await attempt('someone@x.test', 'wrong', '10.9.9.9')).toMatchObject({ ok: false, blockedUntil: expect.any(Date) });
    expect(await attempt('someone@x.test', 'wrong', '10.9.9.8')).toEqual({ ok: false });
  });
});
