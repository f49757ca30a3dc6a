import fs from 'node:fs';
import path from 'node:path';
import { expect, screenshot, storageStateFor, test } from './fixtures';

interface MapFeature {
  properties: { code: string; name: string; metric: string; value: number | string | null };
}
interface MapView {
  period: string;
  metric: string;
  features: MapFeature[];
}

const count = (value: number) => new Intl.NumberFormat('id-ID').format(value);
const percent = (value: number) =>
  `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`;

function valueOf(view: MapView, code: string) {
  const feature = view.features.find((f) => f.properties.code === code);
  if (!feature) throw new Error(`no feature ${code}`);
  return feature.properties.value;
}

test.describe('map as a BPJS officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('switches the indicator, shows the API’s value in the tooltip, opens a village by mouse', async ({ page }) => {
    await page.goto('/map');
    await expect(page.getByRole('heading', { level: 1, name: 'Peta Kecamatan' })).toBeVisible();
    await expect(page.getByTestId('boundary-note')).toContainText('perkiraan');
    const map = page.getByRole('group', { name: /^Peta desa di Ajibarang/ });
    await expect(map.getByRole('link')).toHaveCount(15);

    // Coverage rate first (the default), as the API has it.
    const coverage = (await (await page.request.get('/api/v1/map')).json()) as MapView;
    expect(coverage.metric).toBe('coverageRate');
    const kulon = map.getByRole('link', { name: /^Ajibarang Kulon:/ });
    await expect(kulon).toHaveAccessibleName(`Ajibarang Kulon: Tingkat cakupan ${percent(valueOf(coverage, '33.02.14.2011') as number)}`);

    await page.getByLabel('Indikator').selectOption({ label: 'Peserta aktif' });
    await expect(page).toHaveURL(/metric=activeMembers/);
    await expect(page.getByTestId('map-subtitle')).toContainText('Peserta aktif per desa');
    const active = (await (await page.request.get(`/api/v1/map?metric=activeMembers&period=${coverage.period}`)).json()) as MapView;

    await kulon.hover();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText('Ajibarang Kulon');
    await expect(tooltip.getByTestId('map-tooltip-value')).toHaveText(count(valueOf(active, '33.02.14.2011') as number));
    // The table beside the map says the same for every village.
    for (const feature of active.features) {
      await expect(page.getByTestId('map-table').locator(`tr[data-code="${feature.properties.code}"] td`).last()).toHaveText(
        count(feature.properties.value as number),
      );
    }
    await screenshot(page, 'map-desktop');

    await kulon.click();
    await expect(page).toHaveURL(new RegExp(`/villages/33\\.02\\.14\\.2011\\?period=${coverage.period}`));
  });

  test('reaches every village by keyboard and opens one with Enter', async ({ page }) => {
    await page.goto('/map?metric=uncoveredWorkers');
    const view = (await (await page.request.get('/api/v1/map?metric=uncoveredWorkers')).json()) as MapView;
    const select = page.getByLabel('Indikator');
    await expect(select).toHaveValue('uncoveredWorkers');
    // The villages follow the indicator picker and its explanation in the tab order, in code order. Until
    // the page has hydrated a re-render may take the focus back, so the first step is retried as a whole.
    const [first, second] = view.features;
    await expect(async () => {
      await select.focus();
      await page.keyboard.press('Tab');
      await expect(page.locator('summary[aria-label^="Yang ada di balik"]').first()).toBeFocused({ timeout: 1000 });
      await page.keyboard.press('Tab');
      await expect(page.locator(`path[data-code="${first!.properties.code}"]`)).toBeFocused({ timeout: 1000 });
    }).toPass();
    for (const [index, feature] of [first!, second!].entries()) {
      if (index > 0) await page.keyboard.press('Tab');
      const focused = page.locator(`path[data-code="${feature.properties.code}"]`);
      await expect(focused).toBeFocused();
      await expect(page.getByRole('tooltip')).toContainText(feature.properties.name);
      await expect(page.getByTestId('map-tooltip-value')).toHaveText(count(feature.properties.value as number));
    }
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/villages\/33\.02\.14\.2002\?period=/);
  });

  test('follows the period picker', async ({ page }) => {
    await page.goto('/map?metric=newEnrolments');
    await page.getByRole('button', { name: 'Bulan sebelumnya' }).click();
    await expect(page).toHaveURL(/period=\d{4}-\d{2}/);
    const period = new URL(page.url()).searchParams.get('period');
    const view = (await (await page.request.get(`/api/v1/map?metric=newEnrolments&period=${period}`)).json()) as MapView;
    await expect(page.getByTestId('map-table').locator('tr[data-code="33.02.14.2001"] td').last()).toHaveText(
      count(valueOf(view, '33.02.14.2001') as number),
    );
  });

  test('shows the map at phone size with readable labels', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/map');
    const map = page.getByRole('group', { name: /^Peta desa/ });
    await expect(map.getByRole('link')).toHaveCount(15);
    const box = await map.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    // No label is smaller than 10 px, and no two labels overlap.
    const labels = await map.locator('text').evaluateAll((nodes) =>
      nodes.map((node) => {
        const r = node.getBoundingClientRect();
        return { size: parseFloat(getComputedStyle(node).fontSize), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
      }),
    );
    expect(labels.length).toBe(15);
    for (const [i, a] of labels.entries()) {
      expect(a.size).toBeGreaterThanOrEqual(10);
      for (const b of labels.slice(i + 1)) {
        const overlap = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
        expect(overlap).toBeLessThan(4);
      }
    }
    await screenshot(page, 'map-phone');
  });

  test('the overview shows the small map', async ({ page }) => {
    await page.goto('/');
    const mini = page.getByRole('region', { name: 'Peta cakupan' });
    await expect(mini.getByRole('link', { name: /^Ajibarang Kulon: Tingkat cakupan/ })).toBeVisible();
    await mini.getByRole('link', { name: 'Buka peta' }).click();
    await expect(page).toHaveURL(/\/map\?period=\d{4}-\d{2}&metric=coverageRate/);
    await page.goto('/');
    await screenshot(page, 'overview-map');
  });

  test('the API refuses a bad metric or period with JSON', async ({ request }) => {
    const metric = await request.get('/api/v1/map?metric=members');
    expect(metric.status()).toBe(400);
    expect((await metric.json()).error).toMatchObject({ code: 'bad_metric' });
    const period = await request.get('/api/v1/map?period=2026-13');
    expect(period.status()).toBe(400);
    expect((await period.json()).error.code).toBe('bad_period');
  });

  test('an officer may not load boundaries', async ({ page, request }) => {
    const pageResponse = await page.goto('/admin/boundaries');
    expect(pageResponse?.status()).toBe(403);
    await expect(page.getByText('Anda tidak memiliki akses ke halaman ini.')).toBeVisible();
    const response = await request.post('/api/v1/boundaries?mode=apply', {
      multipart: { file: { name: 'b.geojson', mimeType: 'application/json', buffer: Buffer.from('{}') } },
    });
    expect(response.status()).toBe(403);
  });
});

test.describe('map as a district official', () => {
  test.use({ storageState: storageStateFor('district') });

  test('suppresses small cells exactly as the API does', async ({ page, request }) => {
    await page.goto('/map?metric=claimsPaidCount');
    const view = (await (await request.get('/api/v1/map?metric=claimsPaidCount')).json()) as MapView;
    expect(view.features.some((f) => f.properties.value === '<5')).toBe(true);
    for (const feature of view.features) {
      const value = feature.properties.value;
      // A count is shown when five or more persons make it, "<5" when fewer do, and "x" where it is
      // withheld beside a "<5" so that the "<5" cannot be worked out from the district's total.
      if (typeof value === 'string') expect(['<5', 'x']).toContain(value);
      else expect(value).toBeGreaterThanOrEqual(5);
      await expect(page.getByTestId('map-table').locator(`tr[data-code="${feature.properties.code}"] td`).last()).toHaveText(
        typeof value === 'number' ? count(value) : String(value),
      );
    }
    await expect(page.getByTestId('map-legend')).toContainText('<5');
  });
});

test.describe('official boundaries as an admin', () => {
  test.use({ storageState: storageStateFor('admin') });
  const official = path.resolve(__dirname, '..', '..', 'shared', 'data', 'ajibarang-villages.geojson');

  test('a bad file is refused with its message', async ({ page }) => {
    await page.goto('/map');
    await page.getByRole('link', { name: 'Muat batas resmi' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Batas desa resmi' })).toBeVisible();
    await page.getByLabel(/Berkas GeoJSON/).setInputFiles({
      name: 'peta.geojson',
      mimeType: 'application/json',
      buffer: Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"33.02.14.2099"},"geometry":null}]}'),
    });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await expect(page.getByTestId('boundary-error')).toContainText('kode "33.02.14.2099" bukan kode desa');
  });

  test('the API refuses a file over 5 MB with 413 and a bad mode with 400', async ({ request }) => {
    const big = await request.post('/api/v1/boundaries?mode=preview', {
      multipart: { file: { name: 'big.geojson', mimeType: 'application/json', buffer: Buffer.alloc(5 * 1024 * 1024 + 10, 32) } },
    });
    expect(big.status()).toBe(413);
    expect((await big.json()).error.message).toContain('terlalu besar');
    const mode = await request.post('/api/v1/boundaries?mode=replace-all', {
      multipart: { file: { name: 'b.geojson', mimeType: 'application/json', buffer: Buffer.from('{}') } },
    });
    expect(mode.status()).toBe(400);
  });

  test('the official file is previewed before anything changes', async ({ page }) => {
    test.skip(!fs.existsSync(official), 'the shared boundary file is not here');
    await page.goto('/admin/boundaries');
    await page.getByLabel(/Berkas GeoJSON/).setInputFiles(official);
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await expect(page.getByTestId('boundary-preview').locator('tbody tr')).toHaveCount(15);
    await expect(page.getByRole('button', { name: 'Terapkan 15 batas desa' })).toBeVisible();
    await expect(page.getByTestId('boundary-states')).not.toContainText('Resmi');
    await screenshot(page, 'admin-boundaries-preview');
  });
});
