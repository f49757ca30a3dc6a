'use server';

import { currentClientAddress } from '@/server/http/client-address';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { setSubscriptionByToken } from '@/server/reports/subscriptions';

/** The result page's button: subscribe again (or unsubscribe) with the mail's signed link, no sign-in. */
export async function setSubscriptionAction(form: FormData): Promise<void> {
  const token = String(form.get('token') ?? '');
  const ip = await currentClientAddress();
  await setSubscriptionByToken(await getDb(), { token, subscribed: form.get('subscribed') === 'true', via: 'link', ip });
  redirect(`/unsubscribe?token=${encodeURIComponent(token)}`);
}
