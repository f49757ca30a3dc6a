import { expect, screenshot, signIn, storageStateFor, test } from './fixtures';

const PASSWORD = 'kata-sandi-uji-123';
// Contexts made inside a describe with a stored sign-in would inherit it.
const SIGNED_OUT = { cookies: [], origins: [] };

async function createUserAsAdmin(page: import('@playwright/test').Page, email: string, role = 'Petugas BPJS') {
  await page.goto('/admin');
  const form = page.getByRole('form', { name: 'Tambah pengguna' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Nama').fill('Pengguna Uji');
  await form.getByLabel('Peran').selectOption({ label: role });
  await form.getByLabel('Kata sandi awal').fill(PASSWORD);
  await form.getByRole('button', { name: 'Tambah pengguna' }).click();
  await expect(page.getByText(`Pengguna ${email} dibuat.`)).toBeVisible();
}

test.describe('admin', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('the sixth attempt after five wrong passwords is refused without checking the password', async ({
    page,
    browser,
  }) => {
    const email = `throttle-${Date.now()}@payung.test`;
    await createUserAsAdmin(page, email);

    const visitor = await browser.newContext({ storageState: SIGNED_OUT });
    const login = await visitor.newPage();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(login, email, `wrong-${attempt}`);
      await expect(login.getByRole('alert').filter({ hasText: 'Email atau kata sandi salah' })).toBeVisible();
    }
    // The right password now: refused all the same, with the time to retry.
    await signIn(login, email, PASSWORD);
    await expect(login.getByRole('alert').filter({ hasText: 'Coba lagi setelah pukul' })).toBeVisible();
    await expect(login).toHaveURL(/\/login/);
    await screenshot(login, 'login-throttled');
    await visitor.close();

    await page.goto(`/admin/audit?user=${encodeURIComponent(email)}`);
    await expect(page.getByRole('cell', { name: 'sign_in_failed' })).toHaveCount(5);
    await expect(page.getByRole('cell', { name: 'sign_in_throttled' })).toHaveCount(1);
    await expect(page.getByRole('cell', { name: 'sign_in', exact: true })).toHaveCount(0);
  });

  test('a deactivated user’s open session stops working on the next request', async ({ page, browser }) => {
    const email = `leaver-${Date.now()}@payung.test`;
    await createUserAsAdmin(page, email);

    const leaver = await browser.newContext({ storageState: SIGNED_OUT });
    const leaverPage = await leaver.newPage();
    await signIn(leaverPage, email, PASSWORD);
    await expect(leaverPage.getByRole('heading', { level: 1, name: 'Ringkasan' })).toBeVisible();
    expect((await leaver.request.get('/api/v1/summary')).status()).toBe(200);

    await page.goto('/admin');
    await page.getByRole('button', { name: `Nonaktifkan ${email}` }).click();
    await expect(page.getByTestId(`user-row-${email}`)).toContainText('Nonaktif');
    await screenshot(page, 'admin-users');

    expect((await leaver.request.get('/api/v1/summary')).status()).toBe(401);
    await leaverPage.reload();
    await expect(leaverPage).toHaveURL(/\/login/);
    await leaver.close();

    await page.goto(`/admin/audit?action=user_deactivate`);
    await expect(page.getByRole('row').filter({ hasText: 'user_deactivate' }).first()).toBeVisible();
    await screenshot(page, 'admin-audit');
  });
});

test.describe('officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('sees NIKs masked until revealing one, and the reveal and the export are audited', async ({
    page,
    browser,
  }) => {
    await page.goto('/members');
    const html = await page.content();
    expect(html).not.toMatch(/>\d{16}</);
    const firstRow = page.getByRole('row').nth(1);
    await expect(firstRow).toContainText('••••••••');
    await firstRow.getByRole('button', { name: 'Tampilkan NIK' }).click();
    await expect(firstRow.locator('.nik')).toHaveText(/^\d{16}$/);
    await screenshot(page, 'members-officer');
    expect((await page.request.get('/api/v1/members?format=csv')).status()).toBe(200);

    const admin = await browser.newContext({ storageState: storageStateFor('admin') });
    const audit = await admin.newPage();
    await audit.goto('/admin/audit?user=officer%40payung.test&action=nik_reveal');
    await expect(audit.getByRole('row').filter({ hasText: 'nik_reveal' }).first()).toBeVisible();
    await audit.goto('/admin/audit?user=officer%40payung.test&action=export');
    await expect(audit.getByRole('row').filter({ hasText: 'export' }).first()).toBeVisible();
    await audit.goto('/admin/audit?user=officer%40payung.test&action=sign_in');
    await expect(audit.getByRole('row').filter({ hasText: 'sign_in' }).first()).toBeVisible();
    await admin.close();
  });

  test('pages carry the security headers', async ({ request }) => {
    const response = await request.get('/');
    const headers = response.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
  });
});

test('signing out ends the session on the server, not only in the browser', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'officer@payung.test');
  await expect(page.getByRole('heading', { level: 1, name: 'Ringkasan' })).toBeVisible();
  const cookies = await context.cookies();
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/login/);

  // Replaying the old cookie must not bring the session back.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  expect((await replay.request.get('/api/v1/summary')).status()).toBe(401);
  await Promise.all([context.close(), replay.close()]);
});
