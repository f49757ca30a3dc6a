import { expect, signIn, storageStateFor, test } from './fixtures';

test('a signed-out visitor is sent to the sign-in page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Masuk ke Payung' })).toBeVisible();
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await signIn(page, 'officer@payung.test', 'wrong-password');
  await expect(page.getByRole('alert').filter({ hasText: 'Email atau kata sandi salah' })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('the API needs a session, except health', async ({ request }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });

  const summary = await request.get('/api/v1/summary');
  expect(summary.status()).toBe(401);
  expect((await summary.json()).error.code).toBe('unauthenticated');
});

test.describe('API parameters', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('a bad period or region gets a 400 that says what to fix', async ({ request }) => {
    const period = await request.get('/api/v1/summary?period=2026-13');
    expect(period.status()).toBe(400);
    expect((await period.json()).error.message).toContain('TTTT-BB');
    const region = await request.get('/api/v1/summary?region=99.99');
    expect(region.status()).toBe(400);
    const english = await request.get('/api/v1/summary?period=oops&lang=en');
    expect((await english.json()).error.message).toContain('YYYY-MM');
  });

  test('format=csv returns the same figures', async ({ request }) => {
    const json = await (await request.get('/api/v1/summary?period=2026-06')).json();
    const csv = await request.get('/api/v1/summary?period=2026-06&format=csv');
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, row] = text.slice(1).trim().split('\r\n');
    const values = Object.fromEntries(header!.split(',').map((key, i) => [key, row!.split(',')[i]]));
    expect(Number(values.activeMembers)).toBe(json.activeMembers);
    expect(Number(values.contributionsCollected)).toBe(json.contributionsCollected);
  });
});

test.describe('district official', () => {
  test.use({ storageState: storageStateFor('district') });

  test('gets aggregates with small cells suppressed', async ({ request, browser }) => {
    const mine = await (await request.get('/api/v1/summary?region=33.02.14.2006')).json();
    const officer = await browser.newContext({ storageState: storageStateFor('officer') });
    const full = await (await officer.request.get('/api/v1/summary?region=33.02.14.2006')).json();
    await officer.close();
    for (const key of ['activeMembers', 'newEnrolments', 'lapsedMembers', 'claimsPaidCount'] as const) {
      if (typeof full[key] === 'number' && full[key] < 5) expect(mine[key]).toBe('<5');
      // "x": withheld beside a sibling village's "<5" (complementary suppression).
      else expect([full[key], 'x']).toContain(mine[key]);
    }
    expect(JSON.stringify(mine)).not.toMatch(/nik|phone|address/i);
  });
});
