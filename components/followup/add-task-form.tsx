'use client';
// A supervisor's or officer's task added by hand: a member (by id) or a community, an agent or the rule's.
import { useActionState } from 'react';
import { useI18n } from '@/components/i18n-provider';

interface State {
  ok: boolean;
  message: string;
  fieldErrors?: Partial<Record<string, string>>;
}

export function AddTaskForm({
  action,
  agents,
  communities,
  today,
}: {
  action: (previous: State | null, form: FormData) => Promise<State>;
  agents: { code: string; name: string }[];
  communities: { id: number; name: string }[];
  today: string;
}) {
  const { messages } = useI18n();
  const t = messages.followup;
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="form-grid" aria-label={t.addTitle}>
      <div className="field">
        <label htmlFor="task-member">{t.memberId}</label>
        <input id="task-member" name="memberId" inputMode="numeric" />
      </div>
      <div className="field">
        <label htmlFor="task-community">{t.communityId}</label>
        <select id="task-community" name="communityId" defaultValue="">
          <option value="">{t.noCommunity}</option>
          {communities.map((community) => (
            <option key={community.id} value={community.id}>
              {community.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="task-agent">{t.agent}</label>
        <select id="task-agent" name="agentCode" defaultValue="">
          <option value="">{t.automatic}</option>
          {agents.map((agent) => (
            <option key={agent.code} value={agent.code}>
              {agent.code} {agent.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="task-due">{t.dueOn}</label>
        <input id="task-due" name="dueOn" type="date" min={today} required />
      </div>
      <div className="field">
        <label htmlFor="task-note">{t.note}</label>
        <input id="task-note" name="note" maxLength={300} required />
      </div>
      <div className="field">
        <button type="submit" className="primary-button" disabled={pending}>
          {t.add}
        </button>
      </div>
      {state ? (
        <p role="status" className={state.ok ? 'form-ok' : 'field-error'}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
