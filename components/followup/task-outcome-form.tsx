'use client';
// The agent's record of a visit or a meeting, on a phone: big choices for one thumb, today's date by
// default, the version read sent along (a task changed since is refused with what to do).
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useI18n } from '@/components/i18n-provider';
import { REVISIT_OUTCOMES, type RevisitOutcome } from '@/domain/enums';
import { patchTask } from '@/components/followup/patch-task';

export function TaskOutcomeForm({ taskId, version, mode, today }: { taskId: number; version: number; mode: 'revisit' | 'meeting'; today: string }) {
  const { messages } = useI18n();
  const t = messages.followup;
  const router = useRouter();
  const [outcome, setOutcome] = useState<RevisitOutcome | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(form: FormData) {
    const doneOn = String(form.get('doneOn') ?? '');
    const change =
      mode === 'meeting'
        ? { action: 'meeting' as const, version, doneOn, attendees: Number(form.get('attendees')) }
        : {
            action: 'record' as const,
            version,
            outcome: outcome ?? ('' as RevisitOutcome),
            doneOn,
            promisedOn: outcome === 'promised' ? String(form.get('promisedOn') ?? '') : undefined,
            refusalReason: outcome === 'refused' ? String(form.get('refusalReason') ?? '') : undefined,
          };
    startTransition(async () => {
      const result = await patchTask(taskId, change);
      setMessage(result.ok ? { ok: true, text: t.saved } : { ok: false, text: result.message });
      if (result.ok) router.refresh();
    });
  }

  const id = (name: string) => `task-${taskId}-${name}`;
  return (
    <form action={submit} className="task-form">
      {mode === 'revisit' ? (
        <fieldset className="task-choices">
          <legend>{t.outcome}</legend>
          {REVISIT_OUTCOMES.map((value) => (
            <label key={value} className="task-choice">
              <input type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} required />
              {t.outcomes[value]}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor={id('done')}>{mode === 'meeting' ? t.meetingDate : t.visitDate}</label>
        <input id={id('done')} name="doneOn" type="date" defaultValue={today} max={today} required />
      </div>
      {mode === 'meeting' ? (
        <div className="field">
          <label htmlFor={id('attendees')}>{t.attendees}</label>
          <input id={id('attendees')} name="attendees" type="number" inputMode="numeric" min={1} max={10000} required />
        </div>
      ) : null}
      {outcome === 'promised' ? (
        <div className="field">
          <label htmlFor={id('promised')}>{t.promisedOn}</label>
          <input id={id('promised')} name="promisedOn" type="date" min={today} required />
        </div>
      ) : null}
      {outcome === 'refused' ? (
        <div className="field">
          <label htmlFor={id('reason')}>{t.refusalReason}</label>
          <input id={id('reason')} name="refusalReason" maxLength={300} required />
        </div>
      ) : null}
      <button type="submit" className="primary-button" disabled={pending}>
        {pending ? t.saving : mode === 'meeting' ? t.saveMeeting : t.save}
      </button>
      {message ? (
        <p role="status" className={message.ok ? 'form-ok' : 'field-error'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
