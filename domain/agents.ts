import { z } from 'zod';
import { isPeriod } from '@/domain/month';

/** Highest monthly recruit target accepted: far above any agent's month, low enough to catch a typo. */
export const MAX_RECRUIT_TARGET = 500;

/** One agent's recruit target for a month: shared by the form and the server action. Messages are catalogue keys. */
export const agentTargetSchema = z.object({
  agentCode: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, { message: 'invalidAgent' }),
  month: z.string().refine(isPeriod, { message: 'invalidMonth' }),
  recruitsTarget: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, { message: 'invalidTarget' })
    .transform(Number)
    .pipe(z.number().int().min(0, { message: 'invalidTarget' }).max(MAX_RECRUIT_TARGET, { message: 'invalidTarget' })),
});
export type AgentTargetInput = z.infer<typeof agentTargetSchema>;

export interface AgentTargetActionState {
  ok: boolean;
  message: string;
  fieldErrors?: Partial<Record<'agentCode' | 'month' | 'recruitsTarget', string>>;
}
