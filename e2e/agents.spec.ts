import fs from 'node:fs';
import { expect, screenshot, storageStateFor, test } from './fixtures';

interface AgentApiRow {
  code: string;
  name: string;
  supervisor: string | null;
  supervisorId: number | null;
  villageCode: string;
  recruits: number;
  target: number | null;
  targetAttainment: number | null;
}

const idPercent = (value: number) =>
  `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`;

test.describe('agents as a supervisor', () => {
  test.use({ storageState: storageStateFor('supervisor') });

  test('lands on their own agents and sees only them; another supervisor’s agent is not found', async ({ page, browser }) => {
    // The overview opens with the supervisor's own agents who need attention.
    await page.goto('/');
    await expect(page.getByTestId('supervisor-home')).toBeVisible();
    await expect(page.getByTestId('agents-attention')).toBeVisible();

    const mine = (await (await page.request.get('/api/v1/agents')).json()).rows as AgentApiRow[];
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((row) => row.supervisor))).toEqual(new Set(['Yulianto Nugroho']));

    const other = await browser.newContext({ storageState: storageStateFor('supervisor2') });
    const theirs = (await (await other.request.get('/api/v1/agents')).json()).rows as AgentApiRow[];
    await other.close();
    expect(theirs.length).toBeGreaterThan(0);
    const mineCodes = new Set(mine.map((row) => row.code));
    expect(theirs.some((row) => mineCodes.has(row.code))).toBe(false);

    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Agen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Agen Anda' })).toBeVisible();
    const table = page.getByTestId('agents-table');
    await expect(table.locator('tbody tr')).toHaveCount(mine.length);
    for (const row of mine) await expect(table.locator(`tr[data-key="${row.code}"]`)).toBeVisible();
    // A supervisor has no supervisor filter: there is only them.
    await expect(page.getByLabel('Koordinator')).toHaveCount(0);

    // Another supervisor's agent by URL: the same answer as an agent that does not exist.
    const foreign = theirs[0]!.code;
    const response = await page.goto(`/agents/${foreign}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan.' })).toBeVisible();
    const api = await page.request.get(`/api/v1/agents/${foreign}`);
    expect(api.status()).toBe(404);
    expect((await api.json()).error.code).toBe('not_found');

    // Their own agent opens, with the member list (masked NIK) and no target form (officers set targets).
    const own = mine[0]!.code;
    await page.goto(`/agents/${own}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(mine[0]!.name);
    await expect(page.getByText('Target ditetapkan oleh petugas BPJS atau admin.')).toBeVisible();
    const arrears = page.getByTestId('agent-arrears');
    if (await arrears.count()) await expect(arrears.locator('.nik').first()).toHaveText(/^3302•{8}\d{4}$/);
  });
});

test.describe('agents as an officer', () => {
  test.use({ storageState: storageStateFor('officer') });

  test('sets a recruit target and sees attainment change', async ({ page }) => {
    const list = await (await page.request.get('/api/v1/agents')).json();
    const period = list.period as string;
    const agent = (list.rows as AgentApiRow[]).find((row) => row.recruits > 0) ?? (list.rows as AgentApiRow[])[0]!;
    await page.goto(`/agents/${agent.code}?period=${period}`);
    const attainment = page.getByRole('region', { name: 'Capaian target' }).getByTestId('stat-value');
    await expect(attainment).toHaveText(agent.targetAttainment === null ? '–' : idPercent(agent.targetAttainment));

    // A target that cannot be right is refused, saying what to fix.
    const input = page.getByRole('textbox', { name: /^Target rekrutan / });
    await input.fill('-3');
    await page.getByRole('button', { name: 'Simpan target' }).click();
    await expect(page.locator('#agent-target-message')).toHaveText('Target harus bilangan bulat dari 0 sampai 500.');

    const target = (agent.target ?? 0) + 3;
    await input.fill(String(target));
    await page.getByRole('button', { name: 'Simpan target' }).click();
    await expect(page.locator('#agent-target-message')).toContainText(`disimpan: ${target} peserta`);
    await expect(attainment).toHaveText(idPercent((agent.recruits / target) * 100));

    const after = (await (await page.request.get(`/api/v1/agents?period=${period}`)).json()).rows as AgentApiRow[];
    expect(after.find((row) => row.code === agent.code)).toMatchObject({ target, targetAttainment: (agent.recruits / target) * 100 });
    await expect(page.getByTestId('agent-series').locator(`tr[data-key="${period}"] [data-column="target"]`)).toHaveText(String(target));
  });

  test('filters, sorts, exports what the screen shows; shows embedded-vs-outside retention with counts', async ({ page }) => {
    await page.goto('/agents');
    const all = (await (await page.request.get('/api/v1/agents')).json()) as { period: string; rows: AgentApiRow[]; trust: Record<string, { rate: number; cohort: number; retained: number }> };
    const table = page.getByTestId('agents-table');
    await expect(table.locator('tbody tr')).toHaveCount(all.rows.length);
    await expect(page.getByTestId('trust-embedded')).toContainText(`${all.trust.embedded!.retained.toLocaleString('id-ID')} dari ${all.trust.embedded!.cohort.toLocaleString('id-ID')}`);
    await expect(page.getByTestId('trust-outside')).toContainText(idPercent(all.trust.outside!.rate));

    // Filter by a village: the URL keeps it, the table and the export follow.
    const village = all.rows[0]!.villageCode;
    await page.getByLabel('Desa agen').selectOption(village);
    await expect(page).toHaveURL(new RegExp(`village=${village.replace(/\./g, '\\.')}`));
    const expected = all.rows.filter((row) => row.villageCode === village);
    await expect(table.locator('tbody tr')).toHaveCount(expected.length);

    // Sorting by recruits, highest first (the default), then lowest first.
    await table.getByRole('button', { name: 'Rekrutan' }).click();
    const lowest = [...expected].sort((a, b) => a.recruits - b.recruits)[0]!;
    await expect(table.locator('tbody tr').first().locator('[data-column="recruits"]')).toHaveText(String(lowest.recruits));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').slice(1).trim().split('\r\n');
    expect(csv).toHaveLength(expected.length + 1);
    const header = csv[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['code', 'recruits', 'target', 'targetAttainment', 'incentive']));
  });

  test('an agent who stopped is marked as not working, never warned about the months without recruits', async ({ page }) => {
    const api = (await (await page.request.get('/api/v1/agents')).json()) as { rows: Array<AgentApiRow & { agentActive: boolean; inactivityFlag: boolean }> };
    const stopped = api.rows.filter((row) => !row.agentActive);
    expect(stopped.length).toBeGreaterThan(0);
    await page.goto('/agents');
    for (const agent of stopped) {
      expect(agent.inactivityFlag).toBe(false);
      const cell = page.locator(`tr[data-key="${agent.code}"] td[data-column="monthsSinceLastAcquisition"]`);
      await expect(cell).toContainText('tidak bertugas bulan ini');
      await expect(cell).not.toContainText('batas 3 bulan');
    }
    await page.goto(`/agents/${stopped[0]!.code}`);
    await expect(page.getByRole('region', { name: 'Bulan tanpa akuisisi' })).toContainText('tidak bertugas bulan ini');
  });

  test('screenshots of the agents table and an agent page, desktop and phone', async ({ page }) => {
    await page.goto('/agents');
    await expect(page.getByTestId('agents-table')).toBeVisible();
    await screenshot(page, 'agents-desktop');
    const list = (await (await page.request.get('/api/v1/agents')).json()).rows as AgentApiRow[];
    const busiest = [...list].sort((a, b) => b.recruits - a.recruits)[0]!;
    await page.goto(`/agents/${busiest.code}`);
    await expect(page.getByTestId('agent-series')).toBeVisible();
    await screenshot(page, 'agent-page-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/agents');
    await expect(page.getByTestId('agents-table')).toBeVisible();
    await screenshot(page, 'agents-phone');
    await page.goto(`/agents/${busiest.code}`);
    await expect(page.getByTestId('agent-series')).toBeVisible();
    await screenshot(page, 'agent-page-phone');
  });
});

test.describe('agents as a district official', () => {
  test.use({ storageState: storageStateFor('district') });

  test('gets aggregates with small cells as "<5" and no member list', async ({ page }) => {
    const rows = (await (await page.request.get('/api/v1/agents')).json()).rows as Array<Record<string, unknown>>;
    for (const row of rows) {
      for (const key of ['recruits', 'activeMembers', 'membersInArrears', 'claimsAssisted']) {
        const value = row[key];
        expect(value === '<5' || value === 'x' || (typeof value === 'number' && value >= 5) || value === 0 ? true : value).toBe(true);
      }
    }
    await page.goto(`/agents/${rows[0]!.code as string}`);
    await expect(page.getByText('Daftar peserta hanya untuk peran yang boleh melihat data pribadi.')).toBeVisible();
    await expect(page.getByTestId('agent-arrears')).toHaveCount(0);
  });
});
