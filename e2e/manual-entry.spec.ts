import { expect, storageStateFor, test } from './fixtures';

test.describe('manual entry as an officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('adds one member, is told what to fix first, then records a contribution', async ({ page }) => {
    await page.goto('/imports');
    const memberForm = page.getByRole('form', { name: 'Tambah atau koreksi satu peserta' });
    await page.getByText('Tambah atau koreksi satu peserta').click();

    // A NIK one digit short is refused next to its field; nothing is saved.
    // Region 33.02.14, born 15 June 1990, a serial that differs per run.
    const nik = `330214150690${String(Date.now()).slice(-4)}`;
    await memberForm.getByLabel('Nik *').fill(nik.slice(0, 15));
    await memberForm.getByLabel('Nama *').fill('Sutrisno Manual');
    await memberForm.getByLabel('Jenis kelamin *').fill('L');
    await memberForm.getByLabel('Kode desa *').fill('3302142011');
    await memberForm.getByLabel('Kanal *').fill('agent');
    await memberForm.getByLabel('Tanggal daftar *').fill('01/10/2026');
    await memberForm.getByRole('button', { name: 'Simpan' }).click();
    await expect(memberForm.locator('#members-nik-error')).toBeVisible();

    await memberForm.getByLabel('Nik *').fill(nik);
    await memberForm.getByLabel('Nama *').fill('Sutrisno Manual');
    await memberForm.getByLabel('Jenis kelamin *').fill('L');
    await memberForm.getByLabel('Kode desa *').fill('33.02.14.2011');
    await memberForm.getByLabel('Kanal *').fill('agent');
    await memberForm.getByLabel('Tanggal daftar *').fill('01/10/2026');
    await memberForm.getByRole('button', { name: 'Simpan' }).click();
    await expect(memberForm.getByRole('status')).toContainText('1 baru');

    const contributionForm = page.getByRole('form', { name: 'Catat satu iuran' });
    await page.getByText('Catat satu iuran').click();
    await contributionForm.getByLabel('Nik *').fill(nik);
    await contributionForm.getByLabel('Bulan mulai *').fill('2026-10');
    await contributionForm.getByLabel('Jumlah bulan *').fill('1');
    await contributionForm.getByLabel('Iuran jkk *').fill('Rp 5.000');
    await contributionForm.getByLabel('Iuran jkm *').fill('3.400');
    await contributionForm.getByLabel('Tanggal bayar *').fill('2026-10-05');
    await contributionForm.getByRole('button', { name: 'Simpan' }).click();
    await expect(contributionForm.getByRole('status')).toContainText('1 baru');

    const found = await (await page.request.get(`/api/v1/members?q=${nik.slice(-6)}&period=2026-10`)).json();
    const row = found.rows.find((member: { name: string }) => member.name === 'Sutrisno Manual');
    expect(row?.status).toBe('aktif');
  });
});
