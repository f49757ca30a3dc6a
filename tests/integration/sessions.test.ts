import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '@/server/audit';
import { updateUser } from '@/server/users';
import { createSession, findSessionUser, revokeSession } from '@/server/auth/sessions';
import { signInBlockedUntil } from '@/server/auth/sign-in-throttle';
import { userSessions, users } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';

describe.each(ENGINES)('sessions and sign-in throttling on %s', (engine) => {
  let database: TestDatabase;
  let adminCaller: Caller;
  let officerId: number;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const inserted = await database.db
      .insert(users)
      .values([
        { email: 'admin@x.test', name: 'Admin', role: 'admin', passwordHash: 'x' },
        { email: 'officer@x.test', name: 'Officer', role: 'bpjs_officer', passwordHash: 'x' },
      ])
      .returning({ id: users.id });
    adminCaller = { userId: inserted[0]!.id, email: 'admin@x.test', name: 'Admin', role: 'admin', regionCode: null };
    officerId = inserted[1]!.id;
  });
  afterAll(async () => database?.destroy());

  it('finds the user of a live session and not of a revoked one', async () => {
    const id = await createSession(database.db, officerId, '127.0.0.1');
    expect((await findSessionUser(database.db, id, 0))?.email).toBe('officer@x.test');
    expect(await findSessionUser(database.db, id, 1)).toBeNull(); // a stale session version
    await revokeSession(database.db, id);
    expect(await findSessionUser(database.db, id, 0)).toBeNull();
  });

  it('ends a session idle for more than 30 minutes, or older than its absolute lifetime', async () => {
    const idle = await createSession(database.db, officerId, null);
    await database.db.execute(
      sql`update user_sessions set last_seen_at = now() - interval '31 minutes' where id = ${idle}`,
    );
    expect(await findSessionUser(database.db, idle, 0)).toBeNull();

    const recent = await createSession(database.db, officerId, null);
    await database.db.execute(
      sql`update user_sessions set last_seen_at = now() - interval '29 minutes' where id = ${recent}`,
    );
    expect(await findSessionUser(database.db, recent, 0)).not.toBeNull();

    const expired = await createSession(database.db, officerId, null);
    await database.db.execute(sql`update user_sessions set expires_at = now() - interval '1 second' where id = ${expired}`);
    expect(await findSessionUser(database.db, expired, 0)).toBeNull();
  });

  it('ends every session of a user who is deactivated', async () => {
    const id = await createSession(database.db, officerId, null);
    const result = await updateUser(database.db, {
      caller: adminCaller,
      input: { userId: officerId, role: 'bpjs_officer', regionCode: null, active: false },
    });
    expect(result).toEqual({ ok: true });
    expect(await findSessionUser(database.db, id, 1)).toBeNull();
    const open = await database.db.select().from(userSessions).where(sql`revoked_at is null and user_id = ${officerId}`);
    expect(open).toHaveLength(0);
  });

  it('refuses an admin demoting or deactivating their own account', async () => {
    const result = await updateUser(database.db, {
      caller: adminCaller,
      input: { userId: adminCaller.userId, role: 'bpjs_officer', regionCode: null, active: true },
    });
    expect(result).toEqual({ ok: false, reason: 'notYourself' });
  });

  it('blocks an account after 5 failures in 15 minutes, until the 5th most recent leaves the window', async () => {
    const email = 'target@x.test';
    for (let i = 0; i < 4; i++) await writeAudit(database.db, { actorEmail: email, action: 'sign_in_failed', ip: '10.0.0.1' });
    expect(await signInBlockedUntil(database.db, email, '10.0.0.1')).toBeNull();
    await writeAudit(database.db, { actorEmail: email, action: 'sign_in_failed', ip: '10.0.0.1' });
    const until = await signInBlockedUntil(database.db, email, '10.0.0.1');
    expect(until).not.toBeNull();
    const minutes = (until!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    // Failures older than the window do not count.
    await database.db.execute(
      sql`update audit_log set at = now() - interval '16 minutes' where actor_email = ${email}`,
    );
    expect(await signInBlockedUntil(database.db, email, '10.0.0.1')).toBeNull();
  });

  it('counts an account’s failures only since its last successful sign-in', async () => {
    const email = 'forgetful@x.test';
    for (let i = 0; i < 4; i++) await writeAudit(database.db, { actorEmail: email, action: 'sign_in_failed' });
    await database.db.execute(sql`update audit_log set at = now() - interval '2 minutes' where actor_email = ${email}`);
    await writeAudit(database.db, { actorEmail: email, action: 'sign_in' });
    await writeAudit(database.db, { actorEmail: email, action: 'sign_in_failed' });
    expect(await signInBlockedUntil(database.db, email, null)).toBeNull();
  });

  it('blocks an address after 20 failures across accounts', async () => {
    for (let i = 0; i < 20; i++) {
      await writeAudit(database.db, { actorEmail: `user${i}@x.test`, action: 'sign_in_failed', ip: '10.9.9.9' });
    }
    expect(await signInBlockedUntil(database.db, 'someone@x.test', '10.9.9.9')).not.toBeNull();
    expect(await signInBlockedUntil(database.db, 'someone@x.test', '10.9.9.8')).toBeNull();
  });
});
