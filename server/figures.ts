import 'server-only';
import { suppressesSmallCells } from '@/domain/permissions';
import type { Role } from '@/domain/enums';
import type { Figure } from '@/domain/format';
import type { SummaryCell } from '@/server/indicators/series';
import { suppressSmall } from '@/server/privacy';
import type { FigureSet } from '@/contracts/figures';


/**
 * A cell's figures for a role: a district official gets "<5" wherever fewer than five persons make a
 * figure (PRODUCT.md "Privacy"); everyone else the numbers. The one place this rule is applied.
 */
export function figuresFor(role: Role, c: SummaryCell): FigureSet {
  const plain: FigureSet = {
    activeMembers: c.activeMembers,
    informalWorkforce: c.informalWorkforce,
    coverageRate: c.coverageRate,
    coverageNote: c.coverageNote,
    newEnrolments: c.newEnrolments,
    lapsedMembers: c.lapsedMembers,
    lapseRate: c.lapseRate,
    contributionsCollected: c.contributionsCollected,
    claimsPaidCount: c.claimsPaidCount,
    claimsPaidAmount: c.claimsPaidAmount,
    reactivatedMembers: c.reactivatedMembers,
    endedMembers: c.endedMembers,
    pendingMembers: c.pendingMembers,
  };
  if (!suppressesSmallCells(role)) return plain;
  return {
    ...plain,
    activeMembers: suppressSmall(c.activeMembers, c.activeMembers),
    coverageRate: suppressSmall(c.coverageRate, c.activeMembers),
    newEnrolments: suppressSmall(c.newEnrolments, c.newEnrolments),
    lapsedMembers: suppressSmall(c.lapsedMembers, c.lapsedMembers),
    // A rate reveals its numerator as much as its denominator.
    lapseRate: suppressSmall(c.lapseRate, Math.min(c.stoppedMembers, c.previousActiveMembers)),
    contributionsCollected: suppressSmall(c.contributionsCollected, c.payingMembers),
    claimsPaidCount: suppressSmall(c.claimsPaidCount, c.claimsPaidCount),
    claimsPaidAmount: suppressSmall(c.claimsPaidAmount, c.claimsPaidCount),
    reactivatedMembers: suppressSmall(c.reactivatedMembers, c.reactivatedMembers),
    endedMembers: suppressSmall(c.endedMembers, c.endedMembers),
    pendingMembers: suppressSmall(c.pendingMembers, c.pendingMembers),
  };
}

/** A count any caller may see only when at least five persons make it (or the caller sees all). */
export function countFor(role: Role, value: number): Figure {
  return suppressesSmallCells(role) ? suppressSmall(value, value) : value;
}

/** A rate whose numerator and denominator are persons. */
export function rateFor(role: Role, value: number | null, persons: number): Figure | null {
  return suppressesSmallCells(role) ? suppressSmall(value, persons) : value;
}
