import { expect, screenshot, storageStateFor, test } from './fixtures';

const idNumber = (value: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(value);

test.describe('the coverage plan as a BPJS officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('plans a target for a village, saves the scenario and reopens it', async ({ page }) => {
    const name = `Ajibarang Wetan 20% ${Date.now()}`;
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Rencana' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Rencana cakupan' })).toBeVisible();
    await expect(page.getByTestId('observational-note')).toBeVisible();

    const planner = page.getByRole('form', { name: 'Rencana kapasitas' });
    await planner.getByLabel('Wilayah').selectOption({ label: 'Ajibarang Wetan' });
    await planner.getByLabel('Target cakupan (%)').fill('20');
    await planner.getByLabel('Dicapai pada bulan').fill('2027-12');
    await planner.getByRole('button', { name: 'Hitung' }).click();
    await expect(page).toHaveURL(/region=33\.02\.14\.2012/);
    await expect(page).toHaveURL(/target=20/);

    // The page shows what the API answers for the same question.
    const api = await page.request.get('/api/v1/plan/capacity?region=33.02.14.2012&target=20&by=2027-12');
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { regionName: string; answer: { enrolmentsPerMonth: number; agentsNeeded: number | null; targetActive: number } };
    expect(body.regionName).toBe('Ajibarang Wetan');
    await expect(page.getByTestId('enrolments-needed')).toContainText(idNumber(body.answer.enrolmentsPerMonth));
    await expect(page.getByTestId('agents-needed')).toContainText(idNumber(body.answer.agentsNeeded ?? 0));
    await expect(page.getByTestId('path-table')).toContainText('Desember 2027');

    await page.getByRole('form', { name: 'Simpan skenario' }).getByLabel('Nama skenario').fill(name);
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(`Skenario "${name}" disimpan.`);
    await expect(page.getByTestId('scenarios-table').getByRole('row', { name: new RegExp(name) })).toBeVisible();

    // A fresh visit starts from the district; opening the scenario brings its question back.
    await page.goto('/plan');
    await expect(planner.getByLabel('Wilayah')).toHaveValue('33.02.14');
    await page.getByRole('button', { name: `Buka ${name}` }).click();
    await expect(page).toHaveURL(/region=33\.02\.14\.2012/);
    await expect(planner.getByLabel('Wilayah')).toHaveValue('33.02.14.2012');
    await expect(planner.getByLabel('Target cakupan (%)')).toHaveValue('20');
    await expect(planner.getByLabel('Dicapai pada bulan')).toHaveValue('2027-12');
    await expect(page.getByTestId('enrolments-needed')).toContainText(idNumber(body.answer.enrolmentsPerMonth));
    await expect(page.getByTestId('gaps-communities')).toBeVisible();
    await expect(page.getByTestId('gaps-places')).toBeVisible();
    await expect(page.getByTestId('channels-table')).toBeVisible();
    await screenshot(page, 'plan-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'plan-phone');
  });

  test('refuses a bad target with a message naming the parameter', async ({ page }) => {
    const response = await page.request.get('/api/v1/plan/capacity?target=150');
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_target_rate');
    expect(body.error.message).toContain('target');
  });
});

test.describe('the coverage plan for other roles', () => {
  test('a district official plans with aggregates', async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor('district') });
    const page = await context.newPage();
    await page.goto('/plan');
    await expect(page.getByRole('heading', { level: 1, name: 'Rencana cakupan' })).toBeVisible();
    const gaps = await page.request.get('/api/v1/plan/agent-gaps');
    expect(gaps.status()).toBe(200);
    await context.close();
  });

  test('a supervisor is refused on the page and the API', async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor('supervisor') });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Rencana' })).toHaveCount(0);
    for (const path of ['/api/v1/plan/agent-gaps', '/api/v1/plan/capacity?target=20', '/api/v1/plan/channels', '/api/v1/plan/scenarios']) {
      expect((await page.request.get(path)).status(), path).toBe(403);
    }
    await context.close();
  });
});
