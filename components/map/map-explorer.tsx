'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { VillageChoropleth, type ChoroplethArea } from '@/components/charts/village-choropleth';
import { useI18n } from '@/components/i18n-provider';
import type { MapView } from '@/contracts/map';
import { formatDate, formatPeriod } from '@/domain/format';
import { classBreaks } from '@/domain/geo/class-breaks';
import { interpolate, type Messages } from '@/i18n';
import { coverageNoteText } from '@/domain/data-gaps';
import { isPeriod } from '@/domain/month';
import { isMapMetric, MAP_METRIC_INDICATOR, MAP_METRIC_KIND, MAP_METRICS } from '@/domain/map-metrics';
import { Explain } from '@/components/explain/explain';
import { mapQuery } from '@/components/map/queries';
import { formatMapValue } from './map-format';
import { MapLegend } from './map-legend';
import styles from './map.module.css';
import { DataTable } from '@/components/ui/data-table';

/** Where a village opens: its page, keeping the month. */
export function villageHref(code: string, period: string) {
  return `/villages/${encodeURIComponent(code)}?period=${period}`;
}

/** The map's data for the period (and metric) in the URL, refetched through the v1 API when they change. */
function useMapView(initial: MapView) {
  const params = useSearchParams();
  const requestedPeriod = params.get('period');
  const period = requestedPeriod && isPeriod(requestedPeriod) ? requestedPeriod : initial.period;
  const requestedMetric = params.get('metric');
  const metric = isMapMetric(requestedMetric) ? requestedMetric : initial.metric;
  const query = useQuery({
    ...mapQuery(initial.region, period, metric),
    initialData: period === initial.period && metric === initial.metric ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  return { view: query.data ?? initial, metric, period, isFetching: query.isFetching, error: query.error };
}

/** The areas, classes and labels of a view, ready for the choropleth. */
export function useChoropleth(view: MapView) {
  const { locale, messages } = useI18n();
  const metric = view.metric;
  const metricLabel = messages.map.metrics[metric];
  return useMemo(() => {
    const areas: ChoroplethArea[] = view.features.map((feature, i) => ({
      code: feature.properties.code,
      number: i + 1,
      name: feature.properties.name,
      geometry: feature.geometry,
      value: feature.properties.value,
      display:
        feature.properties.value === null && feature.properties.coverageNote
          ? coverageNoteText(feature.properties.coverageNote, messages)
          : formatMapValue(feature.properties.value, metric, locale),
    }));
    const { breaks, colors } = classBreaks(
      areas.map((a) => (typeof a.value === 'number' ? a.value : null)),
      5,
      MAP_METRIC_KIND[metric] !== 'percent',
    );
    const showHatched = areas.some((a) => typeof a.value !== 'number');
    const areaLabel = (area: ChoroplethArea) =>
      interpolate(messages.map.villageLabel, { name: area.name, metric: metricLabel, value: area.display });
    return { areas, breaks, colors, showHatched, metricLabel, areaLabel };
  }, [view, metric, locale, messages, metricLabel]);
}

/**
 * Where the map's polygons come from, and how many villages have none yet (they are in the table, not on
 * the map).
 */
export function boundaryNote(view: MapView, messages: Messages): string {
  const t = messages.map;
  const missing = view.features.filter((f) => !f.geometry).length;
  if (missing === view.features.length) return t.noGeometry;
  const source = view.boundarySource === 'official' ? t.official : t.approximate;
  return missing > 0 ? `${source} ${interpolate(t.missingBoundaries, { count: missing })}` : source;
}

/** The map page's island: indicator picker, the map with its legend, and the same values as a table. */
export function MapExplorer({ initial, suppressed }: { initial: MapView; suppressed: boolean }) {
  const { locale, messages } = useI18n();
  const t = messages.map;
  const router = useRouter();
  const params = useSearchParams();
  const { view, metric, period, isFetching, error } = useMapView(initial);
  const { areas, breaks, colors, showHatched, metricLabel, areaLabel } = useChoropleth(view);
  const periodLabel = formatPeriod(view.period, locale);

  const setMetric = (next: string) => {
    if (!isMapMetric(next)) return;
    const search = new URLSearchParams(params.toString());
    search.set('metric', next);
    window.history.pushState(null, '', `?${search.toString()}`);
  };

  return (
    <>
      <div className={styles.toolbar}>
        <label htmlFor="map-metric">{t.metric}</label>
        <select id="map-metric" value={metric} onChange={(event) => setMetric(event.target.value)}>
          {MAP_METRICS.map((m) => (
            <option key={m} value={m}>
              {t.metrics[m]}
            </option>
          ))}
        </select>
        <Explain label={metricLabel} indicator={MAP_METRIC_INDICATOR[metric]} print={false} />
      </div>
      <p className="page-subtitle" data-testid="map-subtitle">
        {interpolate(t.subtitle, { metric: metricLabel, region: view.regionName, period: periodLabel })}
      </p>
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
      <div className={styles.layout} aria-busy={isFetching}>
        <div className={styles.canvas}>
          {view.features.some((f) => f.geometry) ? (
            <VillageChoropleth
              areas={areas}
              breaks={breaks}
              colors={colors}
              label={interpolate(t.mapLabel, { region: view.regionName, metric: metricLabel, period: periodLabel })}
              metricLabel={metricLabel}
              areaLabel={areaLabel}
              hint={t.openHint}
              onOpen={(code) => router.push(villageHref(code, period))}
            />
          ) : (
            <p className="note">{t.noGeometry}</p>
          )}
          {view.features.some((f) => f.geometry) ? (
            <p className={`note ${styles.source}`} data-testid="boundary-note">
              {boundaryNote(view, messages)}
            </p>
          ) : null}
        </div>
        <div className={styles.side}>
          <MapLegend
            metric={metric}
            metricLabel={metricLabel}
            breaks={breaks}
            colors={colors}
            showHatched={showHatched}
            suppressed={suppressed}
          />
          <DataTable
            className={styles.table}
            numericClassName={styles.num}
            testId="map-table"
            caption={interpolate(t.tableCaption, { metric: metricLabel, period: periodLabel })}
            data={areas}
            rowProps={(area) => ({ 'data-code': area.code })}
            columns={[
              { id: 'number', header: () => <abbr title={t.numberHelp}>{t.number}</abbr>, meta: { numeric: true }, cell: ({ row }) => row.original.number },
              {
                id: 'village',
                header: t.village,
                meta: { rowHeader: true },
                cell: ({ row: { original: area } }) => (
                  <>
                    <Link href={villageHref(area.code, period)}>{area.name}</Link>
                    {area.geometry ? null : <span className="muted"> · {messages.dataState.noBoundary}</span>}
                  </>
                ),
              },
              {
                id: 'value',
                header: metricLabel,
                meta: { numeric: true, headerExtra: <Explain label={metricLabel} indicator={MAP_METRIC_INDICATOR[metric]} print={false} /> },
                cell: ({ row }) => row.original.display,
              },
            ]}
          />
          {view.provisional ? (
            <p className="note" data-testid="map-provisional-note">
              <span className="badge-provisional">{messages.provisional.badge}</span>{' '}
              {interpolate(messages.provisional.mapNote, { period: periodLabel, date: formatDate(view.provisionalUntil, locale) })}
            </p>
          ) : null}
          {suppressed ? <p className="note">{messages.overview.suppressedNote}</p> : null}
        </div>
      </div>
    </>
  );
}
