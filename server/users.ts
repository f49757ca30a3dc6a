import 'server-only';
import bcrypt from 'bcryptjs';
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { agents, regions, users } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { officeRegencies } from '@/server/office-area';
import { can } from '@/domain/permissions';
import { AppError, forbidden } from '@/domain/errors';
import type { CreateUserInput, UpdateUserInput } from '@/domain/users';
import { writeAudit } from '@/server/audit';
import { revokeUserSessions } from '@/server/auth/sessions';
import { checkNewPassword } from '@/server/auth/password-policy';
import type { PasswordProblem } from '@/domain/passwords';

function assertCanManageUsers(caller: Caller) {
  if (!can(caller.role, 'manage:users')) throw forbidden();
}

export async function listUsers(db: Database, { caller }: { caller: Caller }) {
  assertCanManageUsers(caller);
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      regionCode: users.regionCode,
      active: users.active,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .orderBy(asc(users.role), asc(users.email));
}

/**
 * Regions a user can be limited to: the provinces and regencies, and the kecamatan and villages of the
 * regencies the office works in (a whole province's villages in every user's form were megabytes).
 */
export async function listScopeRegions(db: Database, { caller }: { caller: Caller }) {
  assertCanManageUsers(caller);
  const area = await officeRegencies(db);
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(or(inArray(regions.level, ['province', 'regency']), inArray(sql<string>`left(${regions.code}, 5)`, area)))
    .orderBy(asc(regions.code));
}

async function assertRegionExists(db: Database, code: string | null) {
  if (!code) return;
  const [row] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  if (!row) throw new AppError('bad_region', 400, 'badRegion', { value: code });
}

export type UserChangeResult =
  | { ok: true }
  | { ok: false; reason: 'emailTaken' | 'notYourself' | 'invalidRegion' | 'invalidAgent' }
  /** The new password breaks a rule (domain/passwords.ts): said beside the password field. */
  | { ok: false; reason: PasswordProblem; field: 'password' };

export async function createUser(
  db: Database,
  { caller, input, ip }: { caller: Caller; input: CreateUserInput; ip?: string | null },
): Promise<UserChangeResult> {
  assertCanManageUsers(caller);
  const problem = checkNewPassword(input.password, input);
  if (problem) return { ok: false, reason: problem, field: 'password' };
  try {
    await assertRegionExists(db, input.regionCode);
  } catch {
    return { ok: false, reason: 'invalidRegion' };
  }
  const agentCode = input.role === 'agent' ? (input.agentCode ?? null) : null;
  if (input.role === 'agent' && !(await agentFree(db, agentCode, null))) return { ok: false, reason: 'invalidAgent' };
  const passwordHash = await bcrypt.hash(input.password, 10);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email}`);
    if (existing) return { ok: false, reason: 'emailTaken' } as const;
    const [created] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: input.role, regionCode: input.regionCode, agentCode, passwordHash })
      .returning({ id: users.id });
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'user_create',
      entity: 'user',
      entityId: String(created?.id),
      details: { email: input.email, role: input.role, regionCode: input.regionCode, agentCode },
      ip,
    });
    return { ok: true } as const;
  });
}

/** Role, scope or active flag. Any change ends the user's sessions (session version bumped). */
export async function updateUser(
  db: Database,
  { caller, input, ip }: { caller: Caller; input: UpdateUserInput; ip?: string | null },
): Promise<UserChangeResult> {
  assertCanManageUsers(caller);
  if (input.userId === caller.userId && (!input.active || input.role !== 'admin')) {
    return { ok: false, reason: 'notYourself' };
  }
  try {
    await assertRegionExists(db, input.regionCode);
  } catch {
    return { ok: false, reason: 'invalidRegion' };
  }
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: users.role, regionCode: users.regionCode, active: users.active, agentCode: users.agentCode })
      .from(users)
      .where(eq(users.id, input.userId));
    if (!before) throw new AppError('not_found', 404, 'notFound');
    // An agent keeps their code unless a new one is given; the other roles have none.
    const agentCode = input.role === 'agent' ? (input.agentCode ?? before.agentCode) : null;
    if (input.role === 'agent' && !(await agentFree(tx, agentCode, input.userId))) return { ok: false, reason: 'invalidAgent' } as const;
    await tx
      .update(users)
      .set({
        role: input.role,
        regionCode: input.regionCode,
        agentCode,
        active: input.active,
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, input.userId));
    await revokeUserSessions(tx, input.userId);
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: input.active === before.active ? 'user_update' : input.active ? 'user_activate' : 'user_deactivate',
      entity: 'user',
      entityId: String(input.userId),
      details: { before, after: { role: input.role, regionCode: input.regionCode, agentCode, active: input.active } },
      ip,
    });
    return { ok: true } as const;
  });
}

/** An agent code that exists and has no other user's account. */
async function agentFree(db: Database, code: string | null, userId: number | null): Promise<boolean> {
  if (!code) return false;
  const [agent] = await db.select({ code: agents.code }).from(agents).where(eq(agents.code, code));
  if (!agent) return false;
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.agentCode, code));
  return !taken || taken.id === userId;
}

export async function resetUserPassword(
  db: Database,
  { caller, userId, password, ip }: { caller: Caller; userId: number; password: string; ip?: string | null },
): Promise<UserChangeResult> {
  assertCanManageUsers(caller);
  const [account] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  if (!account) throw new AppError('not_found', 404, 'notFound');
  const problem = checkNewPassword(password, account);
  if (problem) return { ok: false, reason: problem, field: 'password' };
  const passwordHash = await bcrypt.hash(password, 10);
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError('not_found', 404, 'notFound');
    await revokeUserSessions(tx, userId);
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'user_password_reset',
      entity: 'user',
      entityId: String(userId),
      ip,
    });
    return { ok: true } as const;
  });
}
