// Figures that explain themselves (issue 19): on the overview, a village, the agents and the claims pages,
// a reader opens a figure's explanation by keyboard or click, and its numerator over its denominator is the
// figure on the card (parsed as shown, Indonesian format); its link lists exactly the rows counted. A
// district official's hidden cells stay hidden inside; a supervisor's coverage says it is their agents' share.
import type { Locator, Page } from '@playwright/test';
import { expect, storageStateFor, test } from './fixtures';
import path from 'node:path';

/** '2.185' → 2185, '12,4%' → 12.4, 'Rp 16.800' → 16800, '4,5 hari' → 4.5 (Indonesian separators). */
function parse(text: string | null): number {
  const cleaned = (text ?? '').replace(/[^\d,.-]/g, '').replace(/\./g, '').replace(',', '.');
  const value = Number(cleaned);
  if (!cleaned || Number.isNaN(value)) throw new Error(`Not a number: ${text}`);
  return value;
}

/** The decimals a percentage is shown with (formatPercent: one, two below 0,1 %). */
const decimalsOf = (text: string | null) => ((text ?? '').split(',')[1]?.replace(/\D/g, '').length ?? 0);

/** Opens a card's explanation and returns it; the card is found by its label (its region's name). */
async function openCard(page: Page, label: string | RegExp): Promise<{ card: Locator; box: Locator }> {
  const card = page.getByRole('region', { name: label, exact: true }).first();
  const details = card.locator('details.explain').first();
  await details.locator('> summary').focus();
  await page.keyboard.press('Enter');
  await expect(details).toHaveAttribute('open', '');
  return { card, box: card.locator('.explain-body') };
}

async function expectRatio(card: Locator, box: Locator) {
  const shown = await card.getByTestId('stat-value').textContent();
  const numerator = parse(await box.getByTestId('explain-numerator').textContent());
  const denominator = parse(await box.getByTestId('explain-denominator').textContent());
  expect(denominator).toBeGreaterThan(0);
  const digits = decimalsOf(shown);
  expect(((numerator / denominator) * 100).toFixed(digits)).toBe(parse(shown).toFixed(digits));
  return { numerator, denominator };
}

test.describe('explanations as an officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('overview: coverage = active members / workforce estimate; the rows behind active members', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('/');
    const { card, box } = await openCard(page, 'Tingkat cakupan');
    const { numerator } = await expectRatio(card, box);
    // The denominator names its estimate's year and source.
    await expect(box).toContainText(/perkiraan tahun \d{4}/);
    await expect(box.getByTestId('explain-status')).toBeVisible();
    // The coverage numerator is the active-members card.
    expect(parse(await page.getByRole('region', { name: 'Peserta aktif' }).getByTestId('stat-value').textContent())).toBe(numerator);
    await page.screenshot({ path: path.join(__dirname, 'screenshots', 'explain-coverage-1366.png') });

    const lapse = await openCard(page, 'Tingkat berhenti');
    await expectRatio(lapse.card, lapse.box);
    // One box at a time: opening the lapse rate's closed the coverage's; Escape closes it and the focus goes back.
    await expect(box).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(lapse.box).toBeHidden();
    await expect(lapse.card.locator('summary')).toBeFocused();
    // In print every card's explanation is printed under it, opened or not.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('region', { name: 'Pendaftaran baru', exact: true }).locator('.explain-body')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    const active = await openCard(page, 'Peserta aktif');
    const value = parse(await active.card.getByTestId('stat-value').textContent());
    expect(parse(await active.box.getByTestId('explain-numerator').textContent())).toBe(value);
    await active.box.getByTestId('explain-rows').click();
    await expect(page).toHaveURL(/\/members\?.*status=active/);
    await expect(page.getByTestId('member-filters')).toBeVisible();
    await expect(page.getByText(/^\d[\d.]* peserta$/)).toHaveText(`${new Intl.NumberFormat('id-ID').format(value)} peserta`);
  });

  test('a village: coverage = its active members / its estimate', async ({ page }) => {
    await page.goto('/villages/33.02.14.2011');
    const { card, box } = await openCard(page, 'Tingkat cakupan');
    await expectRatio(card, box);
  });

  test('agents: each trust rate = retained / cohort', async ({ page }) => {
    await page.goto('/agents');
    const group = page.getByTestId('trust-embedded');
    await group.locator('details.explain > summary').click();
    const box = group.locator('.explain-body');
    const shown = await group.getByTestId('stat-value').textContent();
    const numerator = parse(await box.getByTestId('explain-numerator').textContent());
    const denominator = parse(await box.getByTestId('explain-denominator').textContent());
    const digits = decimalsOf(shown);
    expect(((numerator / denominator) * 100).toFixed(digits)).toBe(parse(shown).toFixed(digits));
  });

  test('claims: approval rate = approved or paid / decided; the paid claims behind the count', async ({ page }) => {
    await page.goto('/claims');
    const { card, box } = await openCard(page, 'Tingkat persetujuan');
    await expectRatio(card, box);
    const paid = await openCard(page, 'Klaim dibayar');
    const count = parse(await paid.card.getByTestId('stat-value').textContent());
    expect(parse(await paid.box.getByTestId('explain-numerator').textContent())).toBe(count);
    await paid.box.getByTestId('explain-rows').click();
    await expect(page).toHaveURL(/basis=paid/);
    await expect(page.getByTestId('claims-basis')).toBeVisible();
    await expect(page.getByTestId('claims-total')).toContainText(new Intl.NumberFormat('id-ID').format(count));
  });

  test('on a phone the explanation sits in view', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const { box } = await openCard(page, 'Tingkat cakupan');
    const rect = await box.boundingBox();
    expect(rect!.x).toBeGreaterThanOrEqual(0);
    expect(rect!.x + rect!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(__dirname, 'screenshots', 'explain-coverage-390.png') });
  });

  test('an empty month says no data, not 0', async ({ page }) => {
    await page.goto('/?period=2015-01');
    await expect(page.getByTestId('summary-no-data')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Peserta aktif' }).getByTestId('stat-value')).toHaveText('Tidak ada data');
  });
});

test.describe('explanations as a district official', () => {
  test.use({ storageState: storageStateFor('district') });

  test('hidden cells stay hidden inside; no link to rows', async ({ page }) => {
    const api = await (await page.request.get('/api/v1/summary?explain=1')).json();
    for (const explanation of Object.values(api.explanations) as Array<{ value: unknown; numerator: { value: unknown } | null; rowsHref: unknown }>) {
      expect(explanation.rowsHref).toBeNull();
      if (explanation.value === '<5' || explanation.value === 'x') expect(['<5', 'x']).toContain(explanation.numerator?.value);
    }
    await page.goto('/');
    const { box } = await openCard(page, 'Tingkat cakupan');
    await expect(box.getByTestId('explain-rows')).toHaveCount(0);
  });
});

test.describe('explanations as a supervisor', () => {
  test.use({ storageState: storageStateFor('supervisor') });

  test("the coverage card is labelled as their agents' share", async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('summary-population')).toBeVisible();
    const { box } = await openCard(page, 'Bagian agen Anda dari pekerja informal');
    await expect(box).toContainText('Hanya menghitung peserta yang dilayani agen Anda');
  });
});
