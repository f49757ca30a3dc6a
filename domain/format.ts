// Numbers, money and dates as Indonesians write them (`Rp 16.800`, `1.234`, `12,5%`, `25 Nov 2026`);
// the English interface uses English separators.
import type { Locale } from '@/i18n';

export const SUPPRESSED = '<5';
/**
 * A figure withheld beside a "<5" so that the "<5" cannot be worked out by subtraction from a total
 * (complementary suppression); its value may be any size. The statistical offices' "x".
 */
export const WITHHELD = 'x';
/** A figure a district official may not see: "<5" (fewer than five persons) or "x" (withheld with one). */
export type Figure = number | typeof SUPPRESSED | typeof WITHHELD;
export type HiddenFigure = typeof SUPPRESSED | typeof WITHHELD;

/** Whether a figure is hidden from the caller ("<5" or "x"). */
export function isHidden(value: unknown): value is HiddenFigure {
  return value === SUPPRESSED || value === WITHHELD;
}

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'id-ID');

// Intl formatters are costly to make (tens of microseconds each) and a page formats hundreds of figures:
// one instance per locale and options, reused (they hold no state between calls).
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${fractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    numberFormats.set(key, format);
  }
  return format;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

export function formatNumber(value: Figure | null, locale: Locale = 'id', fractionDigits = 0): string {
  if (value === null) return '–';
  if (isHidden(value)) return value;
  return numberFormat(locale, fractionDigits).format(value);
}

export function formatRupiah(value: Figure | null, locale: Locale = 'id'): string {
  if (value === null || isHidden(value)) return formatNumber(value, locale);
  return `Rp ${formatNumber(Math.round(value), locale)}`;
}

export function formatPercent(value: Figure | null, locale: Locale = 'id', fractionDigits = 1): string {
  if (value === null || isHidden(value)) return formatNumber(value, locale);
  // A new office's coverage starts below 0,1 %: one more digit, so it does not read as 0,0 %.
  const digits = value !== 0 && Math.abs(value) < 0.1 ? fractionDigits + 1 : fractionDigits;
  return `${formatNumber(value, locale, digits)}%`;
}

/** What a figure measures, for writing its change: persons, a percentage, or Rupiah. */
export type FigureKind = 'count' | 'rate' | 'money';

/** A change between two months: `+3`, `−1,5 poin`, `+Rp 16.800`, `±0`; `points` is the catalogue's word. */
export function formatChange(delta: number, kind: FigureKind, locale: Locale, points: string): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  if (kind === 'rate') return `${sign}${formatNumber(size, locale, 1)} ${points}`;
  if (kind === 'money') return `${sign}${formatRupiah(size, locale)}`;
  return `${sign}${formatNumber(size, locale)}`;
}

/** '2026-11-25' → '25 Nov 2026' (id: '25 Nov 2026', with Indonesian month names such as 'Agu'). */
export function formatDate(isoDate: string, locale: Locale = 'id'): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return dateFormat(intlLocale(locale), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(date)
    .replace('.', '');
}

/** '2026-10' → 'Oktober 2026' / 'October 2026'. */
export function formatPeriod(period: string, locale: Locale = 'id'): string {
  const [year, month] = period.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
  return dateFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** '2026-10' → 'Okt 26' / 'Oct 26': a chart axis's month. */
export function formatShortPeriod(period: string, locale: Locale = 'id'): string {
  const [year, month] = period.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
  return dateFormat(intlLocale(locale), { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(date).replace('.', '');
}

/** An instant's time of day in Asia/Jakarta, '14:05'. */
export function formatTimeInJakarta(instant: Date): string {
  return dateFormat('id-ID', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Jakarta' })
    .format(instant)
    .replace('.', ':');
}

/** An instant as date and time in Asia/Jakarta, '25 Nov 2026 14:05'. */
export function formatDateTimeInJakarta(instant: Date, locale: Locale = 'id'): string {
  const date = dateFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(instant);
  return `${formatDate(date, locale)} ${formatTimeInJakarta(instant)}`;
}
