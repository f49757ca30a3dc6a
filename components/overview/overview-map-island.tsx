'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { VillageChoropleth } from '@/components/charts/village-choropleth';
import { useI18n } from '@/components/i18n-provider';
import { boundaryNote, useChoropleth, villageHref } from '@/components/map/map-explorer';
import { MapLegend } from '@/components/map/map-legend';
import styles from '@/components/map/map.module.css';
import { usePeriod } from '@/components/url-state';
import type { MapView } from '@/contracts/map';
import { formatDate, formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';
import { mapQuery } from '@/components/map/queries';
import { MiniMapPlaceholder } from './mini-map-placeholder';

/** The coverage rate of the region's villages for the period in the URL, from the map API. */
export function OverviewMapIsland({ region, initialPeriod, suppressed }: { region: string; initialPeriod: string; suppressed: boolean }) {
  const period = usePeriod(initialPeriod);
  const query = useQuery({ ...mapQuery(region, period, 'coverageRate'), placeholderData: keepPreviousData });
  if (query.data) return <MiniMap view={query.data} isFetching={query.isFetching} suppressed={suppressed} />;
  if (query.error) {
    return (
      <section className={styles.mini}>
        <p role="alert" className="form-error">
          {query.error.message}
        </p>
      </section>
    );
  }
  return <MiniMapPlaceholder />;
}

function MiniMap({ view, isFetching, suppressed }: { view: MapView; isFetching: boolean; suppressed: boolean }) {
  const { locale, messages } = useI18n();
  const t = messages.map;
  const router = useRouter();
  const { areas, breaks, colors, showHatched, metricLabel, areaLabel } = useChoropleth(view);
  const periodLabel = formatPeriod(view.period, locale);

  return (
    <section className={styles.mini} aria-labelledby="overview-map-title" aria-busy={isFetching}>
      <div className={styles.miniHead}>
        <h2 id="overview-map-title">{t.overviewTitle}</h2>
        <Link href={`/map?period=${view.period}&metric=${view.metric}`}>{t.openMap}</Link>
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
            onOpen={(code) => router.push(villageHref(code, view.period))}
          />
          <p className="note">{boundaryNote(view, messages)}</p>
          {view.provisional ? (
            <p className="note" data-testid="map-provisional-note">
              <span className="badge-provisional">{messages.provisional.badge}</span>{' '}
              {interpolate(messages.provisional.mapNote, { period: periodLabel, date: formatDate(view.provisionalUntil, locale) })}
            </p>
          ) : null}
        </div>
        <MapLegend
          metric={view.metric}
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
