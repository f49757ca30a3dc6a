import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { regions } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { can } from '@/domain/permissions';
import { AppError, forbidden } from '@/domain/errors';
import { parseBoundaryFile, type BoundaryIssue, type ParsedBoundary } from '@/domain/geo/boundary-file';
import { compareCodes } from '@/domain/compare';
import { regionMatch } from '@/server/indicators/scope';
import { writeAudit } from '@/server/audit';
import type { BoundaryPreview } from '@/contracts/boundaries';
import type { VillageBoundaryState } from '@/contracts/boundaries';




export interface BoundaryUpload {
  text: string;
  /** The file's size in bytes, as received. */
  byteLength: number;
  fileName?: string | null;
}

/** Loading boundaries is reference-data management: admins only, checked here whatever the UI shows. */
function assertMayManage(caller: Caller) {
  if (!can(caller.role, 'manage:reference-data')) throw forbidden();
}

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function issueError(issue: BoundaryIssue): AppError {
  return new AppError(snakeCase(issue.key), issue.status, issue.key, issue.values);
}

/** The villages the caller may load boundaries for (their region, or all), with their current source. */
export async function listVillageBoundaries(db: Database, caller: Caller): Promise<VillageBoundaryState[]> {
  assertMayManage(caller);
  const conditions = [eq(regions.level, 'village')];
  if (caller.regionCode) conditions.push(regionMatch(sql`${regions.code}`, caller.regionCode));
  return db
    .select({ code: regions.code, name: regions.name, boundarySource: regions.boundarySource })
    .from(regions)
    .where(and(...conditions))
    .orderBy(regions.code);
}

function validate(upload: BoundaryUpload, villages: VillageBoundaryState[]): ParsedBoundary[] {
  const result = parseBoundaryFile(upload.text, new Map(villages.map((v) => [v.code, v.name])), upload.byteLength);
  if (!result.ok) throw issueError(result.issue);
  return result.boundaries;
}

function describe(upload: BoundaryUpload, villages: VillageBoundaryState[], boundaries: ParsedBoundary[]): BoundaryPreview {
  const byCode = new Map(villages.map((v) => [v.code, v]));
  const inFile = new Set(boundaries.map((b) => b.code));
  const districts = new Set(boundaries.map((b) => b.code.slice(0, 8)));
  return {
    fileName: (upload.fileName ?? '').slice(0, 120),
    changes: boundaries
      .map((b) => ({
        code: b.code,
        name: byCode.get(b.code)?.name ?? b.code,
        boundarySource: byCode.get(b.code)?.boundarySource ?? null,
        vertices: b.vertices,
        areaKm2: Math.round(b.areaKm2 * 100) / 100,
        repaired: b.repaired,
      }))
      .sort((a, b) => compareCodes(a.code, b.code)),
    // The villages the file leaves out of the kecamatan it covers (a forgotten one), not of the province.
    unchanged: villages.filter((v) => !inFile.has(v.code) && districts.has(v.code.slice(0, 8))),
  };
}

/** Checks a boundary file and says what loading it would change; changes nothing. */
export async function previewBoundaryUpload(
  db: Database,
  args: { caller: Caller; upload: BoundaryUpload },
): Promise<BoundaryPreview> {
  const villages = await listVillageBoundaries(db, args.caller);
  return describe(args.upload, villages, validate(args.upload, villages));
}

/**
 * Checks a boundary file and replaces the polygons of the villages it names, in one transaction with its
 * audit entry: a bad file changes nothing.
 */
export async function applyBoundaryUpload(
  db: Database,
  args: { caller: Caller; upload: BoundaryUpload; ip?: string | null },
): Promise<BoundaryPreview> {
  const { caller, upload } = args;
  assertMayManage(caller);
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const villages = await listVillageBoundaries(tx, caller);
    const boundaries = validate(upload, villages);
    const preview = describe(upload, villages, boundaries);
    for (const boundary of boundaries) {
      await tx
        .update(regions)
        .set({ boundary: boundary.geometry, boundarySource: 'official' })
        .where(and(eq(regions.code, boundary.code), eq(regions.level, 'village')));
    }
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'boundaries_replaced',
      entity: 'regions',
      entityId: caller.regionCode ?? undefined,
      details: {
        count: boundaries.length,
        codes: boundaries.map((b) => b.code),
        bytes: upload.byteLength,
        fileName: preview.fileName,
      },
      ip: args.ip ?? null,
    });
    return preview;
  });
}
