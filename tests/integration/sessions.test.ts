import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateUser } from '@/server/users';
import { createSession, findSessionUser, revokeSession, sessionKey } from '@/server/auth/sessions';
import { userSessions, users } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';

describe.each(ENGINES)('sessions on %s', (engine) => {
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
    // The table keeps a digest: the id itself, which opens the session, is in no row.
    const stored = await database.db.select({ id: userSessions.id }).from(userSessions);
    expect(stored.map((row) => row.id)).toContain(sessionKey(id));
    expect(stored.map((row) => row.id)).not.toContain(id);
    expect(await findSessionUser(database.db, id, 1)).toBeNull(); // a stale session version
    await revokeSession(database.db, id);
    expect(await findSessionUser(database.db, id, 0)).toBeNull();
  });

  it('ends a session idle for more than 30 minutes, or older than its absolute lifetime', async () => {
    const idle = await createSession(database.db, officerId, null);
    await database.db.execute(
      sql`update user_sessions set last_seen_at = now() - interval '31 minutes' where id = ${sessionKey(idle)}`,
    );
    expect(await findSessionUser(database.db, idle, 0)).toBeNull();

    const recent = await createSession(database.db, officerId, null);
    await database.db.execute(
      sql`update user_sessions set last_seen_at = now() - interval '29 minutes' where id = ${sessionKey(recent)}`,
    );
    expect(await findSessionUser(database.db, recent, 0)).not.toBeNull();

    const expired = await createSession(database.db, officerId, null);
    await database.db.execute(sql`update user_sessions set expires_at = now() - interval '1 second' where id = ${sessionKey(expired)}`);
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
});
