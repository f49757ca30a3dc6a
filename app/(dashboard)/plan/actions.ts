'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { saveScenario } from '@/server/plan';
import { runAction } from '@/server/action';
import { interpolate } from '@/i18n';
import { planScenarioSchema, type PlanScenarioActionState } from '@/domain/plan-scenarios';

/** Check permission → validate → save with its audit entry → revalidate. */
export async function savePlanScenario(_previous: PlanScenarioActionState, form: FormData): Promise<PlanScenarioActionState> {
  return runAction({
    name: 'plan-scenario',
    permission: 'plan:coverage',
    schema: planScenarioSchema,
    values: {
      name: form.get('name'),
      region: form.get('region'),
      targetRate: form.get('targetRate'),
      targetMonth: form.get('targetMonth'),
      embeddedShare: form.get('embeddedShare') ?? undefined,
    },
    words: ({ plan: p }) => ({
      forbidden: p.forbidden,
      failed: p.failed,
      fieldMessage: (issue) => p[issue.message as 'invalidName' | 'invalidTarget' | 'invalidMonth' | 'invalidShare' | 'invalidRegion'] ?? p.failed,
    }),
    run: async ({ input, caller, messages: { plan: p } }): Promise<PlanScenarioActionState> => {
      const saved = await saveScenario(await getDb(), { caller, input });
      revalidatePath('/plan');
      return { ok: true, message: interpolate(p.saved, { name: saved.name }), scenarioId: saved.id };
    },
  });
}
