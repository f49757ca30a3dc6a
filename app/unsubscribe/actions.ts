'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { setSubscriptionByToken } from '@/server/reports/subscriptions';

/** The result page's button: subscribe again (or unsubscribe) with the mail's signed link, no sign-in. */
export async function setSubscriptionAction(form: FormData): Promise<void> {
  const token = String(form.get('token') ?? '');
  const ip = (await headers()).get('x-forwarded-for')?.split(',')[0]?.trim() || null;
  await setSubscriptionByToken(await getDb(), { token, subscribed: form.get('subscribed') === 'true', via: 'link', ip });
  redirect(`/unsubscribe?token=${encodeURIComponent(token)}`);
}
