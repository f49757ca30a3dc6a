import type { Metadata, Viewport } from 'next';
import { getI18n } from '@/server/i18n';
import { I18nProvider } from '@/components/i18n-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Payung', template: '%s · Payung' },
  description: 'Perlindungan JKK & JKM pekerja informal Kecamatan Ajibarang',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { locale } = await getI18n();
  return (
    <html lang={locale}>
      <body>
        {/* Here too, so that the error page of a failed sign-in page or dashboard frame speaks the user's language. */}
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </body>
    </html>
  );
}
