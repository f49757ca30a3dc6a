// The whole Payung domain (../shared/PRODUCT.md). Money is whole Rupiah in integers, business dates are
// `date` (imports carry dates, not instants), instants are `timestamptz`. A "month" is stored as the
// date of its first day.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

import { CHANNELS, CLAIM_STATUSES, COMMUNITY_TYPES, IMPORT_KINDS, IMPORT_MODES, PROGRAMS, REGION_LEVELS, ROLES } from '../domain/enums';
import { DELIVERY_STATUSES, REPORT_LOCALES } from '../domain/reports';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Province > regency > district > village, keyed by the Kemendagri code with dots (33.02.14.2001). */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: REGION_LEVELS }).notNull(),
    parentCode: text('parent_code'),
    population: integer('population'),
    areaKm2: numeric('area_km2', { precision: 10, scale: 2, mode: 'number' }),
    centroidLat: doublePrecision('centroid_lat'),
    centroidLng: doublePrecision('centroid_lng'),
    /** GeoJSON Polygon or MultiPolygon geometry, [lng, lat] WGS 84. */
    boundary: jsonb('boundary'),
    /** 'approximate' (made by Payung from centroids) or 'official' (loaded by an admin). */
    boundarySource: text('boundary_source', { enum: ['approximate', 'official'] }),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentCode),
    index('regions_code_pattern_idx').using('btree', sql`${t.code} text_pattern_ops`),
    check('regions_level_check', sql`${t.level} in (${inList(REGION_LEVELS)})`),
    check('regions_code_check', sql`${t.code} ~ '^[0-9]{2}(\\.[0-9]{2}){0,2}(\\.[0-9]{4})?$'`),
    check('regions_population_check', sql`${t.population} is null or ${t.population} >= 0`),
  ],
);
export type Region = typeof regions.$inferSelect;

export const occupations = pgTable('occupations', {
  code: text('code').primaryKey(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  /** PP 50/2025 discounts transport workers over a longer window than the others. */
  isTransport: boolean('is_transport').notNull().default(false),
});
export type Occupation = typeof occupations.$inferSelect;

/** Estimated informal workers of a region for a year: the denominator of the coverage rate. */
export const workforceEstimates = pgTable(
  'workforce_estimates',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    informalWorkers: integer('informal_workers').notNull(),
    source: text('source'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.year] }),
    check('workforce_estimates_workers_check', sql`${t.informalWorkers} >= 0`),
  ],
);

export const workforceEstimatesByOccupation = pgTable(
  'workforce_estimates_by_occupation',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    occupationCode: text('occupation_code')
      .notNull()
      .references(() => occupations.code),
    informalWorkers: integer('informal_workers').notNull(),
    source: text('source'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.year, t.occupationCode] }),
    check('workforce_by_occupation_workers_check', sql`${t.informalWorkers} >= 0`),
  ],
);

/** Coverage-rate targets per region and year (percent). */
export const coverageTargets = pgTable(
  'coverage_targets',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    targetRate: numeric('target_rate', { precision: 5, scale: 2, mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.year] }),
    check('coverage_targets_rate_check', sql`${t.targetRate} between 0 and 100`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** Optional region limit: a village official sees their village only. */
    regionCode: text('region_code').references(() => regions.code),
    active: boolean('active').notNull().default(true),
    /** Bumped on deactivation, role or password change: older sessions stop working at once. */
    sessionVersion: integer('session_version').notNull().default(0),
    createdAt: createdAt(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(sql`lower(${t.email})`),
    check('users_role_check', sql`${t.role} in (${inList(ROLES)})`),
  ],
);
export type User = typeof users.$inferSelect;


/** One import of a file (or one manual entry): who, when, what came of it. Rows it created carry its id. */
export const imports = pgTable(
  'imports',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    mode: text('mode', { enum: IMPORT_MODES }).notNull(),
    fileName: text('file_name').notNull(),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
    rowsCount: integer('rows_count').notNull(),
    added: integer('added').notNull(),
    updated: integer('updated').notNull(),
    unchanged: integer('unchanged').notNull(),
    rejected: integer('rejected').notNull(),
    /** The rejected rows with their messages (capped), for the downloadable report. */
    report: jsonb('report'),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneBy: integer('undone_by').references(() => users.id),
    /** The importing user's region limit at the time (null: the whole installation): who may see and undo it. */
    regionCode: text('region_code'),
  },
  (t) => [index('imports_created_idx').on(t.createdAt)],
);
export type ImportRecord = typeof imports.$inferSelect;

/** The state before an import changed an existing row, so that undo can put it back. */
export const importChanges = pgTable(
  'import_changes',
  {
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    entity: text('entity', { enum: IMPORT_KINDS }).notNull(),
    entityId: integer('entity_id').notNull(),
    before: jsonb('before').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.entity, t.entityId] }), index('import_changes_entity_idx').on(t.entity, t.entityId)],
);

/**
 * The same for the master-data kinds, whose rows are keyed by text (a region's code, an agent's code,
 * region|year): `before` null means the import created the row, so undo removes it.
 */
export const importKeyChanges = pgTable(
  'import_key_changes',
  {
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    entity: text('entity', { enum: IMPORT_KINDS }).notNull(),
    key: text('key').notNull(),
    before: jsonb('before'),
  },
  (t) => [primaryKey({ columns: [t.importId, t.entity, t.key] }), index('import_key_changes_entity_idx').on(t.entity, t.key)],
);

export const communities = pgTable(
  'communities',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type', { enum: COMMUNITY_TYPES }).notNull(),
    villageCode: text('village_code')
      .notNull()
      .references(() => regions.code),
    /** The occupation an association or group gathers, when it gathers one. */
    occupationCode: text('occupation_code').references(() => occupations.code),
    foundedOn: date('founded_on'),
  },
  (t) => [
    uniqueIndex('communities_name_village_idx').on(t.name, t.villageCode),
    index('communities_village_idx').on(t.villageCode),
    check('communities_type_check', sql`${t.type} in (${inList(COMMUNITY_TYPES)})`),
  ],
);
export type Community = typeof communities.$inferSelect;

export const agents = pgTable(
  'agents',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    villageCode: text('village_code')
      .notNull()
      .references(() => regions.code),
    supervisorId: integer('supervisor_id').references(() => users.id),
    phone: text('phone'),
    activeFrom: date('active_from').notNull(),
    activeTo: date('active_to'),
    /** The agent's own sign-in e-mail, when they have one. */
    email: text('email'),
  },
  (t) => [
    uniqueIndex('agents_email_idx').on(sql`lower(${t.email})`),
    index('agents_supervisor_idx').on(t.supervisorId),
    index('agents_village_idx').on(t.villageCode),
    check('agents_active_range_check', sql`${t.activeTo} is null or ${t.activeTo} >= ${t.activeFrom}`),
  ],
);
export type Agent = typeof agents.$inferSelect;

/** The communities an agent belongs to: the field study's "agent from the member's own community". */
export const agentCommunities = pgTable(
  'agent_communities',
  {
    agentCode: text('agent_code')
      .notNull()
      .references(() => agents.code, { onDelete: 'cascade' }),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.agentCode, t.communityId] }),
    index('agent_communities_community_idx').on(t.communityId),
  ],
);

export const agentTargets = pgTable(
  'agent_targets',
  {
    agentCode: text('agent_code')
      .notNull()
      .references(() => agents.code, { onDelete: 'cascade' }),
    month: date('month').notNull(),
    recruitsTarget: integer('recruits_target').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agentCode, t.month] }),
    check('agent_targets_month_check', sql`extract(day from ${t.month}) = 1`),
    check('agent_targets_recruits_check', sql`${t.recruitsTarget} >= 0`),
  ],
);

export const members = pgTable(
  'members',
  {
    id: serial('id').primaryKey(),
    nik: text('nik').notNull(),
    kpj: text('kpj'),
    name: text('name').notNull(),
    sex: text('sex', { enum: ['L', 'P'] }).notNull(),
    birthDate: date('birth_date'),
    phone: text('phone'),
    address: text('address'),
    villageCode: text('village_code')
      .notNull()
      .references(() => regions.code),
    occupationCode: text('occupation_code').references(() => occupations.code),
    communityId: integer('community_id').references(() => communities.id),
    agentCode: text('agent_code').references(() => agents.code),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    enrolledOn: date('enrolled_on').notNull(),
    /** Declared monthly income in Rupiah: JKK is 1 % of it. */
    declaredIncome: integer('declared_income').notNull(),
    /** The import that created the row (null: seeded or older); undo removes it. */
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('members_nik_idx').on(t.nik),
    index('members_village_idx').on(t.villageCode),
    index('members_village_pattern_idx').using('btree', sql`${t.villageCode} text_pattern_ops`),
    // Enrolments of a period, and retention's cohorts, read from the index alone (scope and group keys in it).
    index('members_enrolled_idx').on(t.enrolledOn, t.villageCode, t.communityId, t.agentCode, t.id),
    // An agent's members, and its last recruit before a month (agent figures).
    index('members_agent_enrolled_idx').on(t.agentCode, t.enrolledOn),
    // A community's enrolments around a claim payout (the solidarity effect): one index range per claim.
    index('members_community_enrolled_idx').on(t.communityId, t.enrolledOn),
    // Undo of an import finds the rows it created; seeded and older rows carry none.
    index('members_import_idx').on(t.importId).where(sql`${t.importId} is not null`),
    check('members_nik_check', sql`${t.nik} ~ '^[0-9]{16}$'`),
    check('members_sex_check', sql`${t.sex} in ('L', 'P')`),
    check('members_channel_check', sql`${t.channel} in (${inList(CHANNELS)})`),
    check('members_income_check', sql`${t.declaredIncome} >= 0`),
  ],
);
export type Member = typeof members.$inferSelect;

/** One payment covering `monthsCount` consecutive months from `firstMonth`. */
export const contributions = pgTable(
  'contributions',
  {
    id: serial('id').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    firstMonth: date('first_month').notNull(),
    monthsCount: integer('months_count').notNull(),
    /** The first day of the last month covered, kept by the database. */
    lastMonth: date('last_month')
      .notNull()
      .generatedAlwaysAs(sql`(first_month + make_interval(months => months_count - 1))::date`),
    jkkAmount: integer('jkk_amount').notNull(),
    jkmAmount: integer('jkm_amount').notNull(),
    paidOn: date('paid_on').notNull(),
    agentCode: text('agent_code').references(() => agents.code),
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contributions_member_month_idx').on(t.memberId, t.firstMonth),
    index('contributions_cover_idx').on(t.firstMonth, t.lastMonth, t.memberId),
    index('contributions_paid_idx').on(t.paidOn),
    // What an agent collected in a month (agent figures, incentives).
    index('contributions_agent_paid_idx').on(t.agentCode, t.paidOn),
    // A few thousand members' payments of a month (a supervisor's agents' members): one probe each.
    index('contributions_member_paid_idx').on(t.memberId, t.paidOn),
    index('contributions_import_idx').on(t.importId).where(sql`${t.importId} is not null`),
    check('contributions_first_month_check', sql`extract(day from ${t.firstMonth}) = 1`),
    check('contributions_months_check', sql`${t.monthsCount} between 1 and 12`),
    check('contributions_amounts_check', sql`${t.jkkAmount} >= 0 and ${t.jkmAmount} >= 0`),
  ],
);
export type Contribution = typeof contributions.$inferSelect;

/**
 * Derived from `contributions`, never written by the application: each member's maximal runs of
 * consecutive covered months (a run ends where a month is not covered). Triggers on contributions
 * (migration 0005) rebuild the runs of every member a statement touches, in the same transaction, so
 * they always agree with the contributions; `select coverage_spans_rebuild()` rebuilds them all.
 * A member is covered in month m exactly when one of their runs contains m, so the members in arrears
 * of a month are the runs ending in m-3 .. m-1 (a few thousand in a regency, found through an index)
 * instead of a pass over every member's contributions.
 */
export const coverageSpans = pgTable(
  'coverage_spans',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    firstMonth: date('first_month').notNull(),
    lastMonth: date('last_month').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.firstMonth] }),
    index('coverage_spans_last_idx').on(t.lastMonth, t.memberId),
  ],
);

export const claims = pgTable(
  'claims',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    program: text('program', { enum: PROGRAMS }).notNull(),
    /** JKK: medical, temporary_disability, permanent_disability, death. JKM: death. */
    benefitType: text('benefit_type'),
    incidentDate: date('incident_date').notNull(),
    submittedOn: date('submitted_on').notNull(),
    verifiedOn: date('verified_on'),
    approvedOn: date('approved_on'),
    status: text('status', { enum: CLAIM_STATUSES }).notNull(),
    /** Amount approved or paid, whole Rupiah. */
    amount: integer('amount'),
    paidOn: date('paid_on'),
    rejectedOn: date('rejected_on'),
    rejectionReason: text('rejection_reason'),
    agentCode: text('agent_code').references(() => agents.code),
    /** JKK permanent disability: the degree in percent (100 = total permanent disability). */
    disabilityPercent: numeric('disability_percent', { precision: 5, scale: 2, mode: 'number' }),
    /** JKK temporary inability to work (STMB): the days off work. */
    inabilityDays: integer('inability_days'),
    /** Written reason when an officer set an amount other than the programme's rules give. */
    amountOverrideReason: text('amount_override_reason'),
    /** Written reason when an officer pays a claim whose member was not covered at the incident date. */
    coverageOverrideReason: text('coverage_override_reason'),
    /** Optimistic concurrency: an edit names the version it read. */
    version: integer('version').notNull().default(1),
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('claims_number_idx').on(t.number),
    index('claims_member_idx').on(t.memberId),
    index('claims_paid_idx').on(t.paidOn),
    index('claims_submitted_idx').on(t.submittedOn),
    index('claims_agent_idx').on(t.agentCode),
    index('claims_import_idx').on(t.importId).where(sql`${t.importId} is not null`),
    check('claims_program_check', sql`${t.program} in (${inList(PROGRAMS)})`),
    check('claims_status_check', sql`${t.status} in (${inList(CLAIM_STATUSES)})`),
    check('claims_amount_check', sql`${t.amount} is null or ${t.amount} >= 0`),
    check('claims_paid_on_check', sql`(${t.status} = 'paid') = (${t.paidOn} is not null)`),
    check('claims_disability_percent_check', sql`${t.disabilityPercent} is null or (${t.disabilityPercent} > 0 and ${t.disabilityPercent} <= 100)`),
    check('claims_inability_days_check', sql`${t.inabilityDays} is null or ${t.inabilityDays} > 0`),
    check('claims_dates_check', sql`${t.submittedOn} >= ${t.incidentDate} and (${t.paidOn} is null or ${t.paidOn} >= ${t.submittedOn})`),
  ],
);
export type Claim = typeof claims.$inferSelect;

/**
 * Contribution rates, benefit amounts, discounts and agent incentive rates, each valid from a date.
 * Rates change (PP 50/2025's 50 % discount, the 2022 Perisai scheme), so none is a constant in code.
 */
export const referenceRates = pgTable(
  'reference_rates',
  {
    id: serial('id').primaryKey(),
    category: text('category', { enum: ['contribution', 'discount', 'benefit', 'incentive'] }).notNull(),
    key: text('key').notNull(),
    value: numeric('value', { precision: 14, scale: 4, mode: 'number' }).notNull(),
    /** 'rupiah', 'percent' or 'times_income'. */
    unit: text('unit', { enum: ['rupiah', 'percent', 'times_income', 'count'] }).notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    source: text('source'),
  },
  (t) => [
    uniqueIndex('reference_rates_key_from_idx').on(t.key, t.effectiveFrom),
    check('reference_rates_range_check', sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`),
  ],
);
export type ReferenceRate = typeof referenceRates.$inferSelect;

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    /** Kept even when no user matched (a failed sign-in), never a password. */
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    details: jsonb('details'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_user_idx').on(t.userId, t.at),
    // The log page filtered by action, newest first, and its list of actions.
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);

/**
 * Every password check of a sign-in, for the lock-out (server/auth/sign-in-throttle.ts). A row is written
 * before the password is checked, under a lock per account and per address, so checks running at once
 * are counted before they happen. The audit log keeps the outcomes for people to read.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** As typed, trimmed and lowercased: an account that does not exist is limited all the same. */
    email: text('email').notNull(),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Null while the password is being checked. */
    outcome: text('outcome', { enum: ['ok', 'failed'] }),
  },
  (t) => [index('sign_in_attempts_email_idx').on(t.email, t.at), index('sign_in_attempts_ip_idx').on(t.ip, t.at)],
);

/**
 * Server-side record of each sign-in. The session cookie only names it, so an idle or expired session,
 * a sign-out or a deactivated account ends it at once on the next request.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

/** Who receives the monthly report by e-mail (one row per user; unsubscribing keeps the row, dated). */
export const reportSubscriptions = pgTable(
  'report_subscriptions',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The users table keeps no language: the report's is chosen here. */
    locale: text('locale', { enum: REPORT_LOCALES }).notNull().default('id'),
    subscribedAt: timestamp('subscribed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set while unsubscribed; null while the user receives the report. */
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('report_subscriptions_user_idx').on(t.userId),
    check('report_subscriptions_locale_check', sql`${t.locale} in (${inList(REPORT_LOCALES)})`),
  ],
);

/**
 * One monthly report to one user: at most one row per user and month, so a retry or a second runner
 * never sends it twice. pending → sending (claimed by one runner) → sent, or failed (retried later).
 */
export const reportDeliveries = pgTable(
  'report_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    month: date('month').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** The SMTP error of the last failed attempt (no personal data: the server's answer). */
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The address it went to, as it was then. */
    recipient: text('recipient'),
    /** The same Message-ID on every attempt, so a mail system can tell a repeat. */
    messageId: text('message_id').notNull(),
    /** The admin who asked for it with "send now" (null: the monthly schedule). */
    requestedBy: integer('requested_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('report_deliveries_user_month_idx').on(t.userId, t.month),
    index('report_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('report_deliveries_updated_idx').on(t.updatedAt),
    check('report_deliveries_status_check', sql`${t.status} in (${inList(DELIVERY_STATUSES)})`),
    check('report_deliveries_month_check', sql`extract(day from ${t.month}) = 1`),
  ],
);

/**
 * The version of each reference dataset shipped with Payung (db/reference/) this database holds: a start
 * whose dataset has the same version loads nothing.
 */
export const referenceDatasets = pgTable('reference_datasets', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  rows: integer('rows').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Each shipped reference row as its last load left it (a hash of the shipped columns, by natural key). A
 * row whose values no longer hash the same was changed in the app since, and a new version leaves it be.
 */
export const referenceRows = pgTable(
  'reference_rows',
  {
    dataset: text('dataset').notNull(),
    key: text('key').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dataset, t.key] })],
);

/** Small key/value facts about this installation, such as whether its data is the synthetic demo. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The dimensions the monthly rollup is kept by. Every row is also keyed by village, so a region is a
 * village-code prefix and `village × occupation` is the occupation rows read per village.
 */
export const ROLLUP_DIMENSIONS = ['total', 'community', 'occupation', 'channel', 'agent', 'sex'] as const;

/**
 * Pre-aggregated member-month figures (lib/indicators/rollups.ts builds and maintains them): for each
 * dimension, month, village and key, the counts PRODUCT.md's summary indicators are made of. Kept
 * current inside every write transaction of the app; `npm run rollups:rebuild` rebuilds them whole.
 */
export const rollupMonthly = pgTable(
  'rollup_monthly',
  {
    dimension: text('dimension', { enum: ROLLUP_DIMENSIONS }).notNull(),
    month: date('month').notNull(),
    villageCode: text('village_code').notNull(),
    key: text('key').notNull(),
    active: integer('active').notNull().default(0),
    activePrev: integer('active_prev').notNull().default(0),
    stopped: integer('stopped').notNull().default(0),
    lapsed: integer('lapsed').notNull().default(0),
    ended: integer('ended').notNull().default(0),
    reactivated: integer('reactivated').notNull().default(0),
    newEnrolments: integer('new_enrolments').notNull().default(0),
    pending: integer('pending').notNull().default(0),
    payers: integer('payers').notNull().default(0),
    collected: bigint('collected', { mode: 'number' }).notNull().default(0),
    claimsPaidCount: integer('claims_paid_count').notNull().default(0),
    claimsPaidAmount: bigint('claims_paid_amount', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.month, t.villageCode, t.key] })],
);

/**
 * Whether the rollup can be trusted: a write that did not maintain it (a statement-level trigger sees
 * every insert, update, delete and truncate of members, contributions and claims) marks it stale, and
 * readers then fall back to the live SQL until the next rebuild.
 */
export const rollupState = pgTable(
  'rollup_state',
  {
    id: integer('id').primaryKey().default(1),
    stale: boolean('stale').notNull().default(true),
    builtAt: timestamp('built_at', { withTimezone: true }),
    buildMs: integer('build_ms'),
  },
  (t) => [check('rollup_state_single_row_check', sql`${t.id} = 1`)],
);

/** Scratch space of a parallel rollup rebuild: the month values of each chunk of villages (emptied after). */
export const rollupBuild = pgTable('rollup_build', {
  dimension: text('dimension').notNull(),
  month: date('month').notNull(),
  villageCode: text('village_code').notNull(),
  key: text('key').notNull(),
  active: bigint('active', { mode: 'number' }).notNull(),
  activePrev: bigint('active_prev', { mode: 'number' }).notNull(),
  stopped: bigint('stopped', { mode: 'number' }).notNull(),
  lapsed: bigint('lapsed', { mode: 'number' }).notNull(),
  ended: bigint('ended', { mode: 'number' }).notNull(),
  reactivated: bigint('reactivated', { mode: 'number' }).notNull(),
  newEnrolments: bigint('new_enrolments', { mode: 'number' }).notNull(),
  pending: bigint('pending', { mode: 'number' }).notNull(),
  payers: bigint('payers', { mode: 'number' }).notNull(),
  collected: bigint('collected', { mode: 'number' }).notNull(),
  claimsPaidCount: bigint('claims_paid_count', { mode: 'number' }).notNull(),
  claimsPaidAmount: bigint('claims_paid_amount', { mode: 'number' }).notNull(),
});

/**
 * The data version the figure cache (db/figures-cache.ts) is keyed by: statement-level triggers on every
 * table the figures read add 1 to the row of the writing backend (`pid`) in the writing transaction, so
 * `sum(version)` grows exactly when such a write commits. One row per backend means concurrent writers
 * never wait on each other's row.
 */
export const dataVersion = pgTable('data_version', {
  pid: integer('pid').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/**
 * The part of the data version that belongs to one district (`xx.xx.xx`): writes to members, their
 * contributions, coverage runs and claims, and the rollup add 1 to each district their rows lie in (old
 * and new rows of an update), per writing backend as in `data_version`. A figure of a region is cached
 * under `data_version` plus the sum over the region's districts, so a write elsewhere leaves it warm.
 */
export const dataVersionDistrict = pgTable(
  'data_version_district',
  {
    district: text('district').notNull(),
    pid: integer('pid').notNull(),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.district, t.pid] })],
);

/** A capacity plan someone saved under a name, to reopen and compare (the /plan page). */
export const planScenarios = pgTable(
  'plan_scenarios',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    targetRate: numeric('target_rate', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    /** The first day of the month by which the target is to be reached. */
    targetMonth: date('target_month').notNull(),
    /** The share of agents' recruits through an agent of the recruit's own community (percent); null: as observed. */
    embeddedShare: numeric('embedded_share', { precision: 5, scale: 2, mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('plan_scenarios_user_idx').on(t.userId, t.createdAt),
    check('plan_scenarios_rate_check', sql`${t.targetRate} > 0 and ${t.targetRate} <= 100`),
    check('plan_scenarios_embedded_check', sql`${t.embeddedShare} is null or ${t.embeddedShare} between 0 and 100`),
    check('plan_scenarios_month_check', sql`extract(day from ${t.targetMonth}) = 1`),
  ],
);
