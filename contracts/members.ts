// `GET /api/v1/members` and `POST /api/v1/members/{id}/nik`: what the page, the route handlers and the browser share.
import { z } from 'zod';
import { defineContract } from '@/contracts/contract';
import { agentCodeParam, communityParam, field, flagParam, formatParam, oneOf, pageParam, periodParam, regionParam, searchParam } from '@/contracts/params';
import { MEMBER_STATUSES } from '@/domain/enums';

export const memberListRowSchema = z.object({
  id: z.number(),
  /** Masked: 3302••••••••1234. The full NIK only through the reveal, which is audited. */
  nikMasked: z.string(),
  kpj: z.string().nullable(),
  name: z.string(),
  villageName: z.string(),
  occupation: z.string().nullable(),
  agentCode: z.string().nullable(),
  enrolledOn: z.string(),
  status: z.enum(MEMBER_STATUSES).nullable(),
});
export type MemberListRow = z.infer<typeof memberListRowSchema>;

/**
 * The register's filters that pick the rows behind a figure of `period` (PRODUCT.md "Indicators"):
 * active, in arrears, became ended, pending first payment, stopped (active in m-1, not in m: the lapse
 * rate's numerator), reactivated.
 */
export const MEMBER_FILTER_STATUSES = ['active', 'lapsed', 'ended', 'pending', 'stopped', 'reactivated'] as const;
export type MemberFilterStatus = (typeof MEMBER_FILTER_STATUSES)[number];

export const membersContract = defineContract({
  path: '/api/v1/members',
  params: z.object({
    period: periodParam,
    q: searchParam,
    page: pageParam,
    format: formatParam,
    region: regionParam,
    status: field<MemberFilterStatus>(oneOf(MEMBER_FILTER_STATUSES, 'bad_status', 'badMemberStatus')),
    /** Enrolled in `period` (new enrolments). */
    enrolled: flagParam,
    /** Paid a contribution in `period` (contributions collected). */
    paid: flagParam,
    agent: agentCodeParam,
    community: communityParam,
  }),
  response: z.object({ rows: z.array(memberListRowSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
});

/** `POST /api/v1/members/{id}/nik`: `path` is the stem; the id and `/nik` follow it. */
export const revealNikContract = defineContract({
  path: '/api/v1/members',
  params: z.object({}),
  response: z.object({ nik: z.string() }),
});
