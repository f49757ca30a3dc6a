import 'server-only';
// The unsubscribe link's token: it names a subscription and carries an HMAC of it under a key derived
// from the installation's secret, so the link works without signing in and cannot be forged for
// another user. It holds ids only, no personal data.
import crypto from 'node:crypto';
import { installationSecret } from '@/server/reports/config';

function mac(subscriptionId: number, userId: number): string {
  // A key of its own: a token made here can never pass for anything the session secret signs.
  const key = crypto.createHmac('sha256', installationSecret()).update('payung:report-unsubscribe').digest();
  return crypto.createHmac('sha256', key).update(`${subscriptionId}:${userId}`).digest('base64url');
}

export function unsubscribeToken(subscriptionId: number, userId: number): string {
  return `${subscriptionId}.${userId}.${mac(subscriptionId, userId)}`;
}

/** The subscription a token names, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(token: string | null | undefined): { subscriptionId: number; userId: number } | null {
  const match = /^([1-9][0-9]{0,9})\.([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return null;
  const subscriptionId = Number(match[1]);
  const userId = Number(match[2]);
  const expected = Buffer.from(mac(subscriptionId, userId));
  const given = Buffer.from(match[3]!);
  return crypto.timingSafeEqual(expected, given) ? { subscriptionId, userId } : null;
}
