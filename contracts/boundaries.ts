// `POST /api/v1/boundaries`: the preview an admin sees before boundaries change.
import { z } from 'zod';
import { defineContract } from '@/contracts/contract';
import { boundarySourceSchema } from '@/contracts/map';
import { field, oneOf } from '@/contracts/params';

export const villageBoundaryStateSchema = z.object({
  code: z.string(),
  name: z.string(),
  boundarySource: boundarySourceSchema.nullable(),
});
export type VillageBoundaryState = z.infer<typeof villageBoundaryStateSchema>;

export const boundaryChangeSchema = villageBoundaryStateSchema.extend({
  vertices: z.number(),
  areaKm2: z.number(),
  /** A sliver where the simplified outline crossed itself was cut off. */
  repaired: z.boolean(),
});
export type BoundaryChange = z.infer<typeof boundaryChangeSchema>;

export const boundaryPreviewSchema = z.object({
  fileName: z.string(),
  changes: z.array(boundaryChangeSchema),
  unchanged: z.array(villageBoundaryStateSchema),
});
export type BoundaryPreview = z.infer<typeof boundaryPreviewSchema>;

const BOUNDARY_MODES = ['preview', 'apply'] as const;

/** The file travels as the multipart field `file`; `mode=apply` replaces the polygons. */
export const boundariesContract = defineContract({
  path: '/api/v1/boundaries',
  params: z.object({ mode: field(oneOf(BOUNDARY_MODES, 'bad_mode', 'badMode'), () => 'preview' as const) }),
  response: boundaryPreviewSchema.extend({ mode: z.enum(BOUNDARY_MODES), applied: z.boolean() }),
});
