import { expect, test } from '@playwright/test';
import { ROLES, signIn, storageStateFor, VILLAGE_OFFICER, type DemoRole } from './fixtures';
import { createUserAsAdmin } from './helpers';

for (const role of Object.keys(ROLES) as DemoRole[]) {
  test(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, ROLES[role]);
    // An agent's home is their worklist.
    await expect(page.getByRole('heading', { level: 1, name: role === 'agent' ? 'Tugas saya' : 'Ringkasan' })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}

test('sign in as an officer limited to one village', async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStateFor('admin') });
  await createUserAsAdmin(await admin.newPage(), VILLAGE_OFFICER.email, {
    name: 'Wulan Pratiwi',
    region: VILLAGE_OFFICER.region,
    password: VILLAGE_OFFICER.password,
  });
  await admin.close();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, VILLAGE_OFFICER.email, VILLAGE_OFFICER.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Ringkasan' })).toBeVisible();
  await context.storageState({ path: storageStateFor('villageOfficer') });
  await context.close();
});
