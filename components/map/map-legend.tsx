'use client';

import { useI18n } from '@/components/i18n-provider';
import { breakDecimals } from '@/domain/geo/class-breaks';
import type { MapMetric } from '@/domain/map-metrics';
import { formatMapValue } from './map-format';
import styles from './map.module.css';

/** The classes of the map with their colours and bounds, plus the hatched "no data / <5" swatch. */
export function MapLegend({
  metric,
  metricLabel,
  breaks,
  colors,
  showHatched,
  suppressed,
}: {
  metric: MapMetric;
  metricLabel: string;
  breaks: number[];
  colors: string[];
  showHatched: boolean;
  suppressed: boolean;
}) {
  const { locale, messages } = useI18n();
  const digits = breakDecimals(breaks);
  const write = (value: number) => formatMapValue(value, metric, locale, digits);
  return (
    <figure className={styles.legend} aria-label={messages.map.legend}>
      <figcaption>{metricLabel}</figcaption>
      <ul data-testid="map-legend">
        {colors.map((color, i) => (
          <li key={color}>
            <span className={styles.swatch} style={{ background: color }} aria-hidden="true" />
            {breaks[i] === breaks[i + 1] ? write(breaks[i]!) : `${write(breaks[i]!)} – ${write(breaks[i + 1]!)}`}
          </li>
        ))}
        {showHatched ? (
          <li>
            <span className={`${styles.swatch} ${styles.hatched}`} aria-hidden="true" />
            {suppressed ? `${messages.map.suppressed} / ${messages.map.noData}` : messages.map.noData}
          </li>
        ) : null}
      </ul>
    </figure>
  );
}
