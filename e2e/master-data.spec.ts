import { createUserAsAdmin } from './helpers';
import { expect, screenshot, storageStateFor, test, VILLAGE_OFFICER } from './fixtures';

// Master data kept in the browser, as an office sets itself up: the admin creates a supervisor's account,
// a community, an agent with that supervisor and community, a workforce estimate and a new rate, and
// sees each listed; a duplicate community and a rate that would rewrite history are refused with their
// reasons. An officer limited to one village keeps communities there and cannot edit outside it, not
// even by tampering with the form.

const SUPERVISOR = { email: 'spv-master@payung.test', name: 'Bambang Koordinator' };
const COMMUNITY = 'Paguyuban Uji Data Induk';
const DARMAKRADENAN = '33.02.14.2001';

test.describe.configure({ mode: 'serial' });
let communityPath = '';

test.describe('as the admin', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('creates a supervisor, a community and an agent, and sees them listed', async ({ page }) => {
    await createUserAsAdmin(page, SUPERVISOR.email, { role: 'Koordinator Perisai', name: SUPERVISOR.name });

    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Data induk' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Data induk' })).toBeVisible();
    await screenshot(page, 'master-data');
    await page.getByRole('navigation', { name: 'Bagian data induk' }).getByRole('link', { name: 'Komunitas' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Komunitas' })).toBeVisible();

    const communityForm = page.getByRole('form', { name: 'Tambah komunitas' });
    await communityForm.getByLabel('Nama').fill(COMMUNITY);
    await communityForm.getByLabel('Jenis').selectOption({ label: 'Koperasi' });
    await communityForm.getByLabel('Desa/kelurahan').selectOption(DARMAKRADENAN);
    await communityForm.getByLabel('Pekerjaan').selectOption({ label: 'Penderes nira kelapa' });
    await communityForm.getByLabel('Tanggal berdiri').fill('2021-08-17');
    await communityForm.getByRole('button', { name: 'Tambah komunitas' }).click();
    await expect(communityForm.getByRole('status')).toHaveText(`Komunitas ${COMMUNITY} ditambahkan.`);
    const row = page.getByTestId('master-communities').getByRole('row', { name: new RegExp(COMMUNITY) });
    await expect(row).toContainText('Koperasi');
    await expect(row).toContainText('Darmakradenan');
    await expect(row).toContainText('17 Agu 2021');
    communityPath = (await row.getByRole('link', { name: `Ubah ${COMMUNITY}` }).getAttribute('href')) ?? '';
    expect(communityPath).toMatch(/^\/admin\/master\/communities\/\d+$/);

    // The same name in the same village is refused, whatever its case, and what was typed stays.
    await communityForm.getByLabel('Nama').fill(COMMUNITY.toUpperCase());
    await communityForm.getByLabel('Desa/kelurahan').selectOption(DARMAKRADENAN);
    await communityForm.getByRole('button', { name: 'Tambah komunitas' }).click();
    await expect(communityForm.getByRole('alert')).toContainText('Sudah ada komunitas bernama');
    await expect(communityForm.getByLabel('Nama')).toHaveValue(COMMUNITY.toUpperCase());
    await screenshot(page, 'master-communities');

    await page.getByRole('navigation', { name: 'Bagian data induk' }).getByRole('link', { name: 'Agen Perisai' }).click();
    const agentForm = page.getByRole('form', { name: 'Tambah agen' });
    await agentForm.getByLabel('Kode agen').fill('PRS-M01');
    await agentForm.getByLabel('Nama').fill('Sri Wahyuni');
    await agentForm.getByLabel('Desa/kelurahan').selectOption(DARMAKRADENAN);
    await agentForm.getByLabel('Koordinator').selectOption({ label: `${SUPERVISOR.name} (${SUPERVISOR.email})` });
    await agentForm.getByLabel('Komunitas').selectOption({ label: COMMUNITY });
    await agentForm.getByLabel('Telepon').fill('0812 2233 4455');
    await agentForm.getByLabel('Mulai aktif').fill('2026-11-02');
    // An end before the start is refused beside its field.
    await agentForm.getByLabel('Akhir aktif').fill('2026-10-31');
    await agentForm.getByRole('button', { name: 'Tambah agen' }).click();
    await expect(agentForm.getByText('Akhir aktif tidak boleh sebelum mulai aktif.').first()).toBeVisible();
    await agentForm.getByLabel('Akhir aktif').fill('');
    await agentForm.getByRole('button', { name: 'Tambah agen' }).click();
    await expect(agentForm.getByRole('status')).toHaveText('Agen PRS-M01 ditambahkan.');
    const agentRow = page.getByTestId('master-agents').getByRole('row', { name: /PRS-M01/ });
    await expect(agentRow).toContainText('Sri Wahyuni');
    await expect(agentRow).toContainText(COMMUNITY);
    await expect(agentRow).toContainText(`${SUPERVISOR.name} (${SUPERVISOR.email})`);
    await expect(agentRow).toContainText('Aktif');
    await screenshot(page, 'master-agents');

    // Ending the agent is a date, in the edit form; the agent stays listed.
    await agentRow.getByRole('link', { name: 'Ubah PRS-M01' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ubah agen PRS-M01' })).toBeVisible();
    const editForm = page.getByRole('form', { name: 'Simpan perubahan' });
    await expect(editForm.getByLabel('Komunitas')).toHaveValues([/^\d+$/]);
    await editForm.getByLabel('Akhir aktif').fill('2027-06-30');
    await editForm.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect(editForm.getByRole('status')).toHaveText('Perubahan agen PRS-M01 disimpan.');
    await page.reload();
    await expect(page.getByRole('form', { name: 'Simpan perubahan' }).getByLabel('Akhir aktif')).toHaveValue('2027-06-30');
  });

  test('adds a workforce estimate and a new rate, and cannot rewrite a rate’s history', async ({ page }) => {
    await page.goto('/admin/master/workforce?year=2028');
    await expect(page.getByRole('heading', { level: 1, name: 'Pekerja informal (penyebut)' })).toBeVisible();
    await expect(page.getByText('Belum ada perkiraan untuk tahun ini di wilayah Anda.')).toBeVisible();
    const workforceForm = page.getByRole('form', { name: 'Simpan perkiraan' });
    await workforceForm.getByLabel('Wilayah').selectOption(DARMAKRADENAN);
    await expect(workforceForm.getByLabel('Tahun')).toHaveValue('2028');
    await workforceForm.getByLabel('Pekerja informal').fill('1.234');
    await workforceForm.getByLabel('Sumber').fill('Pendataan desa 2028');
    await workforceForm.getByLabel('Angka perkiraan (bukan hasil pendataan)').uncheck();
    await workforceForm.getByRole('button', { name: 'Simpan perkiraan' }).click();
    await expect(workforceForm.getByRole('status')).toHaveText(`Perkiraan ${DARMAKRADENAN} 2028 disimpan.`);
    const estimate = page.getByTestId('master-workforce').getByRole('row', { name: /Darmakradenan/ });
    await expect(estimate).toContainText('1.234');
    await expect(estimate).toContainText('Pendataan desa 2028');
    await expect(estimate).toContainText('Data');
    await screenshot(page, 'master-workforce');

    await page.getByRole('navigation', { name: 'Bagian data induk' }).getByRole('link', { name: 'Tarif BPJS' }).click();
    const rateForm = page.getByRole('form', { name: 'Tambah tarif baru' });
    await rateForm.getByLabel('Kunci').fill('jkm_flat');
    await rateForm.getByLabel('Nilai').fill('7.000');
    await rateForm.getByLabel('Berlaku sejak').fill('2027-01-01');
    await rateForm.getByLabel('Sumber').fill('Peraturan uji 2027');
    await rateForm.getByRole('button', { name: 'Tambah tarif baru' }).click();
    await expect(rateForm.getByRole('status')).toHaveText('Tarif jkm_flat sejak 1 Jan 2027 ditambahkan.');
    const history = page.getByTestId('master-rates').locator('tr[data-key="jkm_flat"]');
    await expect(history).toHaveCount(2);
    await expect(history.nth(0)).toContainText('Rp 7.000');
    await expect(history.nth(0)).toContainText('1 Jan 2027');
    await expect(history.nth(1)).toContainText('Rp 6.800');
    await expect(history.nth(1)).toContainText('31 Des 2026');

    // A start on or before the latest one would rewrite history: refused, nothing added.
    await rateForm.getByLabel('Kunci').fill('jkm_flat');
    await rateForm.getByLabel('Nilai').fill('9.000');
    await rateForm.getByLabel('Berlaku sejak').fill('2026-06-01');
    await rateForm.getByLabel('Sumber').fill('Salah tanggal');
    await rateForm.getByRole('button', { name: 'Tambah tarif baru' }).click();
    await expect(rateForm.getByRole('alert')).toHaveText(
      'Tarif baru harus berlaku setelah 1 Jan 2027, awal tarif terakhir kunci ini. Riwayat tarif tidak diubah.',
    );
    await expect(history).toHaveCount(2);
    await screenshot(page, 'master-rates');
  });
});

test.describe('as an officer limited to one village', () => {
  test.use({ storageState: storageStateFor('villageOfficer') });

  test('keeps communities in their village and cannot edit outside it', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Data induk' }).click();
    // Communities and agents only: denominators and rates are the admin's.
    const sections = page.getByRole('navigation', { name: 'Bagian data induk' });
    await expect(sections.getByRole('link', { name: 'Tarif BPJS' })).toHaveCount(0);
    await sections.getByRole('link', { name: 'Komunitas' }).click();
    await expect(page.getByText(`Akun Anda terbatas pada wilayah ${VILLAGE_OFFICER.region}`)).toBeVisible();
    await expect(page.getByTestId('master-communities').getByRole('row', { name: new RegExp(COMMUNITY) })).toHaveCount(0);

    const form = page.getByRole('form', { name: 'Tambah komunitas' });
    // Their own village is the only one offered.
    await expect(form.getByLabel('Desa/kelurahan')).toHaveValue(VILLAGE_OFFICER.region);
    await form.getByLabel('Nama').fill('Forum Warga Uji RW 05');
    await form.getByLabel('Jenis').selectOption({ label: 'Forum warga' });
    await form.getByRole('button', { name: 'Tambah komunitas' }).click();
    await expect(form.getByRole('status')).toHaveText('Komunitas Forum Warga Uji RW 05 ditambahkan.');

    // A form changed by hand to post another village is refused by the server.
    await form.getByLabel('Nama').fill('Di Luar Wilayah');
    await form.getByLabel('Desa/kelurahan').evaluate((select: HTMLSelectElement, code) => {
      select.add(new Option(code, code, true, true));
    }, DARMAKRADENAN);
    await form.getByRole('button', { name: 'Tambah komunitas' }).click();
    await expect(form.getByRole('alert')).toHaveText(`Wilayah "${DARMAKRADENAN}" di luar cakupan akun Anda.`);

    // The admin's community in another village: not found, as an unknown one.
    const response = await page.goto(communityPath);
    expect(response?.status()).toBe(404);
    await page.goto('/admin/master/rates');
    await expect(page.getByRole('heading', { level: 1, name: 'Tarif BPJS' })).toHaveCount(0);
  });
});
