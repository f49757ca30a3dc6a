// The overview's small coverage map, beside the page that uses it: it reads the database, which
// components/ never does.
import { getDb } from '@/db';
import { getMapView } from '@/db/queries/map';
import { suppressesSmallCells } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import { OverviewMapClient } from './overview-map-client';

/** The overview's small coverage map: server-rendered first, then following the period picker. */
export async function OverviewMap({
  caller,
  period,
  regionCode,
}: {
  caller: Caller;
  period: string;
  regionCode?: string | null;
}) {
  const view = await getMapView(await getDb(), { caller, period, metric: 'coverageRate', regionCode });
  if (!view.features.some((feature) => feature.geometry)) return null;
  return <OverviewMapClient initial={view} suppressed={suppressesSmallCells(caller.role)} />;
}
