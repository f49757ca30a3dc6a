import { z } from 'zod';
import { REGION_CODE_PATTERN } from '@/domain/regions';
import { isPeriod } from '@/domain/month';

const percent = (min: number, message: string) =>
  z
    .string()
    .trim()
    .transform((value) => value.replace(',', '.'))
    .pipe(
      z
        .string()
        .regex(/^\d{1,3}(\.\d{1,2})?$/, { message })
        .transform(Number)
        .pipe(z.number().min(min, { message }).max(100, { message })),
    );

/** A capacity scenario to save: shared by the form and the server action. Messages are catalogue keys. */
export const planScenarioSchema = z.object({
  name: z.string().trim().min(1, { message: 'invalidName' }).max(80, { message: 'invalidName' }),
  region: z.string().regex(REGION_CODE_PATTERN, { message: 'invalidRegion' }),
  targetRate: percent(0.01, 'invalidTarget'),
  targetMonth: z.string().refine(isPeriod, { message: 'invalidMonth' }),
  embeddedShare: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value))
    .pipe(percent(0, 'invalidShare').optional()),
});
export type PlanScenarioInput = z.infer<typeof planScenarioSchema>;

export interface PlanScenarioActionState {
  ok: boolean;
  message: string;
  fieldErrors?: Partial<Record<keyof PlanScenarioInput, string>>;
  scenarioId?: number;
}
