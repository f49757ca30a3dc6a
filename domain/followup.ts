// Follow-up tasks (issue 20): what an agent records and what a supervisor or officer changes, one zod
// schema for the PATCH body, the pages' forms and the server. Messages are catalogue keys under `followup`.
import { z } from 'zod';
import { REVISIT_OUTCOMES } from '@/domain/enums';

/** Days after a visit in which a payment counts as recovered (PRODUCT.md "Recovery rate"). */
export const RECOVERY_WINDOW_DAYS = 60;
/** Days after a payout (or a meeting) whose enrolments count (the solidarity window). */
export const MEETING_WINDOW_DAYS = 90;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalidDate');
const version = z.coerce.number().int().positive('invalidVersion');
const agentCode = z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'invalidAgent');
const text = (max: number) => z.string().trim().max(max, 'textTooLong').refine((v) => !/[\u0000-\u001f]/.test(v), 'textTooLong');

export const taskChangeSchema = z
  .discriminatedUnion('action', [
    z.object({
      action: z.literal('record'),
      version,
      outcome: z.enum(REVISIT_OUTCOMES, { message: 'invalidOutcome' }),
      doneOn: isoDate,
      promisedOn: isoDate.optional(),
      refusalReason: text(300).optional(),
    }),
    z.object({
      action: z.literal('meeting'),
      version,
      doneOn: isoDate,
      attendees: z.coerce.number().int('invalidAttendees').min(1, 'invalidAttendees').max(10_000, 'invalidAttendees'),
    }),
    z.object({ action: z.literal('reassign'), version, agentCode }),
    z.object({ action: z.literal('cancel'), version }),
  ])
  .superRefine((value, ctx) => {
    if (value.action !== 'record') return;
    if (value.outcome === 'promised' && !value.promisedOn) ctx.addIssue({ code: 'custom', path: ['promisedOn'], message: 'promisedOnRequired' });
    if (value.outcome === 'refused' && !value.refusalReason) ctx.addIssue({ code: 'custom', path: ['refusalReason'], message: 'refusalReasonRequired' });
  });
export type TaskChange = z.infer<typeof taskChangeSchema>;

/** A task added by hand: a member (by id) or a community, an agent (or nobody yet), a due day, a note. */
export const newTaskSchema = z
  .object({
    memberId: z.coerce.number().int().positive('invalidTarget').optional(),
    communityId: z.coerce.number().int().positive('invalidTarget').optional(),
    agentCode: agentCode.optional(),
    dueOn: isoDate,
    note: text(300).min(2, 'noteRequired'),
  })
  .refine((value) => value.memberId !== undefined || value.communityId !== undefined, { path: ['memberId'], message: 'invalidTarget' });
export type NewTask = z.infer<typeof newTaskSchema>;

