import 'server-only';
// Subscribing to the monthly report: a signed-in user for themself (account page), or anyone holding
// the signed link of a report mail (unsubscribe, subscribe again). Every change is audited.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db';
import { reportDeliveries, reportSubscriptions, users } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { writeAudit } from '@/server/audit';
import { verifyUnsubscribeToken } from '@/server/reports/token';
import type { ReportLocale } from '@/domain/reports';
import { can } from '@/domain/permissions';
import { forbidden } from '@/domain/errors';

export interface SubscriptionState {
  id: number;
  locale: ReportLocale;
  subscribedAt: Date;
  unsubscribedAt: Date | null;
}

export async function getSubscription(db: Database, { caller }: { caller: Caller }): Promise<SubscriptionState | null> {
  const [row] = await db
    .select({
      id: reportSubscriptions.id,
      locale: reportSubscriptions.locale,
      subscribedAt: reportSubscriptions.subscribedAt,
      unsubscribedAt: reportSubscriptions.unsubscribedAt,
    })
    .from(reportSubscriptions)
    .where(eq(reportSubscriptions.userId, caller.userId));
  return row ?? null;
}

/** Subscribes the caller (or changes the language of their subscription). */
export async function subscribeToReports(
  db: Database,
  { caller, locale, ip }: { caller: Caller; locale: ReportLocale; ip: string | null },
): Promise<void> {
  // The report is the district's aggregates: not for a role without them (an agent).
  if (!can(caller.role, 'view:aggregates')) throw forbidden();
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ locale: reportSubscriptions.locale, unsubscribedAt: reportSubscriptions.unsubscribedAt })
      .from(reportSubscriptions)
      .where(eq(reportSubscriptions.userId, caller.userId));
    const active = before !== undefined && before.unsubscribedAt === null;
    if (active && before.locale === locale) return;
    await tx
      .insert(reportSubscriptions)
      .values({ userId: caller.userId, locale })
      .onConflictDoUpdate({
        target: reportSubscriptions.userId,
        // A renewed subscription counts from now; a language change keeps its date.
        set: active ? { locale } : { locale, subscribedAt: new Date(), unsubscribedAt: null },
      });
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: active ? 'report_language' : 'report_subscribe',
      entity: 'report_subscription',
      entityId: String(caller.userId),
      details: { locale, via: 'account' },
      ip,
    });
  });
}

export async function unsubscribeFromReports(db: Database, { caller, ip }: { caller: Caller; ip: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(reportSubscriptions)
      .set({ unsubscribedAt: new Date() })
      .where(and(eq(reportSubscriptions.userId, caller.userId), isNull(reportSubscriptions.unsubscribedAt)))
      .returning({ id: reportSubscriptions.id });
    if (changed.length === 0) return;
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'report_unsubscribe',
      entity: 'report_subscription',
      entityId: String(caller.userId),
      details: { via: 'account' },
      ip,
    });
  });
}

/** The caller's last twelve deliveries, newest month first. */
export async function listOwnDeliveries(db: Database, { caller }: { caller: Caller }) {
  return db
    .select({
      id: reportDeliveries.id,
      month: reportDeliveries.month,
      status: reportDeliveries.status,
      sentAt: reportDeliveries.sentAt,
      updatedAt: reportDeliveries.updatedAt,
    })
    .from(reportDeliveries)
    .where(eq(reportDeliveries.userId, caller.userId))
    .orderBy(desc(reportDeliveries.month))
    .limit(12);
}

export interface TokenSubscription {
  userId: number;
  email: string;
  locale: ReportLocale;
  subscribed: boolean;
}

/** The subscription a mail's link names, or null when the link is not genuine. */
export async function getSubscriptionByToken(db: Database, token: string | null | undefined): Promise<TokenSubscription | null> {
  const named = verifyUnsubscribeToken(token);
  if (!named) return null;
  const [row] = await db
    .select({ userId: users.id, email: users.email, locale: reportSubscriptions.locale, unsubscribedAt: reportSubscriptions.unsubscribedAt })
    .from(reportSubscriptions)
    .innerJoin(users, eq(users.id, reportSubscriptions.userId))
    .where(and(eq(reportSubscriptions.id, named.subscriptionId), eq(reportSubscriptions.userId, named.userId)));
  return row ? { userId: row.userId, email: row.email, locale: row.locale, subscribed: row.unsubscribedAt === null } : null;
}

/**
 * Sets a subscription on or off through a mail's signed link, without signing in: `link` is a click on
 * it, `one_click` a mail program's RFC 8058 request. False when the link is not genuine.
 */
export async function setSubscriptionByToken(
  db: Database,
  args: { token: string | null | undefined; subscribed: boolean; via: 'link' | 'one_click'; ip: string | null },
): Promise<boolean> {
  const named = verifyUnsubscribeToken(args.token);
  if (!named) return false;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ unsubscribedAt: reportSubscriptions.unsubscribedAt })
      .from(reportSubscriptions)
      .where(and(eq(reportSubscriptions.id, named.subscriptionId), eq(reportSubscriptions.userId, named.userId)));
    if (!row) return false;
    // A second click (or a mail program and a person both) changes nothing and logs nothing.
    if ((row.unsubscribedAt === null) === args.subscribed) return true;
    await tx
      .update(reportSubscriptions)
      .set(args.subscribed ? { unsubscribedAt: null, subscribedAt: new Date() } : { unsubscribedAt: new Date() })
      .where(eq(reportSubscriptions.id, named.subscriptionId));
    await writeAudit(tx, {
      userId: named.userId,
      action: args.subscribed ? 'report_subscribe' : 'report_unsubscribe',
      entity: 'report_subscription',
      entityId: String(named.userId),
      details: { via: args.via },
      ip: args.ip,
    });
    return true;
  });
}
