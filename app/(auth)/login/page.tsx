import { connection } from 'next/server';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { rethrowOutage } from '@/db/errors';
import { isDemoData } from '@/server/settings';
import { DEMO_PASSWORD, DEMO_USERS } from '@/db/seed/demo-users';
import { DemoBanner } from '@/components/demo-banner';
import { I18nProvider } from '@/components/i18n-provider';
import { LanguageSwitch } from '@/components/language-switch';
import { LoginForm } from '@/components/login-form';
import { getCaller } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { sameSitePath } from '@/domain/navigation';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('login');

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  await connection();
  if (await getCaller()) redirect('/');
  const [{ locale, messages }, demo, { callbackUrl }] = await Promise.all([
    getI18n(),
    getDb().then(isDemoData).catch(rethrowOutage),
    searchParams,
  ]);
  // Only a path on this site: never an open redirect.
  const target = sameSitePath(callbackUrl);

  return (
    <I18nProvider locale={locale}>
      {demo ? <DemoBanner text={messages.app.demoBanner} /> : null}
      <main className="auth-page">
        <div className="auth-card">
          <h1>{messages.login.title}</h1>
          <LoginForm callbackUrl={target} />
          {demo ? (
            <div className="demo-accounts">
              <p>
                {messages.login.demoHint} <code>{DEMO_PASSWORD}</code>:
              </p>
              <ul>
                {DEMO_USERS.map((user) => (
                  <li key={user.email}>
                    <code>{user.email}</code> — {messages.roles[user.role]}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="lang-switch">
            <LanguageSwitch />
          </div>
        </div>
      </main>
    </I18nProvider>
  );
}
