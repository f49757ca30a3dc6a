import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { applyBoundaryUpload, previewBoundaryUpload } from '@/server/boundaries';
import { apiRoute } from '@/server/http/api';
import { clientAddress } from '@/server/http/client-address';
import { requireApiCaller } from '@/server/auth/session';
import { can } from '@/domain/permissions';
import { AppError, forbidden } from '@/domain/errors';
import { MAX_BOUNDARY_FILE_BYTES } from '@/domain/geo/boundary-file';
import { parseParams } from '@/contracts/params';
import { boundariesContract } from '@/contracts/boundaries';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

const tooLarge = (bytes: number) =>
  new AppError('boundary_too_large', 413, 'boundaryTooLarge', {
    size: (bytes / 1024 / 1024).toFixed(1),
    limit: MAX_BOUNDARY_FILE_BYTES / 1024 / 1024,
  });

/**
 * `POST /api/v1/boundaries?mode=preview|apply`, multipart field `file`: official village boundaries
 * (GeoJSON). `preview` (the default) checks the file and says what would change; `apply` replaces the
 * polygons. Admins only; the data layer checks the permission.
 */
export const POST = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  // Refused before the upload is read; the data layer checks again.
  if (!can(caller.role, 'manage:reference-data')) throw forbidden();
  const { mode } = parseParams(boundariesContract.params, new URL(request.url).searchParams);
  // Refuse an oversized body before reading it (multipart framing adds a little to the file).
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BOUNDARY_FILE_BYTES + 64 * 1024) throw tooLarge(declared);

  const form = await request.formData().catch(() => null);
  const file = form?.get('file');
  if (!file || typeof file === 'string' || file.size === 0) {
    throw new AppError('boundary_no_file', 400, 'boundaryNoFile');
  }
  if (file.size > MAX_BOUNDARY_FILE_BYTES) throw tooLarge(file.size);
  const upload = { text: await file.text(), byteLength: file.size, fileName: file.name };
  const db = await getDb();
  const ip = clientAddress(request.headers);
  const preview =
    mode === 'apply'
      ? await applyBoundaryUpload(db, { caller, upload, ip })
      : await previewBoundaryUpload(db, { caller, upload });
  const body: ResponseOf<typeof boundariesContract> = { mode, applied: mode === 'apply', ...preview };
  return NextResponse.json(body);
});
