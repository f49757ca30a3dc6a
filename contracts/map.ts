// `GET /api/v1/map`: what the page, the route handler and the browser share.
import { z } from 'zod';
import { defineContract } from '@/contracts/contract';
import { coverageNoteSchema, figureSchema } from '@/contracts/figures';
import { formatParam, mapMetricParam, periodParam, regionParam } from '@/contracts/params';
import type { AreaGeometry } from '@/domain/geo/geometry';
import { MAP_METRICS } from '@/domain/map-metrics';

const BOUNDARY_SOURCES = ['approximate', 'official'] as const;
export const boundarySourceSchema = z.enum(BOUNDARY_SOURCES);
export type BoundarySource = z.infer<typeof boundarySourceSchema>;

// Polygons are checked point by point when they are loaded (domain/geo/boundary-file.ts); the browser
// only checks their kind rather than walk a regency's hundred thousand coordinates again.
const geometrySchema = z.custom<AreaGeometry>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ((value as { type?: unknown }).type === 'Polygon' || (value as { type?: unknown }).type === 'MultiPolygon') &&
    Array.isArray((value as { coordinates?: unknown }).coordinates),
);

export const mapFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: geometrySchema.nullable(),
  properties: z.object({
    code: z.string(),
    name: z.string(),
    metric: z.enum(MAP_METRICS),
    /** "<5" for a district official when fewer than five persons make the figure; null when undefined. */
    value: figureSchema.nullable(),
    /** Why a coverage value is null: no denominator loaded, or no member recorded in the village. */
    coverageNote: coverageNoteSchema.nullable(),
    boundarySource: boundarySourceSchema.nullable(),
  }),
});
export type MapFeature = z.infer<typeof mapFeatureSchema>;

/** The v1 map contract (PRODUCT.md): a GeoJSON FeatureCollection, one Feature per village. */
export const mapViewSchema = z.object({
  type: z.literal('FeatureCollection'),
  period: z.string(),
  region: z.string(),
  regionName: z.string(),
  metric: z.enum(MAP_METRICS),
  /** 'approximate' when any village's polygon is still Payung's approximation. */
  boundarySource: boundarySourceSchema.nullable(),
  /** The month's arrears window is still open: the member figures may still change until `provisionalUntil`. */
  provisional: z.boolean(),
  provisionalUntil: z.string(),
  features: z.array(mapFeatureSchema),
});
export type MapView = z.infer<typeof mapViewSchema>;

export const mapContract = defineContract({
  path: '/api/v1/map',
  params: z.object({ period: periodParam, metric: mapMetricParam, region: regionParam, format: formatParam }),
  response: mapViewSchema,
});
