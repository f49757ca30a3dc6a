import { generateDemo } from '../db/seed/demo';
import { currentMonth, todayInJakarta } from '@/domain/month';
import { expect, screenshot, storageStateFor, test } from './fixtures';

// The server seeded the deterministic demo as of today: the same generator names a member who is
// covered this month (a contribution covers it), for whom an officer records a JKM claim.
const today = todayInJakarta();
const month = currentMonth();
const demo = generateDemo(today);
const coveredNow = new Set(
  demo.contributions
    .filter((c) => {
      const first = String(c.firstMonth).slice(0, 7);
      const [y, m] = first.split('-').map(Number);
      const last = new Date(Date.UTC(y!, m! - 1 + Number(c.monthsCount) - 1, 1)).toISOString().slice(0, 7);
      return first <= month && month <= last;
    })
    .map((c) => c.memberId),
);
const member = demo.members.find((m) => coveredNow.has(m.id!))!;
// Names a district official may read for another reason (users, agents, communities) are left out.
const otherNames = [...demo.users.map((u) => u.name), ...demo.agents.map((a) => a.name), ...demo.communities.map((c) => c.name)];
const memberNames = [...new Set(demo.members.map((m) => m.name))].filter(
  (name) => !otherNames.some((other) => other.includes(name)),
);
const niks = new Set(demo.members.map((m) => m.nik));
const range = `from=${month}&to=${month}`;

interface SummaryJson {
  byProgram: Array<{ program: string; count: number | string; amount: number | string }>;
  byStatus: Array<{ status: string; count: number | string }>;
  turnaroundMedianDays: number | string | null;
  turnaroundP90Days: number | string | null;
  approvalRate: number | string | null;
}

test.describe('claims as a BPJS officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('records a claim, verifies, approves and pays it, and sees it in the register and the summary', async ({ page, request, browser }) => {
    const before = (await (await request.get(`/api/v1/claims/summary?${range}`)).json()) as SummaryJson;
    const jkmBefore = before.byProgram.find((p) => p.program === 'JKM')!;
    expect(typeof jkmBefore.count).toBe('number');

    await page.goto('/claims');
    await page.getByRole('link', { name: 'Catat klaim baru' }).click();
    await page.getByLabel('NIK atau KPJ peserta').fill(member.nik);
    await page.getByLabel('Program').selectOption('JKM');
    await page.getByLabel('Tanggal kejadian').fill(today);
    await page.getByLabel('Tanggal pengajuan').fill(today);
    await page.getByRole('button', { name: 'Catat klaim' }).click();
    const message = page.getByTestId('claim-form-message');
    await expect(message).toContainText(/Klaim KLM-\d{4}-\d{6} tercatat\./);
    const number = /KLM-\d{4}-\d{6}/.exec((await message.textContent()) ?? '')![0];
    await message.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
    await expect(page.getByTestId('claim-status')).toHaveText('Diajukan');
    await expect(page.getByTestId('claim-coverage')).toContainText('Terlindungi');
    // The rule amount for JKM: 20 + 12 + 10 jt.
    await expect(page.getByTestId('claim-breakdown')).toContainText('Rp 42.000.000');

    // A second officer's tab, opened now, will hold a stale version.
    const other = await browser.newContext({ storageState: storageStateFor('officer') });
    const stale = await other.newPage();
    await stale.goto(`/claims/${number}`);

    for (const [step, status] of [
      ['verified', 'Diverifikasi'],
      ['approved', 'Disetujui'],
      ['paid', 'Dibayar'],
    ] as const) {
      await page.getByLabel('Langkah', { exact: true }).selectOption(step);
      await page.getByLabel('Tanggal langkah').fill(today);
      await page.getByRole('button', { name: 'Simpan langkah' }).click();
      await expect(page.getByTestId('claim-status')).toHaveText(status);
    }
    await expect(page.getByTestId('claim-amount')).toHaveText('Rp 42.000.000');
    await expect(page.getByText(/tidak ada langkah lagi/)).toBeVisible();

    // The stale tab tries to reject the claim: refused with a clear message, nothing overwritten.
    await stale.getByLabel('Langkah', { exact: true }).selectOption('rejected');
    await stale.getByLabel('Alasan penolakan').fill('Dokumen tidak lengkap');
    await stale.getByRole('button', { name: 'Simpan langkah' }).click();
    await expect(stale.getByTestId('claim-form-message')).toContainText('baru saja diubah oleh petugas lain');
    await other.close();
    await page.reload();
    await expect(page.getByTestId('claim-status')).toHaveText('Dibayar');

    // The summary of this month counts it: one more JKM payout of 42 jt.
    const after = (await (await request.get(`/api/v1/claims/summary?${range}`)).json()) as SummaryJson;
    const jkmAfter = after.byProgram.find((p) => p.program === 'JKM')!;
    expect(jkmAfter.count).toBe((jkmBefore.count as number) + 1);
    expect(jkmAfter.amount).toBe((jkmBefore.amount as number) + 42_000_000);

    // The register of this month lists it as paid; the page's summary shows the same count.
    await page.goto(`/claims?${range}&program=JKM&status=paid`);
    await expect(page.getByTestId('claims-table').getByRole('link', { name: number })).toBeVisible();
    await expect(page.getByTestId('claims-by-program').locator('tr', { hasText: 'JKM' })).toContainText(
      String(jkmAfter.count),
    );
    const audit = await request.get(`/api/v1/claims?${range}&program=JKM&status=paid&format=csv`);
    expect(audit.status()).toBe(200);
    expect(await audit.text()).toContain(number);
  });

  test('filters, sorting and paging live in the URL and refetch through the API', async ({ page }) => {
    await page.goto('/claims');
    await expect(page.getByTestId('claims-table')).toBeVisible();
    await page.getByLabel('Program').selectOption('JKK');
    await page.getByLabel('Status').selectOption('rejected');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page).toHaveURL(/program=JKK/);
    await expect(page).toHaveURL(/status=rejected/);
    const rows = page.getByTestId('claims-table').locator('tbody tr');
    await expect(rows.first()).toContainText('Ditolak');
    await page.getByRole('button', { name: 'Nominal' }).click();
    await expect(page).toHaveURL(/sort=amount/);
    const bad = await page.request.get('/api/v1/claims?status=lost');
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toContain('Status "lost" tidak dikenal');
  });

  test('screenshots of the claims page and a claim, desktop and phone', async ({ page, request }) => {
    const list = await (await request.get(`/api/v1/claims?from=2025-01&to=${month}&status=paid&program=JKK`)).json();
    const number = list.rows[0].number as string;
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.goto('/claims');
      await expect(page.getByTestId('claims-table')).toBeVisible();
      await screenshot(page, `claims-register-${name}`);
      await page.goto(`/claims/${number}`);
      await expect(page.getByTestId('claim-timeline')).toBeVisible();
      await screenshot(page, `claims-claim-${name}`);
    }
  });
});

test.describe('claims as a district official', () => {
  test.use({ storageState: storageStateFor('district') });

  test('sees the figures with "<5", and no register: its rows would rebuild the hidden counts', async ({ page, request }) => {
    await page.goto(`/claims?${range}`);
    await expect(page.getByTestId('claims-register-hidden')).toContainText('Anda melihat agregat saja');
    await expect(page.getByTestId('claims-table')).toHaveCount(0);
    // One month of a district's claims: some status counts are below five.
    await expect(page.getByTestId('claims-funnel')).toContainText('<5');
    const html = await page.content();
    expect(html).not.toMatch(/3302•+\d{4}/);
    expect((html.match(/\d{16}/g) ?? []).filter((digits) => niks.has(digits))).toEqual([]);
    expect(memberNames.filter((name) => new RegExp(`(?<!\\p{L})${name}(?!\\p{L})`, 'u').test(html))).toEqual([]);
    for (const path of [`/api/v1/claims?from=2024-01&to=${month}`, `/api/v1/claims?from=2024-01&to=${month}&format=csv`, '/api/v1/claims?agent=PRS-001']) {
      expect((await request.get(path)).status(), path).toBe(403);
    }
    const summary = (await (await request.get(`/api/v1/claims/summary?${range}`)).json()) as SummaryJson;
    expect(summary.byStatus.some((s) => s.count === '<5')).toBe(true);
    // No claim page either.
    const claimPage = await page.goto('/claims/KLM-2026-000001');
    expect(claimPage?.status()).toBe(403);
  });
});
