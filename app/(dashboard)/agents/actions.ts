'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { describeError } from '@/db/errors';
import { saveAgentTarget } from '@/server/agents';
import { agentTargetSchema, type AgentTargetActionState } from '@/domain/agents';
import { can } from '@/domain/permissions';
import { getCaller } from '@/server/auth/session';
import { formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';

type Field = 'agentCode' | 'month' | 'recruitsTarget';
const FIELD_MESSAGE = { agentCode: 'invalidAgent', month: 'invalidMonth', recruitsTarget: 'invalidTarget' } as const;

/** Check permission → validate → write in a transaction with its audit entry → revalidate. */
export async function updateAgentTarget(_previous: AgentTargetActionState, form: FormData): Promise<AgentTargetActionState> {
  const { locale, messages } = await getI18n();
  const t = messages.agents;
  const caller = await getCaller();
  if (!caller || !can(caller.role, 'manage:targets')) return { ok: false, message: t.forbidden };
  const parsed = agentTargetSchema.safeParse({
    agentCode: form.get('agentCode'),
    month: form.get('month'),
    recruitsTarget: form.get('recruitsTarget'),
  });
  if (!parsed.success) {
    const fieldErrors: AgentTargetActionState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      fieldErrors[field] = t[FIELD_MESSAGE[field] ?? 'invalidTarget'];
    }
    return { ok: false, message: Object.values(fieldErrors)[0] ?? t.failed, fieldErrors };
  }
  try {
    const result = await saveAgentTarget(await getDb(), { caller, input: parsed.data });
    if (!result.saved) return { ok: false, message: t.invalidAgent, fieldErrors: { agentCode: t.invalidAgent } };
    revalidatePath('/agents');
    revalidatePath(`/agents/${parsed.data.agentCode}`);
    return {
      ok: true,
      message: interpolate(t.saved, {
        agent: result.agentName ?? parsed.data.agentCode,
        period: formatPeriod(parsed.data.month, locale),
        target: parsed.data.recruitsTarget,
      }),
    };
  } catch (error) {
    console.error('[agents] target save failed:', describeError(error));
    return { ok: false, message: t.failed };
  }
}
