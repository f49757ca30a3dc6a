import { connection } from 'next/server';
import Link from 'next/link';
import { getDb } from '@/db';
import { rethrowOutage } from '@/db/errors';
import { isDemoData } from '@/server/settings';
import { DemoBanner } from '@/components/demo-banner';
import { LanguageSwitch } from '@/components/language-switch';
import { Providers } from '@/components/providers';
import { MainNav } from '@/components/shell/main-nav';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { requirePageCaller } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { navigationFor } from '@/domain/navigation';
import { can } from '@/domain/permissions';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const caller = await requirePageCaller();
  const [{ locale, messages }, demo] = await Promise.all([getI18n(), getDb().then(isDemoData).catch(rethrowOutage)]);
  const nav = navigationFor(caller.role, messages);

  return (
    <Providers locale={locale}>
      <a className="skip-link" href="#main">
        {messages.app.skipToContent}
      </a>
      {demo ? <DemoBanner text={messages.app.demoBanner} /> : null}
      <header className="shell-header">
        <div className="shell-header-inner">
          <Link href="/" className="brand">
            {messages.app.name}
            <small>{messages.app.tagline}</small>
          </Link>
          <MainNav items={nav} label={messages.nav.label} />
          <div className="header-tools">
            <span className="user-chip">
              {messages.app.signedInAs} <strong>{caller.name}</strong> ({messages.roles[caller.role]})
            </span>
            {can(caller.role, 'view:aggregates') ? (
              <Link href="/account" className="link-button">
                {messages.reports.nav}
              </Link>
            ) : null}
            <Link href="/definitions" className="link-button">
              {messages.titles.definitions}
            </Link>
            <LanguageSwitch />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </Providers>
  );
}
