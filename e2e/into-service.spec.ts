// Issue "Into service": a branch office starts Payung on an empty PostgreSQL database with demo data off and
// two server processes, makes its first admin with `npm run user:create`, and loads its own data in the
// browser. Every figure checked here was worked out by hand from the files below.
import { expect, test } from '@playwright/test';
import { screenshot } from './fixtures';
import { createUserAsAdmin } from './helpers';
import { agentsXlsx, CLAIMS_CSV_1252, COMMUNITIES_CSV, CONTRIBUTIONS_CSV, MEMBERS_TSV, OFFICE_FIGURES, SUPERVISOR, WORKFORCE_CSV } from './office-files';
import { startOfficeServer, type OfficeServer } from './office-server';

const ADMIN = { email: 'kepala@bpjs-ajibarang.test', name: 'Kepala Kantor', password: 'teduh-untuk-semua-pekerja-2026' };

let office: OfficeServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(6 * 60_000);
  office = await startOfficeServer('service');
});

test.afterAll(async () => {
  await office?.stop();
});

test('an empty production start says how to make the first admin, and the command makes one', async () => {
  expect(office.output()).toContain('npm run user:create -- --role admin');
  expect(office.output()).not.toContain('DEMO MODE');
  const made = office.createUser({ role: 'admin', ...ADMIN });
  expect(made.status, made.output).toBe(0);
});

test('the first admin signs in and the overview walks through what to load, in order', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: office.baseURL });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel(/email/i).fill(ADMIN.email);
  await page.getByLabel(/kata sandi|password/i).fill(ADMIN.password);
  await page.getByRole('button', { name: /^(masuk|sign in)$/i }).click();
  await expect(page).toHaveURL(`${office.baseURL}/`);
  const guide = page.getByTestId('setup-guide');
  await expect(guide).toBeVisible();
  // Central Java's regions ship with Payung; the office's own data does not exist yet.
  await expect(guide.locator('[data-step="regions"]')).toHaveAttribute('data-state', 'done');
  await expect(guide.locator('[data-step="communities"]')).toHaveAttribute('data-state', 'next');
  for (const step of ['agents', 'members', 'contributions', 'claims']) {
    await expect(guide.locator(`[data-step="${step}"]`)).toHaveAttribute('data-state', 'waiting');
  }
  await context.close();
});

test('the admin makes a supervisor, loads the office’s own files, and every page shows their figures', async ({ browser }) => {
  test.setTimeout(6 * 60_000);
  const context = await browser.newContext({ baseURL: office.baseURL });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel(/email/i).fill(ADMIN.email);
  await page.getByLabel(/kata sandi|password/i).fill(ADMIN.password);
  await page.getByRole('button', { name: /^(masuk|sign in)$/i }).click();
  await expect(page).toHaveURL(`${office.baseURL}/`);

  // An agent names its supervisor by e-mail: the supervisor's account comes first, made in the admin page.
  await createUserAsAdmin(page, SUPERVISOR.email, { role: 'Koordinator Perisai', name: SUPERVISOR.name, password: SUPERVISOR.password });

  // `changed`: rows that update what is there (the shipped workforce estimates the office replaces with its own).
  const load = async (kind: string, file: { name: string; mimeType: string; buffer: Buffer }, rows: number, changed = 0) => {
    const added = rows - changed;
    await page.goto('/imports');
    await page.getByLabel('Jenis data').selectOption(kind);
    await page.getByLabel('Berkas CSV atau Excel').setInputFiles(file);
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await expect(page.getByTestId('import-report')).toContainText(`${rows} baris: ${added} baru, ${changed} berubah, 0 tidak berubah, 0 ditolak.`);
    await page.getByRole('button', { name: `Impor semua (${rows} baris)` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Impor selesai: ${added} baru, ${changed} berubah` })).toBeVisible();
  };
  const text = (name: string, body: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(body) });
  await load('communities', text('komunitas.csv', COMMUNITIES_CSV), 2);
  await load('agents', { name: 'agen.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await agentsXlsx() }, 2);
  await load('workforce', text('pekerja-informal.csv', WORKFORCE_CSV), 2, 2);
  await load('members', text('peserta.txt', MEMBERS_TSV), 6);
  await load('contributions', text('iuran.csv', CONTRIBUTIONS_CSV), 5);
  await load('claims', { name: 'klaim.csv', mimeType: 'text/csv', buffer: CLAIMS_CSV_1252 }, 2);
  await expect(page.getByTestId('import-source')).toContainText('Windows-1252');

  const period = OFFICE_FIGURES.period;
  // The overview: no setup guide left, the district's figures from the files.
  await page.goto(`/?period=${period}`);
  await expect(page.getByTestId('setup-guide')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Peserta aktif' }).getByTestId('stat-value')).toHaveText(String(OFFICE_FIGURES.district.active));
  await expect(page.getByRole('region', { name: 'Peserta menunggak' }).getByTestId('stat-value')).toHaveText(String(OFFICE_FIGURES.district.arrears));
  await screenshot(page, 'into-service-overview');

  // Villages: the coverage rate over the office's own denominators.
  await page.goto(`/villages?period=${period}`);
  const table = page.getByTestId('villages-table');
  await expect(table.getByRole('row').filter({ hasText: 'Ajibarang Kulon' })).toContainText(OFFICE_FIGURES.kulon.coverage);
  await expect(table.getByRole('row').filter({ hasText: 'Darmakradenan' })).toContainText(OFFICE_FIGURES.darmakradenan.coverage);
  await screenshot(page, 'into-service-villages');

  // Agents, communities, claims and the map.
  await page.goto(`/agents?period=${period}`);
  await expect(page.getByRole('row').filter({ hasText: 'Ratna Pasar' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Karso Tani' })).toBeVisible();
  await page.goto(`/communities?period=${period}`);
  await expect(page.getByRole('row').filter({ hasText: 'Paguyuban Pedagang Pasar Ajibarang' })).toBeVisible();
  await page.goto('/claims');
  await expect(page.getByTestId('claims-summary')).toContainText(OFFICE_FIGURES.claimsPaidAmount);
  const map = await page.request.get(`/api/v1/map?metric=activeMembers&period=${period}`);
  expect(map.status()).toBe(200);
  const features = ((await map.json()) as { features: { properties: { code: string; value: unknown } }[] }).features;
  expect(features.find((f) => f.properties.code === '33.02.14.2011')?.properties.value).toBe(OFFICE_FIGURES.kulon.active);
  expect(features.find((f) => f.properties.code === '33.02.14.2001')?.properties.value).toBe(OFFICE_FIGURES.darmakradenan.active);
  await context.close();
});
