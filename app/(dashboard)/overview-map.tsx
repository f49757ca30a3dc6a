// The overview's small coverage map, beside the page that uses it: it reads the database, which
// components/ never does.
import { getDb } from '@/db';
import { regionHasShapes } from '@/server/map';
import { suppressesSmallCells } from '@/domain/permissions';
import type { Caller } from '@/server/auth/caller';
import { OverviewMapClient } from './overview-map-client';

/** The overview's small coverage map of `region` (the summary's, already in the caller's scope); none without polygons. */
export async function OverviewMap({ caller, period, region }: { caller: Caller; period: string; region: string }) {
  if (!(await regionHasShapes(await getDb(), { caller, regionCode: region }))) return null;
  return <OverviewMapClient region={region} initialPeriod={period} suppressed={suppressesSmallCells(caller.role)} />;
}
