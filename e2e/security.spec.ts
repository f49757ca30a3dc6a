// Issue 17's findings, each as an outside tester found it: the request that got through, now refused.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, DEMO_PASSWORD, ROLES, signIn, storageStateFor, test } from './fixtures';
import { createUserAsAdmin, rawRequest, signInOverHttp, TEST_PASSWORD, TRUSTED_PROXY } from './helpers';

const SIGNED_OUT = { cookies: [], origins: [] };

async function submitSignIn(page: Page, email: string) {
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/kata sandi|password/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(masuk|sign in)$/i }).click();
}

test.describe('sign-in follows only paths of this site', () => {
  test.use({ storageState: SIGNED_OUT });

  for (const callbackUrl of ['/%5Cevil.example/phish', '/%09/evil.example/phish', '//evil.example/phish', 'https://evil.example/']) {
    test(`callbackUrl=${callbackUrl} lands on the overview`, async ({ page, baseURL }) => {
      await page.goto(`/login?callbackUrl=${callbackUrl}`);
      await submitSignIn(page, ROLES.officer);
      await expect(page.getByRole('heading', { level: 1, name: 'Ringkasan' })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      expect(new URL(page.url()).pathname).toBe('/');
    });
  }

  test('a path of this site is still followed', async ({ page }) => {
    await page.goto('/login?callbackUrl=/villages%3Fperiod%3D2026-01');
    await submitSignIn(page, ROLES.officer);
    await expect(page).toHaveURL(/\/villages\?period=2026-01$/);
  });
});

test.describe('every state-changing route handler checks the origin', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('an admin boundary apply sent from another site is refused before anything is read', async ({ request }) => {
    const response = await request.post('/api/v1/boundaries?mode=apply', {
      headers: { origin: 'http://evil.example' },
      multipart: { file: { name: 'b.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type":"FeatureCollection","features":[]}') } },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('cross_site');
  });

  test('the one exception: a mail program’s one-click unsubscribe, whose authority is its signed token', async ({ request }) => {
    const response = await request.post('/api/reports/unsubscribe?token=not-a-signed-token', {
      headers: { origin: 'https://webmail.example', 'sec-fetch-site': 'cross-site' },
      form: { 'List-Unsubscribe': 'One-Click' },
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).error.code).toBe('bad_token');
  });
});

test.describe('file exports', () => {
  test('the map as CSV is permission-checked and audited; the member register exports to Excel', async ({ browser }) => {
    const district = await browser.newContext({ storageState: storageStateFor('district') });
    const csv = await district.request.get('/api/v1/map?metric=activeMembers&format=csv&period=2026-01');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    await district.close();

    const officer = await browser.newContext({ storageState: storageStateFor('officer') });
    const xlsx = await officer.request.get('/api/v1/members?format=xlsx&q=Wati');
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    await officer.close();

    const admin = await browser.newContext({ storageState: storageStateFor('admin') });
    const audit = await admin.newPage();
    await audit.goto('/admin/audit?user=district%40payung.test&action=export');
    await expect(audit.getByRole('row').filter({ hasText: '/api/v1/map' }).first()).toContainText('"format":"csv"');
    await audit.goto('/admin/audit?user=officer%40payung.test&action=export');
    const memberExport = audit.getByRole('row').filter({ hasText: '"format":"xlsx"' }).filter({ hasText: '/api/v1/members' }).first();
    await expect(memberExport).toBeVisible();
    // The search text may be a NIK or a name: the audit log keeps no personal data.
    await expect(memberExport).not.toContainText('Wati');
    await admin.close();
  });
});

test.describe('headers and the session endpoint', () => {
  test('a prefetch of a page still carries the CSP', async ({ request }) => {
    for (const headers of [{ purpose: 'prefetch' }, { 'sec-purpose': 'prefetch' }] as Record<string, string>[]) {
      const response = await request.get('/login', { headers });
      expect(response.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
    }
  });

  test('/api/auth/session gives JavaScript no session id', async ({ browser }) => {
    const officer = await browser.newContext({ storageState: storageStateFor('officer') });
    const session = await (await officer.request.get('/api/auth/session')).json();
    expect(session.user.email).toBe(ROLES.officer);
    expect(JSON.stringify(session)).not.toMatch(/session(Id|Version)|"sid"/i);
    await officer.close();
  });

  test('/api/auth/session does not show a deactivated user as signed in', async ({ browser }) => {
    const admin = await browser.newContext({ storageState: storageStateFor('admin') });
    const adminPage = await admin.newPage();
    const email = `session-leaver-${Date.now()}@payung.test`;
    await createUserAsAdmin(adminPage, email);

    const leaver = await browser.newContext({ storageState: SIGNED_OUT });
    const leaverPage = await leaver.newPage();
    await signIn(leaverPage, email, TEST_PASSWORD);
    await expect(leaverPage.getByRole('heading', { level: 1, name: 'Ringkasan' })).toBeVisible();
    expect((await (await leaver.request.get('/api/auth/session')).json()).user?.email).toBe(email);

    await adminPage.getByRole('button', { name: `Nonaktifkan ${email}` }).click();
    await expect(adminPage.getByTestId(`user-row-${email}`)).toContainText('Nonaktif');
    const after = await (await leaver.request.get('/api/auth/session')).json();
    expect(after.user).toBeUndefined();
    await Promise.all([admin.close(), leaver.close()]);
  });
});

test.describe('forwarded headers are believed only from a configured proxy', () => {
  async function auditIpOf(request: APIRequestContext, email: string): Promise<string[]> {
    const page = await request.get(`/admin/audit?user=${encodeURIComponent(email)}&action=sign_in_failed`);
    const html = await page.text();
    return [...html.matchAll(/<td[^>]*>(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)<\/td>/gi)].map((match) => match[1]!);
  }

  test('X-Forwarded-For from a client is ignored; from the proxy it names the client', async ({ browser, baseURL }) => {
    const admin = await browser.newContext({ storageState: storageStateFor('admin') });
    const direct = `xff-direct-${Date.now()}@payung.test`;
    await signInOverHttp(baseURL!, { email: direct, password: 'not-the-password', headers: { 'x-forwarded-for': '203.0.113.77' } });
    expect(await auditIpOf(admin.request, direct)).toEqual(['127.0.0.1']);

    const proxied = `xff-proxied-${Date.now()}@payung.test`;
    await signInOverHttp(baseURL!, {
      email: proxied,
      password: 'not-the-password',
      headers: { 'x-forwarded-for': '203.0.113.77, 198.51.100.23' },
      localAddress: TRUSTED_PROXY,
    });
    // The proxy appended the address it saw; anything further left was said by the client.
    expect(await auditIpOf(admin.request, proxied)).toEqual(['198.51.100.23']);
    await admin.close();
  });

  test('HSTS and Secure cookies when the proxy says https, neither when a client says so', async ({ baseURL }) => {
    const forged = await rawRequest(baseURL!, '/login', { headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.headers['strict-transport-security']).toBeUndefined();

    const proxied = await rawRequest(baseURL!, '/login', { headers: { 'x-forwarded-proto': 'https' }, localAddress: TRUSTED_PROXY });
    expect(proxied.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    const api = await rawRequest(baseURL!, '/api/health', { headers: { 'x-forwarded-proto': 'https' }, localAddress: TRUSTED_PROXY });
    expect(api.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);

    const secure = await signInOverHttp(baseURL!, {
      email: ROLES.officer,
      password: DEMO_PASSWORD,
      headers: { 'x-forwarded-proto': 'https' },
      localAddress: TRUSTED_PROXY,
    });
    const sessionCookie = secure.setCookies.find((cookie) => /session-token=/.test(cookie));
    expect(sessionCookie).toMatch(/; Secure/i);
    for (const cookie of secure.setCookies) expect(cookie).toMatch(/; Secure/i);

    const plain = await signInOverHttp(baseURL!, { email: ROLES.officer, password: DEMO_PASSWORD });
    expect(plain.setCookies.find((cookie) => /session-token=/.test(cookie))).not.toMatch(/; Secure/i);
  });
});

test.describe('the lock-out holds under a burst', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('50 wrong passwords sent at once get 5 password checks; the right one after is refused', async ({ page, baseURL }) => {
    const email = `burst-${Date.now()}@payung.test`;
    await createUserAsAdmin(page, email);
    // From 50 client addresses through the proxy: the per-address limit is not what stops them.
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        signInOverHttp(baseURL!, { email, password: `wrong-${i}`, headers: { 'x-forwarded-for': `198.51.100.${i + 1}` }, localAddress: TRUSTED_PROXY }),
      ),
    );
    const right = await signInOverHttp(baseURL!, { email, password: TEST_PASSWORD, headers: { 'x-forwarded-for': '198.51.100.200' }, localAddress: TRUSTED_PROXY });
    expect(JSON.parse(right.body).url).toContain('error=throttled');

    await page.goto(`/admin/audit?user=${encodeURIComponent(email)}&action=sign_in_failed`);
    const checks = await page.getByRole('cell', { name: 'sign_in_failed', exact: true }).count();
    console.log(`[lock-out] a burst of 50 parallel sign-ins over HTTP → ${checks} password checks`);
    expect(checks).toBe(5);
    await page.goto(`/admin/audit?user=${encodeURIComponent(email)}&action=sign_in`);
    await expect(page.getByRole('cell', { name: 'sign_in', exact: true })).toHaveCount(0);
  });
});

test.describe('passwords', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('the admin’s forms refuse weak passwords beside the field and take a pasted passphrase', async ({ page }) => {
    const email = `sandi-${Date.now()}@payung.test`;
    await page.goto('/admin');
    const form = page.getByRole('form', { name: 'Tambah pengguna' });
    // A submitted form is cleared: each attempt fills it again.
    const fillForm = async (password: string) => {
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Nama').fill('Ratna Sari');
      await form.getByLabel('Kata sandi awal').fill(password);
    };
    const refusals: Array<[string, RegExp]> = [
      ['aaaaaaaaaa', /diulang/],
      ['1234567890', /paling sering dipakai/],
      [email, /email atau nama/],
      [' '.repeat(10), /minimal 10 karakter/],
      ['RatnaSari-2026', /email atau nama/],
    ];
    for (const [password, message] of refusals) {
      await fillForm(password);
      await form.getByRole('button', { name: 'Tambah pengguna' }).click();
      await expect(form.locator('#new-password-error')).toHaveText(message);
    }
    // Pasted, as from a password manager: nothing on the page cancels the paste.
    const passphrase = 'hujan turun pelan di atas sawah Ajibarang sore ini';
    await fillForm('');
    await form.getByLabel('Kata sandi awal').focus();
    const pasteAllowed = await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      return document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, passphrase);
    expect(pasteAllowed).toBe(true);
    await page.keyboard.insertText(passphrase);
    await form.getByRole('button', { name: 'Tambah pengguna' }).click();
    await expect(page.getByText(`Pengguna ${email} dibuat.`)).toBeVisible();

    const row = page.getByTestId(`user-row-${email}`);
    await row.getByLabel(`Kata sandi baru ${email}`).fill('ratna.sari2026');
    await row.getByRole('button', { name: 'Atur ulang kata sandi' }).click();
    await expect(row.getByRole('alert')).toHaveText(/email atau nama/);
  });
});

test.describe('an agent’s income', () => {
  const INCOME_KEYS = ['incentive', 'acquisitionBonus', 'collectionFee'];

  test('a district official sees agents’ names but not their incentive, in pages, API and exports', async ({ browser }) => {
    const district = await browser.newContext({ storageState: storageStateFor('district') });
    const list = await (await district.request.get('/api/v1/agents')).json();
    expect(list.rows.length).toBeGreaterThan(0);
    expect(list.rows[0].name).toBeTruthy();
    for (const row of list.rows) for (const key of INCOME_KEYS) expect(row).not.toHaveProperty(key);
    const csv = await (await district.request.get('/api/v1/agents?format=csv')).text();
    expect(csv.split('\r\n')[0]).not.toMatch(/incentive|acquisitionBonus|collectionFee/);
    const code = list.rows[0].code as string;
    const detail = await (await district.request.get(`/api/v1/agents/${code}`)).json();
    for (const key of INCOME_KEYS) expect(detail).not.toHaveProperty(key);
    for (const point of detail.series) expect(point).not.toHaveProperty('incentive');
    expect(await (await district.request.get(`/api/v1/agents/${code}?format=csv`)).text()).not.toContain('incentive');

    const page = await district.newPage();
    await page.goto('/agents');
    await expect(page.getByTestId('agents-table')).toBeVisible();
    // All columns, not only the key ones the table starts with.
    await page.getByRole('button', { name: /Tampilkan semua kolom/ }).click();
    await expect(page.getByRole('columnheader', { name: 'Klaim dibantu' })).toBeVisible();
    await expect(page.getByText('Insentif')).toHaveCount(0);
    await page.goto(`/agents/${code}`);
    await expect(page.getByTestId('agent-series')).toBeVisible();
    await expect(page.getByText('Insentif')).toHaveCount(0);
    await district.close();

    // The roles that manage agents still see it.
    const officer = await browser.newContext({ storageState: storageStateFor('officer') });
    const theirs = await (await officer.request.get('/api/v1/agents')).json();
    expect(theirs.rows[0]).toHaveProperty('incentive');
    await officer.close();
  });
});
