import 'server-only';
import type { Database } from '@/db';
import { suppressesSmallCells } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import type { Figure } from '@/lib/format';
import { getSummary } from '@/lib/indicators/summary';
import { suppressSmall } from '@/lib/privacy';
import { resolveScope } from './scope';

/** The v1 summary contract (PRODUCT.md); figures may be "<5" for a district official. */
export interface SummaryView {
  period: string;
  region: string;
  regionName: string;
  activeMembers: Figure;
  informalWorkforce: number;
  coverageRate: Figure | null;
  newEnrolments: Figure;
  lapsedMembers: Figure;
  lapseRate: Figure | null;
  contributionsCollected: Figure;
  claimsPaidCount: Figure;
  claimsPaidAmount: Figure;
  reactivatedMembers: Figure;
  endedMembers: Figure;
  pendingMembers: Figure;
}

export async function getSummaryView(
  db: Database,
  args: { caller: Caller; period: string; regionCode?: string | null },
): Promise<SummaryView> {
  const { scope, region } = await resolveScope(db, args.caller, args.regionCode);
  const s = await getSummary(db, { period: args.period, scope });
  const view: SummaryView = {
    period: s.period,
    region: s.region,
    regionName: region.name,
    activeMembers: s.activeMembers,
    informalWorkforce: s.informalWorkforce,
    coverageRate: s.coverageRate,
    newEnrolments: s.newEnrolments,
    lapsedMembers: s.lapsedMembers,
    lapseRate: s.lapseRate,
    contributionsCollected: s.contributionsCollected,
    claimsPaidCount: s.claimsPaidCount,
    claimsPaidAmount: s.claimsPaidAmount,
    reactivatedMembers: s.reactivatedMembers,
    endedMembers: s.endedMembers,
    pendingMembers: s.pendingMembers,
  };
  if (!suppressesSmallCells(args.caller.role)) return view;
  return {
    ...view,
    activeMembers: suppressSmall(s.activeMembers, s.activeMembers),
    coverageRate: suppressSmall(s.coverageRate, s.activeMembers),
    newEnrolments: suppressSmall(s.newEnrolments, s.newEnrolments),
    lapsedMembers: suppressSmall(s.lapsedMembers, s.lapsedMembers),
    // A rate reveals its numerator as much as its denominator.
    lapseRate: suppressSmall(s.lapseRate, Math.min(s.stoppedMembers, s.previousActiveMembers)),
    contributionsCollected: suppressSmall(s.contributionsCollected, s.payingMembers),
    claimsPaidCount: suppressSmall(s.claimsPaidCount, s.claimsPaidCount),
    claimsPaidAmount: suppressSmall(s.claimsPaidAmount, s.claimsPaidCount),
    reactivatedMembers: suppressSmall(s.reactivatedMembers, s.reactivatedMembers),
    endedMembers: suppressSmall(s.endedMembers, s.endedMembers),
    pendingMembers: suppressSmall(s.pendingMembers, s.pendingMembers),
  };
}
