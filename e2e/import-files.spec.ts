import ExcelJS from 'exceljs';
import { expect, screenshot, storageStateFor, test } from './fixtures';

// NIKs born outside Ajibarang (region 33.02.01), apart from those of imports.spec.ts.
const HEADER = ['nik', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'kode_desa', 'kanal', 'tanggal_daftar', 'penghasilan'];
const ROWS = [
  ['3302011203850021', 'José Excel', 'L', new Date(Date.UTC(1985, 2, 12)), '33.02.14.2011', 'agent', new Date(Date.UTC(2026, 0, 5)), 1500000],
  ['3302015507900022', 'Señora Excel', 'P', '1990-07-15', '3302142012', 'community', '05/02/2026', 1000000],
];

/** A members workbook as an office keeps it: dates as date cells, income as numbers, NIKs as text. */
async function membersXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Peserta');
  sheet.addRow(HEADER);
  for (const row of ROWS) sheet.addRow(row);
  sheet.getColumn(4).numFmt = 'dd/mm/yyyy';
  sheet.getColumn(7).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test.describe('office files as an officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('uploads an .xlsx members file through the page, imports it and undoes it', async ({ page }) => {
    await page.goto('/imports');
    await expect(page.getByText('Belum ada berkas dipilih')).toBeVisible();
    const input = page.getByLabel('Berkas CSV atau Excel');
    // The real control is hidden but still reachable from the keyboard.
    await input.focus();
    await expect(input).toBeFocused();
    await input.setInputFiles({ name: 'peserta-kantor.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await membersXlsx() });
    await expect(page.getByTestId('file-name')).toHaveText('peserta-kantor.xlsx');
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    const report = page.getByTestId('import-report');
    await expect(report).toContainText('2 baris: 2 baru, 0 berubah, 0 tidak berubah, 0 ditolak.');
    await expect(page.getByTestId('import-source')).toHaveText('Berkas dibaca sebagai Excel (.xlsx), lembar pertama.');
    await expect(page.getByTestId('import-preview')).toContainText('José Excel');
    await expect(page.getByTestId('import-preview')).toContainText('2026-01-05');
    await screenshot(page, 'imports-xlsx-report');
    await page.getByRole('button', { name: 'Impor semua (2 baris)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Impor selesai: 2 baru' })).toBeVisible();

    const row = page.getByTestId('import-history').getByRole('row').filter({ hasText: 'peserta-kantor.xlsx' });
    await expect(row).toContainText('2 / 0 / 0 / 0');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /Batalkan impor/ }).click();
    await expect(page.getByText(/dibatalkan: 2 baris dihapus/)).toBeVisible();
  });

  test('downloads a template per kind: the xlsx has the columns, an example row and a sheet explaining them', async ({ page }) => {
    await page.goto('/imports');
    await expect(page.getByRole('heading', { name: 'Templat', level: 2 })).toBeVisible();
    await screenshot(page, 'imports-templates');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Templat Peserta: Excel (.xlsx)' }).click()]);
    expect(download.suggestedFilename()).toBe('templat-members.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const [data, notes] = workbook.worksheets;
    expect((data!.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['nik', 'kpj', 'nama']);
    expect(data!.getRow(2).getCell(1).value).toBe('3302141203850001');
    expect(notes!.name).toBe('Keterangan');
    const explained = notes!.getColumn(1).values.concat(notes!.getColumn(3).values).map(String).join(' ');
    expect(explained).toContain('tanggal_daftar');
    expect(explained).toContain('Nomor Induk Kependudukan');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Templat Klaim: CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('templat-claims.csv');
    const english = await page.request.get('/api/v1/imports/template?kind=contributions&format=notes&lang=en');
    expect(english.status()).toBe(200);
    expect(await english.text()).toContain('First month paid for');
  });

  test('the API reads Windows-1252 tab files and refuses a header-only file with "no rows"', async ({ page }) => {
    await page.goto('/imports');
    const text = `${HEADER.join('\t')}\r\n3302011203850023\tMuñoz Café\tL\t1985-03-12\t33.02.14.2011\tagent\t2026-01-05\t1500000\r\n`;
    const latin = Buffer.from(text, 'latin1');
    const preview = await page.request.post('/api/v1/imports?kind=members&mode=preview', {
      multipart: { file: { name: 'excel-windows.txt', mimeType: 'text/plain', buffer: latin } },
    });
    expect(preview.status()).toBe(200);
    const report = await preview.json();
    expect(report.source).toEqual({ format: 'csv', encoding: 'windows-1252', delimiter: '\t' });
    expect(report.preview[0].values.nama).toBe('Muñoz Café');
    expect(report.errors).toEqual([]);

    const empty = await page.request.post('/api/v1/imports?kind=claims&lang=en', {
      multipart: { file: { name: 'kosong.csv', mimeType: 'text/csv', buffer: Buffer.from('nomor_klaim;nik;program\r\n') } },
    });
    expect(empty.status()).toBe(400);
    const body = await empty.json();
    expect(body.error.code).toBe('import_no_rows');
    expect(body.error.message).toContain('not a single data row');
  });
});

test.describe('templates as a district official', () => {
  test.use({ storageState: storageStateFor('district') });
  test('are refused (403): only those who may import get them', async ({ page }) => {
    await page.goto('/');
    expect((await page.request.get('/api/v1/imports/template?kind=members&format=csv')).status()).toBe(403);
  });
});
