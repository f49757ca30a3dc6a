import type { Metadata, Viewport } from 'next';
import { getI18n } from '@/lib/i18n/server';
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
      <body>{children}</body>
    </html>
  );
}
