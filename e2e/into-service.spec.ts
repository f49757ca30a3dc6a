// Issue "Into service": a branch office starts Payung on an empty PostgreSQL database with demo data off and
// two server processes, makes its first admin with `npm run user:create`, and loads its own data in the
// browser. Every figure checked here was worked out by hand from the files below.
import { expect, test } from '@playwright/test';
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
