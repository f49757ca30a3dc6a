import { clientAddress } from '@/server/http/client-address';
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { apiRoute } from '@/server/http/api';
import { setSubscriptionByToken } from '@/server/reports/subscriptions';
import { getMessages, localeFromRequest } from '@/i18n';

export const dynamic = 'force-dynamic';

/**
 * The unsubscribe link of a report mail: one click unsubscribes, without signing in (the signed token is
 * the proof), then the result page says so and offers to subscribe again.
 */
export const GET = apiRoute(async (request: Request) => {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  await setSubscriptionByToken(await getDb(), { token, subscribed: false, via: 'link', ip: clientAddress(request.headers) });
  // A relative Location: the page is on whatever address the link was opened at.
  return new Response(null, { status: 303, headers: { location: `/unsubscribe?token=${encodeURIComponent(token)}` } });
});

/** RFC 8058 one-click unsubscribe: the mail program's own button POSTs `List-Unsubscribe=One-Click` here. */
export const POST = apiRoute(async (request: Request) => {
  const token = new URL(request.url).searchParams.get('token');
  if (await setSubscriptionByToken(await getDb(), { token, subscribed: false, via: 'one_click', ip: clientAddress(request.headers) })) {
    return NextResponse.json({ unsubscribed: true });
  }
  const message = getMessages(localeFromRequest(request)).reports.unsubscribeInvalid;
  return NextResponse.json({ error: { code: 'bad_token', message } }, { status: 400 });
}, { anyOrigin: true });
