// How an explanation's values read (contracts/explain.ts), shared by the explain control and its tests.
import { formatDate, formatNumber, formatPercent, formatPeriod, formatRupiah, isHidden, type Figure } from '@/domain/format';
import { arrearsWindowEnd, type Period } from '@/domain/month';
import { interpolate, type Locale, type Messages } from '@/i18n';

export type ExplainUnit = 'count' | 'money' | 'percent' | 'days';

/** A value in its unit; a hidden one ("<5", "x") stays hidden, a missing one is the catalogue's "no estimate". */
export function formatExplained(value: Figure | null, unit: ExplainUnit, locale: Locale, messages: Messages): string {
  if (value === null) return messages.explain.none;
  if (isHidden(value)) return value;
  switch (unit) {
    case 'money':
      return formatRupiah(value, locale);
    case 'percent':
      return formatPercent(value, locale);
    case 'days':
      return interpolate(messages.claims.days, { value: formatNumber(value, locale, 1) });
    default:
      return formatNumber(value, locale);
  }
}

/** "November 2026", or "Desember 2025 – November 2026" for a range. */
export function formatRange(from: Period, to: Period, locale: Locale): string {
  return from === to ? formatPeriod(to, locale) : `${formatPeriod(from, locale)} – ${formatPeriod(to, locale)}`;
}

/** Whether the figure can still change, and until when (the last month's arrears window). */
export function provisionalText(provisional: boolean, to: Period, locale: Locale, messages: Messages): string {
  return provisional
    ? interpolate(messages.explain.provisional, { date: formatDate(arrearsWindowEnd(to), locale) })
    : messages.explain.final;
}
