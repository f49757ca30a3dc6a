// New passwords follow NIST SP 800-63B wherever they are set: the admin's forms (through the data layer)
// and `npm run user:create`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { createUser, resetUserPassword } from '@/server/users';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';

const root = path.join(__dirname, '../..');

describe.each(ENGINES)('new passwords on %s', (engine) => {
  let database: TestDatabase;
  let admin: Caller;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const [row] = await database.db
      .insert(users)
      .values({ email: 'admin@x.test', name: 'Admin', role: 'admin', passwordHash: 'x' })
      .returning({ id: users.id });
    admin = { userId: row!.id, email: 'admin@x.test', name: 'Admin', role: 'admin', regionCode: null };
  });
  afterAll(async () => database?.destroy());

  const newUser = (password: string) =>
    createUser(database.db, {
      caller: admin,
      input: { email: 'sri.wahyuni@x.test', name: 'Sri Wahyuni', role: 'bpjs_officer', regionCode: null, password },
    });

  it('refuses, on creating a user, what the outside test got accepted', async () => {
    expect(await newUser('aaaaaaaaaa')).toEqual({ ok: false, reason: 'passwordRepetitive', field: 'password' });
    expect(await newUser('1234567890')).toEqual({ ok: false, reason: 'passwordCommon', field: 'password' });
    expect(await newUser('sri.wahyuni@x.test')).toEqual({ ok: false, reason: 'passwordPersonal', field: 'password' });
    expect(await newUser(' '.repeat(10))).toEqual({ ok: false, reason: 'passwordTooShort', field: 'password' });
    expect(await database.db.select({ id: users.id }).from(users)).toHaveLength(1);
  });

  it('takes a long passphrase, and refuses the account’s own name on a reset', async () => {
    expect(await newUser('sawah hijau di kaki gunung slamet pada pagi hari yang cerah')).toEqual({ ok: true });
    const [created] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, 'sri.wahyuni@x.test'));
    const reset = (password: string) => resetUserPassword(database.db, { caller: admin, userId: created!.id, password });
    expect(await reset('Wahyuni2026!')).toEqual({ ok: false, reason: 'passwordPersonal', field: 'password' });
    expect(await reset('bismillah123')).toEqual({ ok: false, reason: 'passwordCommon', field: 'password' });
    expect(await reset('jalan kaki ke pasar wage')).toEqual({ ok: true });
  });
});

describe('npm run user:create', () => {
  it('refuses a common password before touching any database', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/users-cli.ts', '--role', 'admin', '--email', 'new@x.test'],
      { cwd: root, input: 'password2024\n', encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('password: This is one of the most used passwords');
  });
});
