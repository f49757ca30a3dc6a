'use client';

// The overview's small map is drawn in the browser, from the map API: at regency scale its server render
// (d3-geo bounds, centroids, paths and labels of 327 villages) cost over 100 ms of the server's CPU per
// page, and its polygons in the page's payload another 20 ms and 150 kB of HTML on every visit. The
// browser fetches them once through the same query the map page uses (React Query caches it), while
// the script that draws them loads.
import dynamic from 'next/dynamic';
import { MiniMapPlaceholder } from '@/components/overview/mini-map-placeholder';

const OverviewMapIsland = dynamic(
  () => import('@/components/overview/overview-map-island').then((module) => module.OverviewMapIsland),
  { ssr: false, loading: () => <MiniMapPlaceholder /> },
);

export function OverviewMapClient(props: { region: string; initialPeriod: string; suppressed: boolean }) {
  return <OverviewMapIsland {...props} />;
}
