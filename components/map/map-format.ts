import { formatNumber, formatPercent, formatRupiah, type Figure } from '@/domain/format';
import type { Locale } from '@/i18n';
import { MAP_METRIC_KIND, type MapMetric } from '@/domain/map-metrics';

/** A map value as a person reads it: "12,5%", "1.234", "Rp 20.000.000", "<5" or "–". */
export function formatMapValue(value: Figure | null, metric: MapMetric, locale: Locale, digits?: number): string {
  switch (MAP_METRIC_KIND[metric]) {
    case 'percent':
      return formatPercent(value, locale, digits ?? 1);
    case 'rupiah':
      return formatRupiah(value, locale);
    default:
      return formatNumber(value, locale, digits ?? 0);
  }
}
