'use client';
// A supervisor's or officer's change of one task: reassign to one of their agents, or cancel it.
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useI18n } from '@/components/i18n-provider';
import { interpolate } from '@/i18n';
import { patchTask } from '@/components/followup/patch-task';

export function TaskAdminActions({
  taskId,
  version,
  agentCode,
  agents,
}: {
  taskId: number;
  version: number;
  agentCode: string | null;
  agents: { code: string; name: string }[];
}) {
  const { messages } = useI18n();
  const t = messages.followup;
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (change: Parameters<typeof patchTask>[1]) =>
    startTransition(async () => {
      const result = await patchTask(taskId, change);
      setError(result.ok ? null : result.message);
      if (result.ok) router.refresh();
    });

  return (
    <div className="row-form">
      <form action={(form) => run({ action: 'reassign', version, agentCode: String(form.get('agentCode') ?? '') })} className="row-form">
        <select name="agentCode" defaultValue={agentCode ?? ''} aria-label={interpolate(t.reassignTo, { id: taskId })} required>
          <option value="" disabled>
            {t.unassigned}
          </option>
          {agents.map((agent) => (
            <option key={agent.code} value={agent.code}>
              {agent.code} {agent.name}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary-button" disabled={pending}>
          {t.reassign}
        </button>
      </form>
      <button type="button" className="secondary-button" disabled={pending} onClick={() => run({ action: 'cancel', version })}>
        {t.cancel}
      </button>
      {error ? (
        <span role="alert" className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
