import { expect, screenshot, storageStateFor, test } from './fixtures';

// Every role reaches the one definition of each figure from the header.
for (const role of ['district', 'supervisor'] as const) {
  test.describe(`definitions as ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test('the header links to every indicator with its numerator and denominator', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('link', { name: 'Definisi', exact: true }).click();
      await expect(page).toHaveURL(/\/definitions$/);
      await expect(page).toHaveTitle('Definisi · Payung');
      await expect(page.getByRole('heading', { name: 'Definisi indikator', level: 1 })).toBeVisible();
      const coverage = page.locator('#coverageRate');
      await expect(coverage).toContainText('Tingkat cakupan');
      await expect(coverage).toContainText('Penyebut: Perkiraan pekerja informal wilayah itu untuk tahun m');
      await expect(page.locator('#provisionalMonth')).toContainText('hari terakhir m + 3');
      expect(await page.locator('[data-testid="definitions"] .definition').count()).toBe(20);
      if (role === 'district') await screenshot(page, 'definitions');
    });
  });
}
