'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { saveCoverageTarget } from '@/server/targets';
import { runAction } from '@/server/action';
import { interpolate } from '@/i18n';
import { coverageTargetSchema, type TargetActionState } from '@/domain/targets';

/** Check permission → validate → write in a transaction with its audit entry → revalidate. */
export async function updateCoverageTarget(_previous: TargetActionState, form: FormData): Promise<TargetActionState> {
  return runAction({
    name: 'targets',
    permission: 'manage:targets',
    schema: coverageTargetSchema,
    values: { regionCode: form.get('regionCode'), year: form.get('year'), targetRate: form.get('targetRate') },
    words: ({ targets: t }) => ({
      forbidden: t.forbidden,
      failed: t.failed,
      fieldMessage: (issue) => t[issue.message as 'invalidRate' | 'invalidYear' | 'invalidRegion'] ?? t.invalidRate,
    }),
    run: async ({ input, caller, locale, messages: { targets: t } }): Promise<TargetActionState> => {
      const result = await saveCoverageTarget(await getDb(), { caller, input });
      if (!result.saved) return { ok: false, message: t.invalidRegion, fieldErrors: { regionCode: t.invalidRegion } };
      revalidatePath('/targets');
      revalidatePath('/villages');
      const rate = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 2 }).format(input.targetRate);
      return { ok: true, message: interpolate(t.saved, { village: result.villageName ?? '', year: input.year, rate }) };
    },
  });
}
