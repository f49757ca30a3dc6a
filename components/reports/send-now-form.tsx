'use client';

import { useActionState } from 'react';
import { sendReportNowAction } from '@/app/(dashboard)/admin/reports/actions';
import { useI18n } from '@/components/i18n-provider';
import { interpolate } from '@/i18n';

/** "Send now" for one subscriber: the month (the last complete one by default) and the button. */
export function SendNowForm({ userId, email, defaultMonth }: { userId: number; email: string; defaultMonth: string }) {
  const { messages } = useI18n();
  const t = messages.reports;
  const [state, action, pending] = useActionState(sendReportNowAction, null);
  return (
    <form action={action} className="row-form">
      <input type="hidden" name="userId" value={userId} />
      <input
        type="month"
        name="month"
        defaultValue={defaultMonth}
        max={defaultMonth}
        required
        aria-label={interpolate(t.sendNowMonth, { email })}
      />
      <button type="submit" className="secondary-button" disabled={pending} aria-label={interpolate(t.sendNowLabel, { email })}>
        {t.sendNow}
      </button>
      {state ? (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'form-ok' : 'form-error'}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
