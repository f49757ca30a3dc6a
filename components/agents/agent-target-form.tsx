'use client';

import { useActionState, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '@/components/i18n-provider';
import type { AgentTargetActionState } from '@/domain/agents';
import { formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';

/** An agent's recruit target for a month, saved by a server action (which checks the role itself). */
export function AgentTargetForm({
  action,
  agentCode,
  agentName,
  month,
  current,
}: {
  action: (state: AgentTargetActionState, form: FormData) => Promise<AgentTargetActionState>;
  agentCode: string;
  agentName: string;
  month: string;
  current: number | null;
}) {
  const { locale, messages } = useI18n();
  const t = messages.agents;
  const queryClient = useQueryClient();
  const [state, formAction, pending] = useActionState(action, { ok: true, message: '' });
  useEffect(() => {
    // The figures on the page come from the API: fetch them again so attainment follows the new target.
    if (state.ok && state.message) void queryClient.invalidateQueries({ queryKey: ['agent', agentCode] });
  }, [state, queryClient, agentCode]);
  const label = interpolate(t.targetLabel, { agent: agentName, period: formatPeriod(month, locale) });
  return (
    <form action={formAction} className="target-form" key={month}>
      <input type="hidden" name="agentCode" value={agentCode} />
      <input type="hidden" name="month" value={month} />
      <label htmlFor="agent-target">{label}</label>
      <input
        id="agent-target"
        name="recruitsTarget"
        inputMode="numeric"
        defaultValue={current === null ? '' : String(current)}
        aria-invalid={state.fieldErrors?.recruitsTarget ? true : undefined}
        aria-describedby={state.message ? 'agent-target-message' : undefined}
        size={5}
        required
      />
      <button type="submit" disabled={pending}>
        {pending ? t.saving : t.save}
      </button>
      {state.message ? (
        <span id="agent-target-message" role={state.ok ? 'status' : 'alert'} className={state.ok ? 'form-ok' : 'form-error'}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
