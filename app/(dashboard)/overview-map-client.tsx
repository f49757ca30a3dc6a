'use client';

// The overview's small map is drawn in the browser only: at regency scale its server render (d3-geo
// bounds, centroids, paths and labels of 327 villages) cost over 100 ms of the server's CPU per page, the
// largest part of the overview's render and what limited a 2-core server under load. The data comes
// with the page, so the map appears as soon as its script has loaded, without another request.
import dynamic from 'next/dynamic';
import styles from '@/components/map/map.module.css';
import type { MapView } from '@/db/queries/map';

const OverviewMapIsland = dynamic(
  () => import('@/components/overview/overview-map-island').then((module) => module.OverviewMapIsland),
  { ssr: false, loading: () => <div className={styles.mini} style={{ minHeight: '24rem' }} aria-busy="true" /> },
);

export function OverviewMapClient({ initial, suppressed }: { initial: MapView; suppressed: boolean }) {
  return <OverviewMapIsland initial={initial} suppressed={suppressed} />;
}
