'use server';

import { revalidatePath } from 'next/cache';
import { currentClientAddress } from '@/server/http/client-address';
import { getDb } from '@/db';
import { advanceClaim, recordClaim } from '@/server/claims';
import { runAction } from '@/server/action';
import { claimStepSchema, recordClaimSchema, type ClaimActionState } from '@/domain/claims';
import { AppError } from '@/domain/errors';
import { formatRupiah } from '@/domain/format';
import { interpolate, type Messages } from '@/i18n';

type FormKey = keyof Messages['claims']['form'];

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === 'string' ? value : undefined;
};

async function clientIp(): Promise<string | null> {
  return await currentClientAddress();
}

const claimWords = ({ claims: t }: Messages) => ({
  forbidden: t.forbidden,
  failed: t.failed,
  fieldMessage: (issue: { message: string }) => t.form[issue.message as FormKey] ?? t.failed,
});

/** Check permission → validate → record in a transaction with its audit entry → revalidate. */
export async function recordClaimAction(_previous: ClaimActionState, form: FormData): Promise<ClaimActionState> {
  return runAction({
    name: 'claims',
    permission: 'manage:claims',
    schema: recordClaimSchema,
    values: {
      member: text(form, 'member'),
      program: text(form, 'program'),
      benefitType: text(form, 'benefitType'),
      incidentDate: text(form, 'incidentDate'),
      submittedOn: text(form, 'submittedOn'),
      disabilityPercent: text(form, 'disabilityPercent'),
      inabilityDays: text(form, 'inabilityDays'),
      agentCode: text(form, 'agentCode'),
    },
    words: claimWords,
    run: async ({ input, caller, messages: { claims: t } }): Promise<ClaimActionState> => {
      const result = await recordClaim(await getDb(), { caller, input, ip: await clientIp() });
      revalidatePath('/claims');
      return {
        ok: true,
        number: result.number,
        message: interpolate(result.coveredAtIncident ? t.recorded : t.recordedNotCovered, { number: result.number }),
      };
    },
  });
}

/** One lifecycle step of a claim: the data layer checks transition, dates, amount, coverage and version. */
export async function advanceClaimAction(_previous: ClaimActionState, form: FormData): Promise<ClaimActionState> {
  return runAction({
    name: 'claims',
    permission: 'manage:claims',
    schema: claimStepSchema,
    values: {
      number: text(form, 'number'),
      version: text(form, 'version'),
      to: text(form, 'to'),
      date: text(form, 'date'),
      amount: text(form, 'amount'),
      amountOverrideReason: text(form, 'amountOverrideReason'),
      coverageOverrideReason: text(form, 'coverageOverrideReason'),
      rejectionReason: text(form, 'rejectionReason'),
    },
    words: (messages) => ({
      ...claimWords(messages),
      // The rule amount in the message is money: format it as the interface does.
      refusal: (error, locale) =>
        error.code === 'amount_mismatch'
          ? new AppError(error.code, error.status, error.messageKey, {
              ...error.values,
              rule: formatRupiah(Number(error.values.rule), locale).replace(/^Rp\s/, ''),
            }).localizedMessage(locale)
          : error.localizedMessage(locale),
    }),
    run: async ({ input, caller, messages: { claims: t } }): Promise<ClaimActionState> => {
      const result = await advanceClaim(await getDb(), { caller, input, ip: await clientIp() });
      revalidatePath('/claims');
      revalidatePath(`/claims/${result.number}`);
      return {
        ok: true,
        number: result.number,
        message: interpolate(t.stepDone, { number: result.number, status: t.statuses[result.status] }),
      };
    },
  });
}
