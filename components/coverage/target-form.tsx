'use client';

import { useActionState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { TargetActionState } from '@/domain/targets';

/** One village's target for a year, saved by a server action (which checks the role itself). */
export function TargetForm({
  action,
  regionCode,
  year,
  villageName,
  current,
}: {
  action: (state: TargetActionState, form: FormData) => Promise<TargetActionState>;
  regionCode: string;
  year: number;
  villageName: string;
  current: number | null;
}) {
  const { messages } = useI18n();
  const t = messages.targets;
  const [state, formAction, pending] = useActionState(action, { ok: true, message: '' });
  const inputId = `target-${regionCode}`;
  const errorId = `${inputId}-error`;
  return (
    <form action={formAction} className="target-form">
      <input type="hidden" name="regionCode" value={regionCode} />
      <input type="hidden" name="year" value={year} />
      <label htmlFor={inputId} className="visually-hidden">
        {`${t.target} ${villageName}`}
      </label>
      <input
        id={inputId}
        name="targetRate"
        inputMode="decimal"
        defaultValue={current === null ? '' : String(current).replace('.', ',')}
        aria-invalid={state.fieldErrors?.targetRate ? true : undefined}
        aria-describedby={state.message ? errorId : undefined}
        size={6}
        required
      />
      <button type="submit" disabled={pending}>
        {pending ? t.saving : t.save}
      </button>
      {state.message ? (
        <span id={errorId} role={state.ok ? 'status' : 'alert'} className={state.ok ? 'form-ok' : 'form-error'}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
