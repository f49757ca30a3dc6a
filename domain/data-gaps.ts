// Why a coverage rate cannot be shown: the data it needs is not loaded yet. Pages, the API and exports
// say so ("no denominator loaded", "no members loaded") instead of showing 0 % or failing.
import type { Messages } from '@/i18n';

export const COVERAGE_NOTES = ['no_denominator', 'no_members'] as const;
export type CoverageNote = (typeof COVERAGE_NOTES)[number];

/**
 * A region's note: no informal-workforce estimate for the year, or not one member recorded in it (in the
 * caller's scope) at any time. `hasMembers` null: the grouping is not by region, so nothing to say.
 */
export function coverageNoteOf(workforce: number | null, hasMembers: boolean | null): CoverageNote | null {
  if (workforce === null || workforce <= 0) return 'no_denominator';
  if (hasMembers === false) return 'no_members';
  return null;
}

export function coverageNoteText(note: CoverageNote, messages: Messages): string {
  return note === 'no_denominator' ? messages.dataState.noDenominator : messages.dataState.noMembers;
}
