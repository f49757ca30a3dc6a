'use server';

import { revalidatePath } from 'next/cache';
import { currentClientAddress } from '@/server/http/client-address';
import { getDb } from '@/db';
import { getCaller } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { sendDay } from '@/server/reports/config';
import { subscribeToReports, unsubscribeFromReports } from '@/server/reports/subscriptions';
import { subscribeSchema, type ReportActionState } from '@/domain/reports';
import { interpolate } from '@/i18n';

/**
 * The signed-in user's own subscription (no one else's: the caller is the subscriber): subscribe or
 * change the report's language, or unsubscribe (the button pressed says which). Audited in the service.
 */
export async function updateSubscriptionAction(_previous: ReportActionState | null, form: FormData): Promise<ReportActionState> {
  const { messages } = await getI18n();
  const t = messages.reports;
  const caller = await getCaller();
  if (!caller) return { ok: false, message: messages.errors.unauthenticated };
  const ip = await currentClientAddress();
  const db = await getDb();
  if (form.get('intent') === 'unsubscribe') {
    await unsubscribeFromReports(db, { caller, ip });
    revalidatePath('/account');
    return { ok: true, message: t.unsubscribedOk };
  }
  const parsed = subscribeSchema.safeParse({ locale: form.get('locale') });
  if (!parsed.success) return { ok: false, message: t.invalidLocale };
  await subscribeToReports(db, { caller, locale: parsed.data.locale, ip });
  revalidatePath('/account');
  return {
    ok: true,
    message: interpolate(t.subscribedOk, { email: caller.email, day: sendDay(), language: t.languages[parsed.data.locale] }),
  };
}
