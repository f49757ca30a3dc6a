'use server';

import { revalidatePath } from 'next/cache';
import { currentClientAddress } from '@/server/http/client-address';
import { getDb } from '@/db';
import { describeError } from '@/db/errors';
import { advanceClaim, recordClaim } from '@/server/claims';
import { can } from '@/domain/permissions';
import { getCaller } from '@/server/auth/session';
import { claimStepSchema, recordClaimSchema, type ClaimActionState, type ClaimFormField } from '@/domain/claims';
import { AppError } from '@/domain/errors';
import { formatRupiah } from '@/domain/format';
import { interpolate, type Messages } from '@/i18n';
import { getI18n } from '@/server/i18n';

type FormKey = keyof Messages['claims']['form'];

function fieldErrorsOf(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  messages: Messages,
): ClaimActionState['fieldErrors'] {
  const out: NonNullable<ClaimActionState['fieldErrors']> = {};
  for (const issue of issues) {
    const field = String(issue.path[0]) as ClaimFormField;
    if (out[field]) continue;
    out[field] = messages.claims.form[issue.message as FormKey] ?? messages.claims.failed;
  }
  return out;
}

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === 'string' ? value : undefined;
};

/** Check permission → validate → record in a transaction with its audit entry → revalidate. */
export async function recordClaimAction(_previous: ClaimActionState, form: FormData): Promise<ClaimActionState> {
  const { locale, messages } = await getI18n();
  const t = messages.claims;
  const caller = await getCaller();
  if (!caller || !can(caller.role, 'manage:claims')) return { ok: false, message: t.forbidden };
  const parsed = recordClaimSchema.safeParse({
    member: text(form, 'member'),
    program: text(form, 'program'),
    benefitType: text(form, 'benefitType'),
    incidentDate: text(form, 'incidentDate'),
    submittedOn: text(form, 'submittedOn'),
    disabilityPercent: text(form, 'disabilityPercent'),
    inabilityDays: text(form, 'inabilityDays'),
    agentCode: text(form, 'agentCode'),
  });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error.issues, messages);
    return { ok: false, message: Object.values(fieldErrors ?? {})[0] ?? t.failed, fieldErrors };
  }
  try {
    const result = await recordClaim(await getDb(), { caller, input: parsed.data, ip: await currentClientAddress() });
    revalidatePath('/claims');
    return {
      ok: true,
      number: result.number,
      message: interpolate(result.coveredAtIncident ? t.recorded : t.recordedNotCovered, { number: result.number }),
    };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.localizedMessage(locale) };
    console.error('[claims] record failed:', describeError(error));
    return { ok: false, message: t.failed };
  }
}

/** One lifecycle step of a claim: the data layer checks transition, dates, amount, coverage and version. */
export async function advanceClaimAction(_previous: ClaimActionState, form: FormData): Promise<ClaimActionState> {
  const { locale, messages } = await getI18n();
  const t = messages.claims;
  const caller = await getCaller();
  if (!caller || !can(caller.role, 'manage:claims')) return { ok: false, message: t.forbidden };
  const parsed = claimStepSchema.safeParse({
    number: text(form, 'number'),
    version: text(form, 'version'),
    to: text(form, 'to'),
    date: text(form, 'date'),
    amount: text(form, 'amount'),
    amountOverrideReason: text(form, 'amountOverrideReason'),
    coverageOverrideReason: text(form, 'coverageOverrideReason'),
    rejectionReason: text(form, 'rejectionReason'),
  });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error.issues, messages);
    return { ok: false, message: Object.values(fieldErrors ?? {})[0] ?? t.failed, fieldErrors };
  }
  try {
    const result = await advanceClaim(await getDb(), { caller, input: parsed.data, ip: await currentClientAddress() });
    revalidatePath('/claims');
    revalidatePath(`/claims/${result.number}`);
    return {
      ok: true,
      number: result.number,
      message: interpolate(t.stepDone, { number: result.number, status: t.statuses[result.status] }),
    };
  } catch (error) {
    if (error instanceof AppError) {
      // The rule amount in the message is money: format it as the interface does.
      const values = error.code === 'amount_mismatch' ? { ...error.values, rule: formatRupiah(Number(error.values.rule), locale).replace(/^Rp\s/, '') } : error.values;
      return { ok: false, message: new AppError(error.code, error.status, error.messageKey, values).localizedMessage(locale) };
    }
    console.error('[claims] step failed:', describeError(error));
    return { ok: false, message: t.failed };
  }
}
