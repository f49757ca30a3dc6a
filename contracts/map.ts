// `GET /api/v1/map`: what the page, the route handler and the browser share.
import type { AreaGeometry } from '@/domain/geo/geometry';
import type { MapMetric } from '@/domain/map-metrics';
import type { Figure } from '@/domain/format';
import type { CoverageNote } from '@/domain/data-gaps';

/** The v1 map contract (PRODUCT.md): a GeoJSON FeatureCollection, one Feature per village. */
export interface MapView {
  type: 'FeatureCollection';
  period: string;
  region: string;
  regionName: string;
  metric: MapMetric;
  /** 'approximate' when any village's polygon is still Payung's approximation. */
  boundarySource: BoundarySource | null;
  features: MapFeature[];
}

export type BoundarySource = 'approximate' | 'official';

export interface MapFeature {
  type: 'Feature';
  id: string;
  geometry: AreaGeometry | null;
  properties: {
    code: string;
    name: string;
    metric: MapMetric;
    /** "<5" for a district official when fewer than five persons make the figure; null when undefined. */
    value: Figure | null;
    /** Why a coverage value is null: no denominator loaded, or no member recorded in the village. */
    coverageNote: CoverageNote | null;
    /** Null: no boundary yet (the village is in the table, not on the map). */
    boundarySource: BoundarySource | null;
  };
}
