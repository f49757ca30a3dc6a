'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { saveAgentTarget } from '@/server/agents';
import { runAction } from '@/server/action';
import { agentTargetSchema, type AgentTargetActionState } from '@/domain/agents';
import { formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';

const FIELD_MESSAGE = { agentCode: 'invalidAgent', month: 'invalidMonth', recruitsTarget: 'invalidTarget' } as const;

/** Check permission → validate → write in a transaction with its audit entry → revalidate. */
export async function updateAgentTarget(_previous: AgentTargetActionState, form: FormData): Promise<AgentTargetActionState> {
  return runAction({
    name: 'agents',
    permission: 'manage:targets',
    schema: agentTargetSchema,
    values: { agentCode: form.get('agentCode'), month: form.get('month'), recruitsTarget: form.get('recruitsTarget') },
    words: ({ agents: t }) => ({
      forbidden: t.forbidden,
      failed: t.failed,
      fieldMessage: (issue) => t[FIELD_MESSAGE[issue.path[0] as keyof typeof FIELD_MESSAGE] ?? 'invalidTarget'],
    }),
    run: async ({ input, caller, locale, messages: { agents: t } }): Promise<AgentTargetActionState> => {
      const result = await saveAgentTarget(await getDb(), { caller, input });
      if (!result.saved) return { ok: false, message: t.invalidAgent, fieldErrors: { agentCode: t.invalidAgent } };
      revalidatePath('/agents');
      revalidatePath(`/agents/${input.agentCode}`);
      return {
        ok: true,
        message: interpolate(t.saved, {
          agent: result.agentName ?? input.agentCode,
          period: formatPeriod(input.month, locale),
          target: input.recruitsTarget,
        }),
      };
    },
  });
}
