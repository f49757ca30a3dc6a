'use client';

import { useActionState } from 'react';
import { updateSubscriptionAction } from '@/app/(dashboard)/account/actions';
import { useI18n } from '@/components/i18n-provider';
import { REPORT_LOCALES, type ReportLocale } from '@/domain/reports';

/** Subscribe (choosing the report's language), change the language, or unsubscribe. */
export function SubscriptionForm({ subscribed, locale }: { subscribed: boolean; locale: ReportLocale }) {
  const { messages } = useI18n();
  const t = messages.reports;
  const [state, action, pending] = useActionState(updateSubscriptionAction, null);

  return (
    <form action={action} className="row-form" aria-label={t.title}>
      <label htmlFor="report-locale">{t.language}</label>
      <select id="report-locale" name="locale" defaultValue={locale}>
        {REPORT_LOCALES.map((value) => (
          <option key={value} value={value} lang={value}>
            {t.languages[value]}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value="subscribe" className="secondary-button" disabled={pending}>
        {subscribed ? t.saveLanguage : t.subscribe}
      </button>
      {subscribed ? (
        <button type="submit" name="intent" value="unsubscribe" className="secondary-button" disabled={pending}>
          {t.unsubscribe}
        </button>
      ) : null}
      {state ? (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'form-ok' : 'form-error'}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
