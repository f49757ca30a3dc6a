'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { describeError } from '@/db/errors';
import { saveCoverageTarget } from '@/server/targets';
import { can } from '@/domain/permissions';
import { getCaller } from '@/server/auth/session';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { coverageTargetSchema, type TargetActionState } from '@/domain/targets';

/** Check permission → validate → write in a transaction with its audit entry → revalidate. */
export async function updateCoverageTarget(_previous: TargetActionState, form: FormData): Promise<TargetActionState> {
  const { locale, messages } = await getI18n();
  const t = messages.targets;
  const caller = await getCaller();
  if (!caller || !can(caller.role, 'manage:targets')) return { ok: false, message: t.forbidden };
  const parsed = coverageTargetSchema.safeParse({
    regionCode: form.get('regionCode'),
    year: form.get('year'),
    targetRate: form.get('targetRate'),
  });
  if (!parsed.success) {
    const fieldErrors: TargetActionState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as 'regionCode' | 'year' | 'targetRate';
      const key = issue.message as 'invalidRate' | 'invalidYear' | 'invalidRegion';
      fieldErrors[field] = t[key] ?? t.invalidRate;
    }
    return { ok: false, message: Object.values(fieldErrors)[0] ?? t.failed, fieldErrors };
  }
  try {
    const result = await saveCoverageTarget(await getDb(), { caller, input: parsed.data });
    if (!result.saved) return { ok: false, message: t.invalidRegion, fieldErrors: { regionCode: t.invalidRegion } };
    revalidatePath('/targets');
    revalidatePath('/villages');
    return {
      ok: true,
      message: interpolate(t.saved, { village: result.villageName ?? '', year: parsed.data.year, rate: new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 2 }).format(parsed.data.targetRate) }),
    };
  } catch (error) {
    console.error('[targets] save failed:', describeError(error));
    return { ok: false, message: t.failed };
  }
}
