'use server';

import { revalidatePath } from 'next/cache';
import { currentClientAddress } from '@/server/http/client-address';
import { getDb } from '@/db';
import { getCaller } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { readMailSettings } from '@/server/reports/config';
import { sendReportNow } from '@/server/reports/deliveries';
import { AppError } from '@/domain/errors';
import { formatDateTimeInJakarta, formatPeriod } from '@/domain/format';
import { latestCompleteMonth } from '@/domain/month';
import { sendNowSchema, type ReportActionState } from '@/domain/reports';
import { interpolate } from '@/i18n';

/**
 * "Send now": one subscriber's report of one month, at once. The service checks the permission
 * (manage:reports), refuses a second sending of the same month, and audits the request and its outcome.
 */
export async function sendReportNowAction(_previous: ReportActionState | null, form: FormData): Promise<ReportActionState> {
  const { locale, messages } = await getI18n();
  const t = messages.reports;
  const caller = await getCaller();
  if (!caller) return { ok: false, message: messages.errors.unauthenticated };
  const parsed = sendNowSchema.safeParse({ userId: form.get('userId'), month: form.get('month') });
  if (!parsed.success) return { ok: false, message: interpolate(t.invalidMonth, { period: latestCompleteMonth() }) };
  const mail = readMailSettings();
  if (!mail.ok) return { ok: false, message: mail.problem === 'missing' ? t.smtpMissing : interpolate(t.smtpInvalid, { detail: mail.detail }) };
  const { userId, month } = parsed.data;
  try {
    const result = await sendReportNow(await getDb(), {
      caller,
      userId,
      month,
      mail: mail.settings,
      ip: await currentClientAddress(),
    });
    revalidatePath('/admin/reports');
    const period = formatPeriod(month, locale);
    switch (result.outcome) {
      case 'sent':
        return { ok: true, message: interpolate(t.sentNow, { period, email: result.recipient }) };
      case 'failed':
        return { ok: false, message: interpolate(t.sendFailed, { error: result.error }) };
      case 'already_sent':
        return { ok: false, message: interpolate(t.alreadySent, { period, date: formatDateTimeInJakarta(result.sentAt, locale) }) };
      case 'in_progress':
        return { ok: false, message: t.inProgress };
      case 'not_subscribed':
        return { ok: false, message: t.notSubscribedUser };
    }
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, message: error.status === 403 ? t.forbidden : interpolate(t.invalidMonth, { period: latestCompleteMonth() }) };
    }
    throw error;
  }
}
