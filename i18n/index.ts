import { en } from '@/i18n/en';
import { id, type Messages } from '@/i18n/id';

export type Locale = 'id' | 'en';
export const LOCALES: Locale[] = ['id', 'en'];
export const DEFAULT_LOCALE: Locale = 'id';
export const LOCALE_COOKIE = 'payung-locale';
export type { Messages };

export function isLocale(value: unknown): value is Locale {
  return value === 'id' || value === 'en';
}

export function getMessages(locale: Locale): Messages {
  return locale === 'en' ? en : id;
}

/** Fills `{name}` placeholders. */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/** The locale an API client asked for: `?lang=`, the language cookie, then Accept-Language. */
export function localeFromRequest(request: Request): Locale {
  const url = new URL(request.url);
  const lang = url.searchParams.get('lang');
  if (isLocale(lang)) return lang;
  const cookie = request.headers.get('cookie') ?? '';
  const match = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=(id|en)`).exec(cookie);
  if (match && isLocale(match[1])) return match[1];
  const accept = request.headers.get('accept-language') ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : DEFAULT_LOCALE;
}
