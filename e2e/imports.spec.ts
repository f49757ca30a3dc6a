import { expect, screenshot, storageStateFor, test } from './fixtures';

// NIKs born outside Ajibarang (region 33.02.01), so they never collide with the demo's.
const GOOD = [
  'nik;nama;jenis_kelamin;tanggal_lahir;kode_desa;pekerjaan;kanal;tanggal_daftar;penghasilan;catatan',
  '3302011203850001;Sutrisno Uji;L;12/03/1985;33.02.14.2011;Tukang parkir;agent;2026-01-05;Rp 1.000.000;pasar',
  '3302015507900002;Siti Uji;P;1990-07-15;3302142012;pkl;community;05/02/2026;1.500.000;',
].join('\r\n');
const BAD = `${GOOD}\r\n330201010180000;Pendek;L;;3302142099;petani;agent;2026-03-01;1000000;`;

test.describe('imports as an officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('uploads a file, sees the report, imports it, finds it in the history and undoes it', async ({ page }) => {
    await page.goto('/imports');
    await expect(page.getByRole('heading', { name: 'Impor data', level: 1 })).toBeVisible();
    await page.getByLabel('Jenis data').selectOption('members');

    // A file with a bad row: the report names line, column and what to fix; nothing can be imported whole.
    await page.getByLabel('Berkas CSV').setInputFiles({ name: 'peserta-salah.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${BAD}`) });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    const errors = page.getByTestId('import-errors');
    await expect(errors).toContainText('Baris 4, kolom nik: NIK harus 16 angka');
    await expect(errors).toContainText('Mungkin maksud Anda 33.02.14.2009 (Karangbawang)?');
    await expect(page.getByRole('button', { name: /Impor semua/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Impor baris yang valid saja/ })).toBeDisabled();
    await screenshot(page, 'imports-report-errors');

    await page.getByLabel('Berkas CSV').setInputFiles({ name: 'peserta-baru.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD) });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await expect(page.getByTestId('import-report')).toContainText('2 baris: 2 baru, 0 berubah, 0 tidak berubah, 0 ditolak.');
    await expect(page.getByTestId('import-preview')).toContainText('33.02.14.2011');
    await expect(page.getByTestId('import-preview')).toContainText('tukang_parkir');
    await screenshot(page, 'imports-desktop');
    await page.getByRole('button', { name: 'Impor semua (2 baris)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Impor selesai: 2 baru' })).toBeVisible();

    const history = page.getByTestId('import-history');
    const row = history.getByRole('row').filter({ hasText: 'peserta-baru.csv' });
    await expect(row).toContainText('2 / 0 / 0 / 0');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /Batalkan impor/ }).click();
    await expect(page.getByText(/dibatalkan: 2 baris dihapus/)).toBeVisible();
    await expect(history.getByRole('row').filter({ hasText: 'peserta-baru.csv' })).toContainText('Dibatalkan');
  });

  test('on a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/imports');
    await page.getByLabel('Berkas CSV').setInputFiles({ name: 'peserta-salah.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await expect(page.getByTestId('import-errors')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'imports-mobile');
  });

  test('the API refuses a binary file and a broken xlsx renamed .csv (415)', async ({ page }) => {
    await page.goto('/imports');
    const binary = await page.request.post('/api/v1/imports?kind=members', {
      multipart: { file: { name: 'data.csv', mimeType: 'text/csv', buffer: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 0, 0]) } },
    });
    expect(binary.status()).toBe(415);
    expect((await binary.json()).error.code).toBe('import_not_csv');
    const zip = await page.request.post('/api/v1/imports?kind=members', {
      multipart: { file: { name: 'data.csv', mimeType: 'text/csv', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]) } },
    });
    expect(zip.status()).toBe(415);
    expect((await zip.json()).error.code).toBe('import_bad_xlsx');
  });
});

for (const role of ['district', 'supervisor'] as const) {
  test.describe(`imports as ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });
    test('is refused (403) on the page and the API', async ({ page }) => {
      const response = await page.goto('/imports');
      expect(response?.status()).toBe(403);
      const post = await page.request.post('/api/v1/imports?kind=members', {
        multipart: { file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD) } },
      });
      expect(post.status()).toBe(403);
      expect((await page.request.post('/api/v1/imports/1/undo')).status()).toBe(403);
    });
  });
}

test.describe('master data through the same page', () => {
  test('an admin loads an outside province’s regions and undoes it; an officer is offered only their kinds', async ({ browser }) => {
    const admin = await browser.newContext({ storageState: storageStateFor('admin') });
    const page = await admin.newPage();
    await page.goto('/imports');
    await page.getByLabel('Jenis data').selectOption('regions');
    await expect(page.getByText('kode*, nama*, tingkat*, kode_induk, luas_km2, penduduk, lat, lng')).toBeVisible();
    const file = ['kode;nama;tingkat;kode_induk', '64;Kalimantan Timur;provinsi;', '6401;Kabupaten Paser;kabupaten;64', '64.01.01;Batu Sopang;desa;64.01'].join('\r\n');
    await page.getByLabel('Berkas CSV').setInputFiles({ name: 'wilayah-kaltim.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await expect(page.getByTestId('import-errors')).toContainText('Baris 4, kolom tingkat: kode 64.01.01 tidak berbentuk kode "desa"');
    await page.getByLabel('Berkas CSV').setInputFiles({ name: 'wilayah-kaltim.csv', mimeType: 'text/csv', buffer: Buffer.from(file.replace('Batu Sopang;desa', 'Batu Sopang;kecamatan')) });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await expect(page.getByTestId('import-report')).toContainText('3 baris: 3 baru, 0 berubah, 0 tidak berubah, 0 ditolak.');
    await expect(page.getByTestId('import-preview')).toContainText('64.01.01');
    await screenshot(page, 'imports-master-data');
    await page.getByRole('button', { name: 'Impor semua (3 baris)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Impor selesai: 3 baru' })).toBeVisible();
    const row = page.getByTestId('import-history').getByRole('row').filter({ hasText: 'wilayah-kaltim.csv' });
    await expect(row).toContainText('Wilayah');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /Batalkan impor/ }).click();
    await expect(page.getByText(/dibatalkan: 3 baris dihapus/)).toBeVisible();
    await admin.close();

    const officer = await browser.newContext({ storageState: storageStateFor('officer') });
    const officerPage = await officer.newPage();
    await officerPage.goto('/imports');
    const options = await officerPage.getByLabel('Jenis data').locator('option').evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(['members', 'contributions', 'claims', 'communities', 'agents', 'coverage_targets', 'agent_targets']);
    await officer.close();
  });
});
