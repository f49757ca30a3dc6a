import Link from 'next/link';
import { connection } from 'next/server';
import { getDb } from '@/db';
import { getI18n } from '@/server/i18n';
import { getSubscriptionByToken } from '@/server/reports/subscriptions';
import { getMessages, interpolate } from '@/i18n';
import { setSubscriptionAction } from './actions';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('reports');

/**
 * Where a report mail's unsubscribe link lands (no sign-in): the subscription's state, in the report's
 * language, with one button to change it back.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  await connection();
  const [{ token }, { locale: interfaceLocale }] = await Promise.all([searchParams, getI18n()]);
  const subscription = await getSubscriptionByToken(await getDb(), token);
  const locale = subscription?.locale ?? interfaceLocale;
  const t = getMessages(locale).reports;

  return (
    <main className="auth-page" lang={locale}>
      <div className="auth-card">
        <h1>{t.unsubscribeTitle}</h1>
        {subscription ? (
          <>
            <p role="status">
              {interpolate(subscription.subscribed ? t.unsubscribeActive : t.unsubscribeDone, { email: subscription.email })}
            </p>
            <form action={setSubscriptionAction}>
              <input type="hidden" name="token" value={token} />
              <input type="hidden" name="subscribed" value={String(!subscription.subscribed)} />
              <button type="submit" className="primary-button">
                {subscription.subscribed ? t.unsubscribe : t.resubscribe}
              </button>
            </form>
          </>
        ) : (
          <p role="alert">{t.unsubscribeInvalid}</p>
        )}
        <p>
          <Link href="/">{t.toDashboard}</Link>
        </p>
      </div>
    </main>
  );
}
