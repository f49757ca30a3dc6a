// Kabupaten Banyumas's official village boundaries (../shared/data/banyumas-villages.geojson, 331
// desa/kelurahan) upload onto the shipped region list, on both engines: every village of the regency gets
// its official polygon, nothing outside it changes, and the map of the regency draws all 331.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { loadReferenceData } from '@/db/reference/load';
import { applyBoundaryUpload, previewBoundaryUpload } from '@/server/boundaries';
import { getMapView } from '@/server/map';
import type { Caller } from '@/server/auth/caller';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

// ../shared beside the checkout (a worktree of it sits one level deeper).
const FILE = ['..', path.join('..', '..')]
  .map((up) => path.resolve(process.cwd(), up, 'shared', 'data', 'banyumas-villages.geojson'))
  .find((file) => fs.existsSync(file));
const present = FILE !== undefined;

describe.skipIf(!present).each(ENGINES)('Banyumas boundaries on %s', (engine) => {
  let database: TestDatabase;
  let admin: Caller;
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await loadReferenceData(database.db);
    const [user] = await rows<{ id: number }>(
      sql`insert into users (email, name, password_hash, role) values ('admin@kantor.test', 'Admin', 'x', 'admin') returning id`,
    );
    admin = { userId: user!.id, email: 'admin@kantor.test', name: 'Admin', role: 'admin', regionCode: null };
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('previews, then loads all 331 villages as official boundaries', async () => {
    const text = fs.readFileSync(FILE!, 'utf8');
    const upload = { text, byteLength: Buffer.byteLength(text), fileName: 'banyumas-villages.geojson' };
    const preview = await previewBoundaryUpload(database.db, { caller: admin, upload });
    expect(preview.changes).toHaveLength(331);
    // Two outlines crossed themselves where the simplification folded them: their slivers are cut off.
    expect(preview.changes.filter((c) => c.repaired).map((c) => c.name)).toEqual(['Karangrau', 'Ledug']);
    expect(preview.unchanged).toEqual([]);
    expect(await rows(sql`select count(*)::int as n from regions where boundary is not null`)).toEqual([{ n: 0 }]);

    const applied = await applyBoundaryUpload(database.db, { caller: admin, upload });
    expect(applied.changes).toHaveLength(331);
    const states = await rows<{ inside: boolean; source: string | null; n: number }>(
      sql`select code like '33.02.%' as inside, boundary_source as source, count(*)::int as n
        from regions where level = 'village' group by 1, 2 order by 1, 2`,
    );
    expect(states).toEqual([
      { inside: false, source: null, n: 8563 - 331 },
      { inside: true, source: 'official', n: 331 },
    ]);
    const [audit] = await rows<{ action: string; count: number }>(
      sql`select action, (details->>'count')::int as count from audit_log where action = 'boundaries_replaced'`,
    );
    expect(audit).toEqual({ action: 'boundaries_replaced', count: 331 });
  });

  it("draws the regency's 331 villages on its map, none without a boundary", async () => {
    const view = await getMapView(database.db, { caller: admin, period: '2026-10', metric: 'coverageRate', regionCode: '33.02' });
    expect(view.features).toHaveLength(331);
    expect(view.features.every((f) => f.geometry !== null && f.properties.boundarySource === 'official')).toBe(true);
    // No members loaded: no coverage rate anywhere, with the reason (Ajibarang has denominators, the rest none).
    const notes = new Map<string, number>();
    for (const f of view.features) {
      expect(f.properties.value).toBeNull();
      notes.set(String(f.properties.coverageNote), (notes.get(String(f.properties.coverageNote)) ?? 0) + 1);
    }
    expect(Object.fromEntries(notes)).toEqual({ no_denominator: 331 - 15, no_members: 15 });
  });
});
