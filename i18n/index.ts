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

// English is the only catalogue with plural forms (Indonesian nouns do not change with the count).
const pluralRules = new Intl.PluralRules('en');
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other) \{[^{}]*\})+)\s*\}/g;
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other) \{([^{}]*)\}/g;

/** A count as passed to a template, possibly already formatted (`1.234` in Indonesian). */
function countOf(value: string | number): number {
  return typeof value === 'number' ? value : Number(value.replace(/[^\d-]/g, ''));
}

/**
 * Fills `{name}` placeholders, and ICU-style plurals: `{count, plural, one {# village} other {# villages}}`
 * (`#` is the value as given, `=0 {…}` an exact case).
 */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  const withPlurals = template.replace(PLURAL, (whole, key: string, cases: string) => {
    if (!(key in values)) return whole;
    const value = values[key]!;
    const count = countOf(value);
    const options = new Map([...cases.matchAll(PLURAL_CASE)].map((m) => [m[1]!, m[2]!]));
    const chosen = options.get(`=${count}`) ?? options.get(pluralRules.select(count)) ?? options.get('other') ?? '';
    return chosen.replace(/#/g, String(value));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
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
