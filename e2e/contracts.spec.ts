// Pages and their API twins read a URL alike (contracts/): the month shown is the month every string on
// the page names, printed header included, and a bad parameter gets the API's 400 message on the page too.
import { formatPeriod } from '@/domain/format';
import { latestCompleteMonth } from '@/domain/month';
import { expect, screenshot, storageStateFor, test } from './fixtures';

test.describe('the month picked is the month named', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('on /villages: subtitle, print header and table follow the period picker', async ({ page }) => {
    await page.goto('/villages');
    const table = page.getByTestId('villages-table');
    const shown = formatPeriod(latestCompleteMonth());
    await expect(page.getByTestId('page-subtitle')).toContainText(shown);

    await page.getByRole('button', { name: 'Bulan sebelumnya' }).click();
    await expect(page).toHaveURL(/period=\d{4}-\d{2}/);
    const month = formatPeriod(new URL(page.url()).searchParams.get('period')!);
    expect(month).not.toBe(shown);
    await expect(table.locator('caption')).toContainText(month);
    // The rows of the new month have arrived (the table was refetched, not navigated to).
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expect(page.getByTestId('page-subtitle')).toContainText(month);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('print-header')).toBeVisible();
    await expect(page.getByTestId('print-header')).toContainText(month);
    await expect(page.getByTestId('print-header')).not.toContainText(shown);
    await screenshot(page, 'villages-printed-after-period-change');
  });

  test('on the overview: subtitle, print header and channel table follow the period picker', async ({ page }) => {
    await page.goto('/');
    const before = await page.getByTestId('summary-subtitle').textContent();
    await page.getByRole('button', { name: 'Bulan sebelumnya' }).click();
    await expect(page).toHaveURL(/period=\d{4}-\d{2}/);
    const month = formatPeriod(new URL(page.url()).searchParams.get('period')!);
    expect(before).not.toContain(month);
    await expect(page.getByTestId('summary-subtitle')).toContainText(month);
    const channels = page.locator('figure', { has: page.getByTestId('channel-table') });
    await expect(channels.getByRole('heading')).toContainText(month);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('print-header')).toContainText(month);
  });
});

test.describe('a bad parameter: the page says what the API says', () => {
  test.use({ storageState: storageStateFor('officer') });

  // Each page beside the endpoint whose view it renders.
  const PAIRS = [
    ['/villages?period=2026-13', '/api/v1/coverage?period=2026-13', 'period'],
    ['/?period=oktober', '/api/v1/summary?period=oktober', 'period'],
    ['/communities?region=Ajibarang', '/api/v1/communities?region=Ajibarang', 'region'],
    ['/agents?supervisor=99999999999', '/api/v1/agents?supervisor=99999999999', 'supervisor'],
    ['/map?metric=happiness', '/api/v1/map?metric=happiness', 'metric'],
    ['/members?page=1.5', '/api/v1/members?page=1.5', 'page'],
    ['/claims?status=lost', '/api/v1/claims?status=lost', 'status'],
    ['/targets?period=1e309', '/api/v1/coverage?period=1e309', 'period'],
  ] as const;

  for (const [pageUrl, apiUrl, param] of PAIRS) {
    test(`${pageUrl} and ${apiUrl}`, async ({ page }) => {
      const api = await page.request.get(apiUrl);
      expect(api.status()).toBe(400);
      const { error } = (await api.json()) as { error: { code: string; message: string; param: string } };
      expect(error.param).toBe(param);
      expect(error.message).toContain(`Parameter "${param}"`);
      await page.goto(pageUrl);
      const refusal = page.getByTestId('refusal');
      await expect(refusal).toHaveText(error.message);
      await expect(refusal).toHaveAttribute('data-code', error.code);
      if (param === 'period' && pageUrl.startsWith('/villages')) await screenshot(page, 'villages-bad-period');
    });
  }
});

test.describe('hostile parameters answer 400 naming them, never 500', () => {
  test.use({ storageState: storageStateFor('officer') });

  const PROBES = [
    ['/api/v1/members?q=budi%00', 'q'],
    ['/api/v1/claims?agent=PRS%00001', 'agent'],
    ['/api/v1/members?page=1.5', 'page'],
    ['/api/v1/claims?page=1e309', 'page'],
    ['/api/v1/claims?page=Infinity', 'page'],
    ['/api/v1/claims?community=99999999999', 'community'],
    ['/api/v1/coverage?community=2147483648', 'community'],
    ['/api/v1/communities?id=1e309', 'id'],
    ['/api/v1/agents?supervisor=Infinity', 'supervisor'],
    ['/api/v1/agents?community=-1', 'community'],
    ['/api/v1/summary?compare=maybe', 'compare'],
    ['/api/v1/summary?explain=maybe', 'explain'],
    ['/api/v1/members?status=gone', 'status'],
    ['/api/v1/claims?basis=incident', 'basis'],
    ['/api/v1/trend?metric=activeMembers&from=%00', 'from'],
    ['/api/v1/map?region=33.02%00', 'region'],
    ['/api/v1/claims/summary?program=JKK%00', 'program'],
    ['/api/v1/agents/A1?period=1e309', 'period'],
    ['/api/v1/coverage?format=pdf', 'format'],
  ] as const;

  test('on every endpoint', async ({ page }) => {
    for (const [url, param] of PROBES) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(400);
      expect((await response.json()).error.param, url).toBe(param);
    }
    const reveal = await page.request.post('/api/v1/members/99999999999/nik');
    expect(reveal.status()).toBe(400);
    expect((await reveal.json()).error.param).toBe('id');
  });
});
