import 'server-only';
import { cookies } from 'next/headers';
import { DEFAULT_LOCALE, getMessages, isLocale, LOCALE_COOKIE, type Locale, type Messages } from '@/i18n';

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export async function getI18n(): Promise<{ locale: Locale; messages: Messages }> {
  const locale = await getLocale();
  return { locale, messages: getMessages(locale) };
}
