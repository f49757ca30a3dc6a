'use client';

// Strings and links that name the month shown. The period picker changes the month in the URL without a
// navigation (the tables refetch), so whatever names the month is drawn here, from the URL, rather than
// once by the server: a subtitle or a printed header can never name another month than the table.
import Link from 'next/link';
import { useI18n } from '@/components/i18n-provider';
import { usePeriod } from '@/components/url-state';
import { formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';

/** `template` with `{period}` as the month in the URL (or the one the server rendered). */
export function PeriodText({
  template,
  values = {},
  initialPeriod,
}: {
  template: string;
  values?: Record<string, string | number>;
  initialPeriod: string;
}) {
  const { locale } = useI18n();
  const period = usePeriod(initialPeriod);
  return <>{interpolate(template, { ...values, period: formatPeriod(period, locale) })}</>;
}

/** A link to another page for the month in the URL. */
export function PeriodLink({ href, initialPeriod, children }: { href: string; initialPeriod: string; children: React.ReactNode }) {
  const period = usePeriod(initialPeriod);
  return <Link href={`${href}${href.includes('?') ? '&' : '?'}period=${period}`}>{children}</Link>;
}
