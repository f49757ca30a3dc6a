// `POST /api/v1/boundaries`: the preview an admin sees before boundaries change.
import type { BoundarySource } from '@/contracts/map';

export interface BoundaryPreview {
  fileName: string;
  changes: BoundaryChange[];
  unchanged: VillageBoundaryState[];
}

export interface BoundaryChange extends VillageBoundaryState {
  vertices: number;
  areaKm2: number;
  /** A sliver where the simplified outline crossed itself was cut off. */
  repaired: boolean;
}

export interface VillageBoundaryState {
  code: string;
  name: string;
  boundarySource: BoundarySource | null;
}
