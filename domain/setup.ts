// Putting an office into service: what to load, in this order (each step's rows refer to the previous
// steps': a community names its village, an agent its communities and supervisor, a member its village,
// community and agent, a contribution or claim its member), and where each is loaded.

export const SETUP_STEPS = ['regions', 'communities', 'agents', 'members', 'contributions', 'claims'] as const;
export type SetupStepKey = (typeof SETUP_STEPS)[number];

export interface SetupStep {
  key: SetupStepKey;
  /** Rows of the step in the caller's region. */
  count: number;
  state: 'done' | 'next' | 'waiting';
}

export interface SetupProgress {
  steps: SetupStep[];
  /** Villages with an informal-workforce estimate for the current year (the coverage rate's denominator). */
  villagesWithWorkforce: number;
  villagesWithOfficialBoundary: number;
  /** Active supervisors: an agent names its supervisor by e-mail, so they are made first. */
  supervisors: number;
}

/** Where a step's rows are loaded: the import page, opened on the step's kind. */
export function setupStepHref(key: SetupStepKey): string {
  return `/imports?kind=${key}`;
}

/** Where a step's rows can also be added one by one, by a form of the master-data area. */
export function setupStepFormHref(key: SetupStepKey): string | null {
  return key === 'communities' || key === 'agents' ? `/admin/master/${key}` : null;
}

/** Each step is done once it has rows; the first one without is next. */
export function setupSteps(counts: Record<SetupStepKey, number>): SetupStep[] {
  let nextGiven = false;
  return SETUP_STEPS.map((key) => {
    const count = counts[key];
    if (count > 0) return { key, count, state: 'done' };
    const state = nextGiven ? 'waiting' : 'next';
    nextGiven = true;
    return { key, count, state };
  });
}
