import { z } from 'zod';
import { REGION_CODE_PATTERN } from '@/domain/regions';

/** One coverage target: shared by the form and the server action. Messages are catalogue keys. */
export const coverageTargetSchema = z.object({
  regionCode: z.string().regex(REGION_CODE_PATTERN, { message: 'invalidRegion' }),
  year: z.coerce.number().int().min(2000, { message: 'invalidYear' }).max(2100, { message: 'invalidYear' }),
  targetRate: z
    .string()
    .trim()
    .transform((value) => value.replace(',', '.'))
    .pipe(
      z
        .string()
        .regex(/^\d{1,3}(\.\d{1,2})?$/, { message: 'invalidRate' })
        .transform(Number)
        .pipe(z.number().min(0, { message: 'invalidRate' }).max(100, { message: 'invalidRate' })),
    ),
});
export type CoverageTargetInput = z.infer<typeof coverageTargetSchema>;

export interface TargetActionState {
  ok: boolean;
  message: string;
  fieldErrors?: Partial<Record<'regionCode' | 'year' | 'targetRate', string>>;
}
