import type { BrowserContext, Page } from '@playwright/test';
import { expect, storageStateFor, test, VILLAGE_OFFICER, type SignedInRole } from './fixtures';

// Every page and every /api/v1 endpoint, for every role and for no session: the expected outcome of
// each cell. 'login' = a page redirects to the sign-in page; numbers are HTTP statuses. villageOfficer
// is an officer whose account is limited to one village (fixtures.ts VILLAGE_OFFICER).
type Outcome = 200 | 401 | 403 | 404 | 'login';
type Who = SignedInRole | 'none';
const WHO: Who[] = ['none', 'admin', 'officer', 'villageOfficer', 'district', 'supervisor', 'agent'];

interface Route {
  path: string;
  kind: 'page' | 'api';
  expect: Record<Who, Outcome>;
}

const page = (path: string, allowed: SignedInRole[]): Route => ({
  path,
  kind: 'page',
  expect: Object.fromEntries(
    WHO.map((who) => [who, who === 'none' ? 'login' : allowed.includes(who) ? 200 : 403]),
  ) as Record<Who, Outcome>,
});
const api = (path: string, allowed: SignedInRole[]): Route => ({
  path,
  kind: 'api',
  expect: Object.fromEntries(
    WHO.map((who) => [who, who === 'none' ? 401 : allowed.includes(who) ? 200 : 403]),
  ) as Record<Who, Outcome>,
});

/** A supervisor's view of another supervisor's record: not found. */
const outsideScope = (route: Route): Route => ({ ...route, expect: { ...route.expect, supervisor: 404 } });
/** A region outside the village officer's own, asked for by code: refused, or not found for a page. */
const outsideVillage = (route: Route): Route => ({ ...route, expect: { ...route.expect, villageOfficer: route.kind === 'page' ? 404 : 403 } });

const EVERYONE: SignedInRole[] = ['admin', 'officer', 'villageOfficer', 'district', 'supervisor'];
const PERSONAL: SignedInRole[] = ['admin', 'officer', 'villageOfficer', 'supervisor'];
const OFFICE: SignedInRole[] = ['admin', 'officer', 'villageOfficer'];
const OTHER_VILLAGE = '33.02.14.2001';
/** Follow-up tasks of others (manage:followup). The agent reads only their own tasks and figures. */
const FOLLOWUP: SignedInRole[] = ['admin', 'officer', 'villageOfficer', 'supervisor'];
/** The roles that plan (plan:coverage): not supervisors, whose scope is their agents' recruits. */
const PLANNERS: SignedInRole[] = ['admin', 'officer', 'villageOfficer', 'district'];

export const ROUTES: Route[] = [
  // An agent's home is their worklist (a redirect to /tasks); every other page and API is refused them.
  { ...page('/', EVERYONE), expect: { ...page('/', EVERYONE).expect, agent: 200 } },
  page('/tasks', ['agent']),
  page('/tasks/figures', ['agent']),
  page('/followup', FOLLOWUP),
  api('/api/v1/tasks', [...FOLLOWUP, 'agent']),
  api('/api/v1/tasks?state=open&format=csv', FOLLOWUP),
  api('/api/v1/followup/summary', [...FOLLOWUP, 'agent']),
  page('/map', EVERYONE),
  page('/villages', EVERYONE),
  page(`/villages/${VILLAGE_OFFICER.region}`, EVERYONE),
  outsideVillage(page(`/villages/${OTHER_VILLAGE}`, EVERYONE)),
  page('/communities', EVERYONE),
  page('/worklist', EVERYONE),
  page('/targets', EVERYONE),
  page('/members', PERSONAL),
  page('/admin', ['admin']),
  page('/admin/audit', ['admin']),
  page('/admin/boundaries', ['admin']),
  page('/admin/reports', ['admin']),
  page('/admin/master', OFFICE),
  page('/admin/master/communities', OFFICE),
  page('/admin/master/agents', OFFICE),
  page('/admin/master/workforce', ['admin']),
  page('/admin/master/rates', ['admin']),
  page('/account', EVERYONE),
  page('/imports', OFFICE),
  api('/api/v1/summary', EVERYONE),
  api('/api/v1/summary?region=33.02.14.2011&format=csv', EVERYONE),
  outsideVillage(api('/api/v1/summary?region=33.02.14', EVERYONE)),
  outsideVillage(api(`/api/v1/coverage?by=community&region=${OTHER_VILLAGE}`, EVERYONE)),
  outsideVillage(api(`/api/v1/map?metric=activeMembers&region=${OTHER_VILLAGE}`, EVERYONE)),
  outsideVillage(api(`/api/v1/claims/summary?region=${OTHER_VILLAGE}`, EVERYONE)),
  api('/api/v1/coverage?by=village', EVERYONE),
  api('/api/v1/coverage?by=community&format=csv', EVERYONE),
  api('/api/v1/coverage?by=occupation&format=xlsx', EVERYONE),
  api('/api/v1/trend?metric=activeMembers', EVERYONE),
  api('/api/v1/communities', EVERYONE),
  api('/api/v1/map?metric=activeMembers', EVERYONE),
  api('/api/v1/map?metric=coverageRate&format=csv', EVERYONE),
  api('/api/v1/members', PERSONAL),
  api('/api/v1/members?format=csv', PERSONAL),
  api('/api/v1/imports', OFFICE),
  api('/api/v1/imports/template?kind=members&format=xlsx', OFFICE),
  page('/claims', EVERYONE),
  page('/claims?program=JKK&status=paid&from=2025-01&to=2025-12&sort=amount&dir=asc', EVERYONE),
  page('/claims/new', OFFICE),
  // No such claim: 404 for the roles that may open claims, 403 for the one that may not.
  {
    path: '/claims/KLM-1900-000001',
    kind: 'page',
    expect: { none: 'login', admin: 404, officer: 404, villageOfficer: 404, district: 403, supervisor: 404, supervisor2: 404, agent: 403 },
  },
  api('/api/v1/claims', PERSONAL),
  api('/api/v1/claims?program=JKM&status=paid&from=2025-01&to=2025-12&page=2', PERSONAL),
  api('/api/v1/claims?format=csv', PERSONAL),
  api('/api/v1/claims?format=xlsx', PERSONAL),
  api('/api/v1/claims?community=1', PERSONAL),
  api('/api/v1/claims/summary', EVERYONE),
  api('/api/v1/claims/summary?program=JKK&from=2025-01&to=2025-12&format=csv', EVERYONE),
  page('/agents', EVERYONE),
  page('/plan', PLANNERS),
  api('/api/v1/plan/agent-gaps', PLANNERS),
  api('/api/v1/plan/agent-gaps?format=csv', PLANNERS),
  api('/api/v1/plan/capacity?target=20', PLANNERS),
  outsideVillage(api(`/api/v1/plan/capacity?target=20&region=${OTHER_VILLAGE}`, PLANNERS)),
  api('/api/v1/plan/channels', PLANNERS),
  api('/api/v1/plan/scenarios', PLANNERS),
  // supervisor2@'s agent: to supervisor@ it does not exist (404, like a missing agent: no probing).
  outsideScope(page('/agents/PRS-009', EVERYONE)),
  outsideScope(api('/api/v1/agents/PRS-009', EVERYONE)),
  api('/api/v1/agents', EVERYONE),
  api('/api/v1/agents?format=csv', EVERYONE),
  api('/api/v1/agents?format=xlsx', EVERYONE),
  api('/api/v1/agents/PRS-001', EVERYONE), // supervisor@'s own agent
];

// For the closing note: the size of the matrix.
const cells = WHO.length * ROUTES.length;
const denied = ROUTES.reduce((sum, route) => sum + WHO.filter((who) => route.expect[who] !== 200).length, 0);
console.log(`[access matrix] ${cells} cells, ${denied} of them denied`);

for (const who of WHO) {
  test.describe(`as ${who}`, () => {
    // One browser context per role, shared by its cells: a context and page per cell (with an empty
    // HTTP cache each time) cost more than the cell's request. Each cell still navigates on its own.
    let context: BrowserContext;
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      context = await browser.newContext(who === 'none' ? {} : { storageState: storageStateFor(who) });
      page = await context.newPage();
    });
    test.afterAll(async () => {
      await context.close();
    });

    for (const route of ROUTES) {
      const expected = route.expect[who];
      test(`${route.path} → ${expected}`, async () => {
        if (route.kind === 'api') {
          const response = await context.request.get(route.path);
          expect(response.status()).toBe(expected);
          if (expected !== 200) expect((await response.json()).error.code).toBeTruthy();
          return;
        }
        const response = await page.goto(route.path);
        if (expected === 'login') {
          await expect(page).toHaveURL(/\/login/);
          return;
        }
        expect(response?.status()).toBe(expected);
        if (expected === 403) await expect(page.getByText('Anda tidak memiliki akses ke halaman ini.')).toBeVisible();
      });
    }
  });
}

test.describe('cross-scope attempts', () => {
  test('a supervisor cannot reveal a member of another supervisor’s agents', async ({ browser }) => {
    const other = await browser.newContext({ storageState: storageStateFor('supervisor2') });
    const theirs = await (await other.request.get('/api/v1/members')).json();
    const memberId = theirs.rows[0].id as number;
    const own = await other.request.post(`/api/v1/members/${memberId}/nik`);
    expect(own.status()).toBe(200);
    expect((await own.json()).nik).toMatch(/^\d{16}$/);
    await other.close();

    const supervisor = await browser.newContext({ storageState: storageStateFor('supervisor') });
    const attempt = await supervisor.request.post(`/api/v1/members/${memberId}/nik`);
    expect(attempt.status()).toBe(404);
    const mine = await (await supervisor.request.get('/api/v1/members')).json();
    expect(mine.rows.map((row: { id: number }) => row.id)).not.toContain(memberId);
    await supervisor.close();
  });

  test('a district official gets no member-level data and no region outside their own', async ({ browser }) => {
    const district = await browser.newContext({ storageState: storageStateFor('district') });
    expect((await district.request.post('/api/v1/members/1/nik')).status()).toBe(403);
    expect((await district.request.get('/api/v1/members?q=a')).status()).toBe(403);
    expect((await district.request.get('/api/v1/summary?region=33.02')).status()).toBe(403);
    await district.close();
  });

  test('a cross-site POST is refused even with a valid session', async ({ browser }) => {
    const officer = await browser.newContext({ storageState: storageStateFor('officer') });
    const response = await officer.request.post('/api/v1/members/1/nik', {
      headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('cross_site');
    await officer.close();
  });
});

// The village officer's row for the import pipeline (issue 17, finding 1): an import made by the central
// office is neither listed, nor its rejected rows readable, nor undoable; an outside member's NIK is
// neither moved into the village nor told apart from a NIK that exists nowhere; reference data is refused.
test.describe('the village officer and the import pipeline', () => {
  test('every step of an import stays inside the village', async ({ browser }) => {
    const central = await browser.newContext({ storageState: storageStateFor('officer') });
    const members = (await (await central.request.get('/api/v1/members')).json()) as { rows: { id: number; villageName: string }[] };
    const outside = members.rows.find((m) => m.villageName !== 'Ajibarang Kulon')!;
    const nik = ((await (await central.request.post(`/api/v1/members/${outside.id}/nik`)).json()) as { nik: string }).nik;
    const csv = (text: string) => ({ file: { name: 'data.csv', mimeType: 'text/csv', buffer: Buffer.from(text) } });
    // A central import whose report keeps a rejected row (with its full NIK).
    const made = await central.request.post('/api/v1/imports?kind=contributions&mode=valid_only&lang=en', {
      multipart: csv(`nik,bulan_mulai,jumlah_bulan,iuran_jkk,iuran_jkm,tanggal_bayar\n${nik},2026-01,x,1,1,2026-01-10\n`),
    });
    const importId = ((await made.json()) as { importId: number }).importId;
    expect(importId).toBeGreaterThan(0);

    const village = await browser.newContext({ storageState: storageStateFor('villageOfficer') });
    const history = (await (await village.request.get('/api/v1/imports')).json()) as { rows?: { id: number }[] } | { id: number }[];
    const ids = (Array.isArray(history) ? history : (history.rows ?? [])).map((h) => h.id);
    expect(ids).not.toContain(importId);
    expect((await village.request.get(`/api/v1/imports/${importId}`)).status()).toBe(404);
    expect((await village.request.get(`/api/v1/imports/${importId}?format=csv`)).status()).toBe(404);
    expect((await village.request.post(`/api/v1/imports/${importId}/undo`)).status()).toBe(404);

    const moved = await village.request.post('/api/v1/imports?kind=members&mode=preview&lang=en', {
      multipart: csv(`nik,nama,jenis_kelamin,kode_desa,kanal,tanggal_daftar\n${nik},Pindah,L,${VILLAGE_OFFICER.region},agent,2026-01-05\n`),
    });
    expect(((await moved.json()) as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual(['nik_not_in_scope']);
    const nowhere = `${nik.slice(0, 12)}${nik.slice(12) === '9999' ? '9998' : '9999'}`;
    const preview = await village.request.post('/api/v1/imports?kind=contributions&mode=preview&lang=en', {
      multipart: csv(`nik,bulan_mulai,jumlah_bulan,iuran_jkk,iuran_jkm,tanggal_bayar\n${nik},2026-01,1,10000,6800,2026-01-10\n${nowhere},2026-01,1,10000,6800,2026-01-10\n`),
    });
    const errors = ((await preview.json()) as { errors: { code: string; message: string }[] }).errors;
    expect(errors.map((e) => e.code)).toEqual(['unknown_member', 'unknown_member']);
    expect(errors[0]!.message.replace('Line 2', 'Line N')).toBe(errors[1]!.message.replace('Line 3', 'Line N'));
    const regions = await village.request.post('/api/v1/imports?kind=regions&mode=preview', { multipart: csv('kode,nama,tingkat,kode_induk\n') });
    expect(regions.status()).toBe(403);

    expect((await central.request.post(`/api/v1/imports/${importId}/undo`)).status()).toBe(200);
    await central.close();
    await village.close();
  });
});
