'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { VillageChoropleth } from '@/components/charts/village-choropleth';
import { useI18n } from '@/components/i18n-provider';
import { useChoropleth, useMapView, villageHref } from '@/components/map/map-explorer';
import { MapLegend } from '@/components/map/map-legend';
import styles from '@/components/map/map.module.css';
import type { MapView } from '@/db/queries/map';
import { formatPeriod } from '@/lib/format';
import { interpolate } from '@/lib/i18n';

export function OverviewMapIsland({ initial, suppressed }: { initial: MapView; suppressed: boolean }) {
  const { locale, messages } = useI18n();
  const t = messages.map;
  const router = useRouter();
  const { view, metric, period, isFetching } = useMapView(initial, 'coverageRate');
  const { areas, breaks, colors, showHatched, metricLabel, areaLabel } = useChoropleth(view);
  const periodLabel = formatPeriod(view.period, locale);

  return (
    <section className={styles.mini} aria-labelledby="overview-map-title" aria-busy={isFetching}>
      <div className={styles.miniHead}>
        <h2 id="overview-map-title">{t.overviewTitle}</h2>
        <Link href={`/map?period=${period}&metric=${metric}`}>{t.openMap}</Link>
      </div>
      <div className={styles.miniBody}>
        <div>
          <VillageChoropleth
            compact
            areas={areas}
            breaks={breaks}
            colors={colors}
            label={interpolate(t.mapLabel, { region: view.regionName, metric: metricLabel, period: periodLabel })}
            metricLabel={metricLabel}
            areaLabel={areaLabel}
            hint={t.openHint}
            onOpen={(code) => router.push(villageHref(code, period))}
          />
          <p className="note">{view.boundarySource === 'official' ? t.official : t.approximate}</p>
        </div>
        <MapLegend
          metric={metric}
          metricLabel={metricLabel}
          breaks={breaks}
          colors={colors}
          showHatched={showHatched}
          suppressed={suppressed}
        />
      </div>
    </section>
  );
}
