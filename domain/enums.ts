// The closed sets of Payung's domain words (PRODUCT.md): the database's check constraints, the forms
// and the API parameters all use these lists.

export const REGION_LEVELS = ['province', 'regency', 'district', 'village'] as const;
export const COMMUNITY_TYPES = [
  'occupation_association',
  'cooperative',
  'citizens_forum',
  'farmers_group',
  'religious_group',
] as const;
export const CHANNELS = [
  'agent',
  'community',
  'cooperative',
  'citizens_forum',
  'formal_socialisation',
  'walk_in',
] as const;
export const PROGRAMS = ['JKK', 'JKM'] as const;
export const CLAIM_STATUSES = ['submitted', 'verified', 'approved', 'paid', 'rejected'] as const;
export const ROLES = ['admin', 'bpjs_officer', 'district_official', 'supervisor', 'agent'] as const;

export type RegionLevel = (typeof REGION_LEVELS)[number];
export type CommunityType = (typeof COMMUNITY_TYPES)[number];
export type Channel = (typeof CHANNELS)[number];
export type Program = (typeof PROGRAMS)[number];
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type Role = (typeof ROLES)[number];

export const IMPORT_KINDS = [
  'members',
  'contributions',
  'claims',
  'regions',
  'communities',
  'agents',
  'workforce',
  'coverage_targets',
  'agent_targets',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** `all`: the whole file or nothing; `valid_only`: the user chose to keep the valid rows; `manual`: a form. */
export const IMPORT_MODES = ['all', 'valid_only', 'manual'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const MEMBER_STATUSES = ['aktif', 'menunggak', 'nonaktif', 'baru'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Follow-up tasks (issue 20): what an agent is asked to do, and what came of it. */
export const TASK_KINDS = ['revisit', 'solidarity', 'manual'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATES = ['open', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
/** What a revisit found; a solidarity task records a meeting (date, attendees) instead. */
export const TASK_OUTCOMES = ['paid', 'promised', 'refused', 'moved', 'deceased', 'unreachable', 'meeting_held'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];
/** A revisit's outcomes; a solidarity task's is `meeting_held` (with the day and the attendance). */
export const REVISIT_OUTCOMES = ['paid', 'promised', 'refused', 'moved', 'deceased', 'unreachable'] as const satisfies readonly TaskOutcome[];
export type RevisitOutcome = (typeof REVISIT_OUTCOMES)[number];
