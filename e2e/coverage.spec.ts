import fs from 'node:fs';
import { expect, screenshot, storageStateFor, test } from './fixtures';

const id = (value: number | string | null) =>
  value === null ? '–' : typeof value === 'number' ? new Intl.NumberFormat('id-ID').format(value) : value;
const idPercent = (value: number | string | null) =>
  value === null
    ? '–'
    : typeof value === 'number'
      ? `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`
      : value;

interface Row {
  key: string;
  name: string;
  [field: string]: number | string | null | string[];
}

/** Parses the API's CSV (BOM, header, CRLF; no quoted commas in these figures). */
function parseCsv(text: string): Array<Record<string, string>> {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...lines] = text.slice(1).trim().split('\r\n');
  const keys = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [keys[i], value])));
}

test.describe('coverage as an officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('changes the period, drills district → village → community, exports a CSV that matches the screen', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Bulan sebelumnya' }).click();
    await expect(page).toHaveURL(/period=\d{4}-\d{2}/);
    const period = new URL(page.url()).searchParams.get('period')!;
    const summary = await (await page.request.get(`/api/v1/summary?period=${period}`)).json();
    await expect(page.getByRole('region', { name: 'Peserta aktif' }).getByTestId('stat-value')).toHaveText(id(summary.activeMembers));
    await expect(page.getByTestId('trend-text')).toContainText(id(summary.activeMembers));

    // District → its villages (the period travels along in the navigation).
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Wilayah' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Wilayah' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`period=${period}`));
    const coverage = await (await page.request.get(`/api/v1/coverage?by=village&period=${period}`)).json();
    const rows = coverage.rows as Row[];
    expect(rows).toHaveLength(15);
    const table = page.getByTestId('villages-table');
    for (const row of rows.slice(0, 5)) {
      const line = table.locator(`tr[data-key="${row.key}"]`);
      await expect(line.locator('[data-column="activeMembers"]')).toHaveText(id(row.activeMembers as number));
      await expect(line.locator('[data-column="coverageRate"]')).toHaveText(idPercent(row.coverageRate as number));
    }
    // The district's total row is the summary: the sum of the villages, not an average of their rates.
    const active = rows.reduce((sum, row) => sum + (row.activeMembers as number), 0);
    const workforce = rows.reduce((sum, row) => sum + (row.informalWorkforce as number), 0);
    expect(active).toBe(summary.activeMembers);
    expect(summary.coverageRate).toBeCloseTo((active / workforce) * 100, 9);
    await expect(table.locator('tfoot [data-column="activeMembers"]')).toHaveText(id(summary.activeMembers));

    // Sorting by a column heading.
    await table.getByRole('button', { name: 'Peserta aktif' }).click();
    const biggest = [...rows].sort((a, b) => (b.activeMembers as number) - (a.activeMembers as number))[0]!;
    await expect(table.locator('tbody tr').first()).toHaveAttribute('data-key', biggest.key);

    // Export the villages as CSV: the same figures as the screen and the API.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
    expect(csv).toHaveLength(15);
    for (const row of rows) {
      const line = csv.find((r) => r.key === row.key)!;
      expect(Number(line.activeMembers)).toBe(row.activeMembers);
      expect(Number(line.newEnrolments)).toBe(row.newEnrolments);
    }

    // → a village.
    await table.getByRole('link', { name: biggest.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Desa ${biggest.name}` })).toBeVisible();
    const village = await (await page.request.get(`/api/v1/summary?period=${period}&region=${biggest.key}`)).json();
    await expect(page.getByRole('region', { name: 'Peserta aktif' }).getByTestId('stat-value')).toHaveText(id(village.activeMembers));
    const byCommunity = await (await page.request.get(`/api/v1/coverage?by=community&period=${period}&region=${biggest.key}`)).json();
    const community = (byCommunity.rows as Row[])
      .filter((row) => row.key !== 'none')
      .sort((a, b) => (b.activeMembers as number) - (a.activeMembers as number))[0]!;

    // → a community.
    await page.getByTestId('breakdown-community').getByRole('link', { name: community.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: community.name })).toBeVisible();
    const facts = await (await page.request.get(`/api/v1/communities?period=${period}&id=${community.key}`)).json();
    await expect(page.getByRole('region', { name: 'Aktif', exact: true }).getByTestId('stat-value')).toHaveText(
      id(facts.rows[0].activeMembers),
    );
  });

  test('the API refuses a bad grouping, metric or range with a 400 that says what to fix', async ({ request }) => {
    for (const [url, code] of [
      ['/api/v1/coverage?by=planet', 'bad_grouping'],
      ['/api/v1/coverage?period=2026-13', 'bad_period'],
      ['/api/v1/coverage?region=99.99', 'bad_region'],
      ['/api/v1/trend?metric=happiness', 'bad_metric'],
      ['/api/v1/trend?metric=activeMembers&from=2026-06&to=2026-01', 'bad_range'],
      ['/api/v1/trend?metric=activeMembers&to=2026-1', 'bad_period'],
    ] as const) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(400);
      expect((await response.json()).error.code, url).toBe(code);
    }
    const trend = await (await request.get('/api/v1/trend?metric=coverageRate&from=2026-01&to=2026-06')).json();
    expect(trend.metric).toBe('coverageRate');
    expect(trend.points.map((p: { period: string }) => p.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    const xlsx = await request.get('/api/v1/coverage?by=occupation&format=xlsx');
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK'); // a zip, as .xlsx files are
  });

  test('the worklist names members in arrears with masked NIKs', async ({ page }) => {
    await page.goto('/worklist');
    await expect(page.getByRole('heading', { level: 1, name: 'Titik aksi' })).toBeVisible();
    await expect(page.getByTestId('worklist-cells').locator('tbody tr')).toHaveCount(20);
    await expect(page.getByTestId('worklist-members').locator('td.nik').first()).toHaveText(/^3302•+\d{4}$/);
  });

  test('screenshots of the overview and a village page, desktop and phone', async ({ page }) => {
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.goto('/');
      await expect(page.getByTestId('trend-text')).toBeVisible();
      await screenshot(page, `coverage-overview-${name}`);
      await page.goto('/villages/33.02.14.2011');
      await expect(page.getByRole('heading', { level: 1, name: 'Desa Ajibarang Kulon' })).toBeVisible();
      await screenshot(page, `coverage-village-${name}`);
    }
  });
});

test.describe('coverage as a district official', () => {
  test.use({ storageState: storageStateFor('district') });

  test('sees "<5" for small cells on the page, in the API and in the CSV', async ({ page, browser }) => {
    const officer = await browser.newContext({ storageState: storageStateFor('officer') });
    const full = (await (await officer.request.get('/api/v1/coverage?by=village')).json()).rows as Row[];
    await officer.close();
    const mine = (await (await page.request.get('/api/v1/coverage?by=village')).json()).rows as Row[];
    const small = full.filter((row) => (row.newEnrolments as number) < 5);
    expect(small.length).toBeGreaterThan(0);
    for (const row of full) {
      const shown = mine.find((r) => r.key === row.key)!;
      // Five or more: the number, or "x" where it is withheld so that a "<5" beside it cannot be worked out.
      for (const key of ['newEnrolments', 'activeMembers'] as const) {
        if ((row[key] as number) < 5) expect(shown[key]).toBe('<5');
        else expect([row[key], 'x']).toContain(shown[key]);
      }
    }
    await page.goto('/villages');
    await expect(
      page.getByTestId('villages-table').locator(`tr[data-key="${small[0]!.key}"] [data-column="newEnrolments"]`),
    ).toHaveText('<5');
    const csv = parseCsv(await (await page.request.get('/api/v1/coverage?by=village&format=csv')).text());
    expect(csv.find((r) => r.key === small[0]!.key)!.newEnrolments).toBe('<5');
    expect(JSON.stringify(mine)).not.toMatch(/nik|phone|address/i);
  });

  test('gets no names on the worklist and cannot edit targets', async ({ page }) => {
    await page.goto('/worklist');
    await expect(page.getByTestId('members-hidden')).toBeVisible();
    await expect(page.getByTestId('worklist-members')).toHaveCount(0);
    await page.goto('/targets');
    await expect(page.getByText('Hanya administrator dan petugas BPJS')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Simpan' })).toHaveCount(0);
  });
});

test.describe('targets as an officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('a target is validated, saved and shown beside the actual figure', async ({ page }) => {
    await page.goto('/targets');
    const input = page.getByLabel('Target (%) Kalibenda');
    await input.fill('150');
    await input.locator('xpath=..').getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'antara 0 dan 100' })).toBeVisible();
    await input.fill('12,5');
    await input.locator('xpath=..').getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Kalibenda' })).toContainText('12,5%');
    const coverage = await (await page.request.get('/api/v1/coverage?by=village')).json();
    expect(coverage.rows.find((r: Row) => r.name === 'Kalibenda').targetRate).toBe(12.5);
  });
});
