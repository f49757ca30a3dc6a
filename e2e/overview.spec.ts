import { expect, screenshot, storageStateFor, test, type DemoRole } from './fixtures';

const ROLES_TO_CHECK: DemoRole[] = ['admin', 'officer', 'district', 'supervisor'];

function asDisplayed(value: number | string): string {
  return typeof value === 'number' ? new Intl.NumberFormat('id-ID').format(value) : value;
}

for (const role of ROLES_TO_CHECK) {
  test.describe(`overview as ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test('shows the figures the API gives, and follows the period picker', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByTestId('demo-banner')).toContainText('sintetis');

      const active = page.getByRole('region', { name: 'Peserta aktif' }).getByTestId('stat-value');
      const apiNow = await (await page.request.get('/api/v1/summary')).json();
      await expect(active).toHaveText(asDisplayed(apiNow.activeMembers));
      // The small map is drawn in the browser: the screenshot waits for it as a person's eye would.
      await expect(page.getByRole('region', { name: 'Peta cakupan' }).getByRole('link', { name: /Tingkat cakupan/ }).first()).toBeVisible();
      await screenshot(page, `overview-${role}`);

      await page.getByRole('button', { name: 'Bulan sebelumnya' }).click();
      await expect(page).toHaveURL(/period=\d{4}-\d{2}/);
      const period = new URL(page.url()).searchParams.get('period') ?? '';
      const apiPrev = await (await page.request.get(`/api/v1/summary?period=${period}`)).json();
      expect(apiPrev.period).toBe(period);
      await expect(active).toHaveText(asDisplayed(apiPrev.activeMembers));
      await expect(page.getByRole('region', { name: 'Pendaftaran baru' }).getByTestId('stat-value')).toHaveText(
        asDisplayed(apiPrev.newEnrolments),
      );
    });
  });
}

test.describe('language', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('switches to English and back', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(page.getByText('Demo mode: all data here is synthetic')).toBeVisible();
    await screenshot(page, 'overview-english');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ringkasan' })).toBeVisible();
  });
});

test.describe('supervisor scope', () => {
  test('each supervisor counts only their own agents’ members', async ({ browser }) => {
    const officer = await browser.newContext({ storageState: storageStateFor('officer') });
    const first = await browser.newContext({ storageState: storageStateFor('supervisor') });
    const second = await browser.newContext({ storageState: storageStateFor('supervisor2') });
    const [all, a, b] = await Promise.all(
      [officer, first, second].map(async (context) => (await context.request.get('/api/v1/summary')).json()),
    );
    expect(a.activeMembers).toBeGreaterThan(0);
    expect(b.activeMembers).toBeGreaterThan(0);
    expect(a.activeMembers + b.activeMembers).toBeLessThanOrEqual(all.activeMembers);
    await Promise.all([officer, first, second].map((context) => context.close()));
  });
});

test.describe('overview charts', () => {
  test.use({ storageState: storageStateFor('officer') });

  // Recharts loads after the page (components/charts/interactive-charts.ts): the server draws a sketch of
  // each chart, which must then become the interactive chart, without hydration errors.
  test('are drawn by the server, then become interactive Recharts charts with tooltips', async ({ page }) => {
    const html = await (await page.request.get('/')).text();
    expect(html.match(/data-chart="sketch"/g)).toHaveLength(3);

    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');

    const charts = page.locator('.chart');
    await expect(charts).toHaveCount(3);
    await expect(page.locator('.chart[data-chart="interactive"]')).toHaveCount(3);
    const trend = charts.first();
    await expect(trend.locator('.recharts-wrapper svg.recharts-surface').first()).toBeVisible();
    await expect(trend.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(trend.locator('.recharts-legend-wrapper')).toContainText('Peserta aktif');

    const grid = trend.locator('.recharts-cartesian-grid');
    await grid.scrollIntoViewIfNeeded();
    const box = await grid.boundingBox();
    expect(box).not.toBeNull();
    await grid.hover({ position: { x: box!.width - 10, y: box!.height / 2 }, force: true });
    await expect(trend.locator('.recharts-tooltip-wrapper')).toContainText('Tingkat cakupan');
    expect(errors).toEqual([]);
  });
});

test.describe('provisional month', () => {
  test.use({ storageState: storageStateFor('officer') });

  // The demo's data runs to today, so the default month (the last one ended) is inside its arrears window.
  test('marks the latest month provisional with its nowcast on the cards, the trend and the API', async ({ page }) => {
    const api = await (await page.request.get('/api/v1/summary?compare=1&nowcast=1')).json();
    expect(api.provisional).toBe(true);
    expect(api.previousMonth.provisional).toBe(true);
    expect(api.nowcast.activeMembers).toMatchObject({ method: 'completion-ratio' });
    const { expected, low, high } = api.nowcast.activeMembers;
    expect(low).toBeLessThanOrEqual(expected);
    expect(high).toBeGreaterThanOrEqual(expected);

    // the sketch drawn by the server already dashes the provisional months
    const html = await (await page.request.get('/')).text();
    expect(html).toContain('data-provisional');

    await page.goto('/');
    const card = page.getByRole('region', { name: 'Peserta aktif' });
    const badge = card.getByTestId('provisional-badge');
    await expect(badge).toContainText('Sementara');
    // its explanation is in the accessible text, not only in a tooltip
    await expect(badge).toContainText('membayar tunggakan hingga 3 bulan');
    const count = (value: number) => asDisplayed(Math.round(value));
    await expect(card.getByTestId('stat-estimate')).toHaveText(`Perkiraan akhir ${count(expected)} (${count(low)}–${count(high)})`);
    await expect(card.getByTestId('stat-changes-note')).toHaveText('Perbandingan dengan bulan sementara');
    // new enrolments do not change after their month: no badge
    await expect(page.getByRole('region', { name: 'Pendaftaran baru' }).getByTestId('provisional-badge')).toHaveCount(0);
    await expect(page.getByTestId('nowcast-method')).toContainText('median rasio');
    await expect(page.getByTestId('trend-provisional-note').first()).toBeVisible();
    await expect(page.locator('.chart[data-chart="interactive"]').first()).toBeVisible();
    await expect(page.getByTestId('map-provisional-note')).toBeVisible();

    const csv = await (await page.request.get('/api/v1/summary?format=csv')).text();
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    const columns = header!.split(',');
    expect(row!.split(',')[columns.indexOf('provisional')]).toBe('true');
    expect(columns).toContain('activeMembersExpected');
    await screenshot(page, 'overview-provisional');
  });
});
