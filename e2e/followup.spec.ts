// Issue 20 end to end, on a phone: the demo's agent opens their worklist at 390 px, records a paid
// revisit and a solidarity meeting, and their supervisor then sees the counts change. Plus the
// boundaries the access matrix cannot express: another agent's task and a stale version.
import { expect, screenshot, storageStateFor, test } from './fixtures';

const PHONE = { width: 390, height: 844 };

function counts(text: string | null) {
  const numbers = (text ?? '').match(/\d[\d.]*/g)?.map((n) => Number(n.replace(/\./g, ''))) ?? [];
  return { open: numbers[0]!, done: numbers[2]! };
}

test('an agent records a paid revisit and a meeting on a phone; the supervisor sees the counts change', async ({ browser }) => {
  const supervisor = await browser.newContext({ storageState: storageStateFor('supervisor') });
  const boss = await supervisor.newPage();
  await boss.goto('/followup');
  await expect(boss.getByTestId('observational-note')).toBeVisible();
  const before = counts(await boss.getByTestId('task-counts').textContent());

  const phone = await browser.newContext({ storageState: storageStateFor('agent'), viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tugas saya' })).toBeVisible();
  // Nothing wider than the phone: usable with one thumb, no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, 'agent-worklist-390');

  const open = page.getByTestId('open-tasks');
  const revisit = open.locator('[data-kind="revisit"]').first();
  const member = await revisit.getByRole('heading', { level: 2 }).textContent();
  // The same member may have entered arrears before: the card is found by its task.
  const revisitCard = `article[aria-labelledby="${await revisit.getAttribute('aria-labelledby')}"]`;
  // The NIK masked, the member's phone to call.
  await expect(revisit).toContainText(/NIK \d{4}••••••••\d{4}/);
  await expect(revisit.getByRole('link', { name: /^Telepon / })).toHaveAttribute('href', /^tel:/);
  // The form is folded under each card until opened.
  await expect(revisit.getByText('Sudah bayar', { exact: true })).toBeHidden();
  await revisit.getByText('Catat hasil kunjungan').click();
  await revisit.getByText('Sudah bayar', { exact: true }).click();
  await revisit.getByRole('button', { name: 'Simpan hasil' }).click();
  await expect(open.locator(revisitCard)).toHaveCount(0);
  await page.getByText(/^Sudah dicatat/).click();
  await expect(page.getByTestId('closed-tasks').locator(revisitCard)).toContainText('Sudah bayar');
  expect(member).toBeTruthy();

  const meeting = open.locator('[data-kind="solidarity"]').first();
  const meetingCard = `article[aria-labelledby="${await meeting.getAttribute('aria-labelledby')}"]`;
  await meeting.getByText('Catat pertemuan').click();
  await meeting.getByLabel('Jumlah yang hadir').fill('24');
  await meeting.getByRole('button', { name: 'Simpan pertemuan' }).click();
  await expect(page.getByTestId('closed-tasks').locator(meetingCard)).toContainText('24 orang hadir');
  await screenshot(page, 'agent-worklist-390-recorded');

  await page.goto('/tasks/figures');
  await expect(page.getByTestId('agent-figures')).toBeVisible();
  await screenshot(page, 'agent-figures-390');

  await boss.reload();
  const after = counts(await boss.getByTestId('task-counts').textContent());
  expect(after.done).toBe(before.done + 2);
  expect(after.open).toBe(before.open - 2);
  await screenshot(boss, 'followup-supervisor');
  await phone.close();
  await supervisor.close();
});

test('an agent cannot change another agent’s task, and a stale version is refused', async ({ browser }) => {
  const officer = await browser.newContext({ storageState: storageStateFor('officer') });
  const all = (await (await officer.request.get('/api/v1/tasks?state=open')).json()).rows as { id: number; agentCode: string | null; version: number; kind: string }[];
  const others = all.find((task) => task.agentCode !== 'PRS-001' && task.kind === 'revisit')!;
  const agent = await browser.newContext({ storageState: storageStateFor('agent') });
  const refused = await agent.request.patch(`/api/v1/tasks/${others.id}`, {
    data: { action: 'record', version: others.version, outcome: 'paid', doneOn: new Date().toISOString().slice(0, 10) },
  });
  expect(refused.status()).toBe(404);
  const own = ((await (await agent.request.get('/api/v1/tasks?state=open')).json()).rows as typeof all).find((task) => task.kind === 'revisit')!;
  const stale = await agent.request.patch(`/api/v1/tasks/${own.id}`, { data: { action: 'cancel', version: own.version } });
  expect(stale.status()).toBe(403); // cancelling is a supervisor's
  const conflict = await agent.request.patch(`/api/v1/tasks/${own.id}`, {
    data: { action: 'record', version: own.version + 1, outcome: 'unreachable', doneOn: new Date().toISOString().slice(0, 10) },
  });
  expect(conflict.status()).toBe(409);
  // An agent's figures come from their own pages only: the district's summary is refused.
  expect((await agent.request.get('/api/v1/summary')).status()).toBe(403);
  await agent.close();
  await officer.close();
});

// The agent's pages load on a phone over a slow connection: no chart library (Recharts' class names and
// d3-geo's stream survive minification), and the first-load JavaScript is logged for the closing note.
test('the agent’s pages ship no chart library', async ({ browser }) => {
  for (const path of ['/tasks', '/tasks/figures']) {
    // A fresh context each: nothing from the browser's cache.
    const context = await browser.newContext({ storageState: storageStateFor('agent'), viewport: PHONE, isMobile: true });
    const page = await context.newPage();
    const scripts: Promise<{ bytes: number; text: string }>[] = [];
    let loaded = false;
    page.on('response', (response) => {
      if (loaded || response.request().resourceType() !== 'script') return;
      scripts.push(Promise.all([response.request().sizes(), response.body()]).then(([sizes, body]) => ({ bytes: sizes.responseBodySize, text: body.toString('utf8') })));
    });
    await page.goto(path, { waitUntil: 'load' });
    loaded = true;
    const loadedScripts = await Promise.all(scripts);
    const bytes = loadedScripts.reduce((sum, s) => sum + s.bytes, 0);
    console.log(`[agent pages] ${path}: ${loadedScripts.length} scripts, ${(bytes / 1000).toFixed(1)} kB transferred at load`);
    expect(loadedScripts.some((s) => /recharts-(wrapper|surface)|Sphere:function\(/.test(s.text))).toBe(false);
    await context.close();
  }
});
