// `GET /api/v1/members` and `POST /api/v1/members/{id}/nik`: what the page, the route handlers and the browser share.
import { z } from 'zod';
import { defineContract } from '@/contracts/contract';
import { formatParam, pageParam, periodParam, searchParam } from '@/contracts/params';
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

export const membersContract = defineContract({
  path: '/api/v1/members',
  params: z.object({ period: periodParam, q: searchParam, page: pageParam, format: formatParam }),
  response: z.object({ rows: z.array(memberListRowSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
});

/** `POST /api/v1/members/{id}/nik`: `path` is the stem; the id and `/nik` follow it. */
export const revealNikContract = defineContract({
  path: '/api/v1/members',
  params: z.object({}),
  response: z.object({ nik: z.string() }),
});
