import { expect, test } from '@playwright/test';
import { ROLES, signIn, storageStateFor, type DemoRole } from './fixtures';

for (const role of Object.keys(ROLES) as DemoRole[]) {
  test(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, ROLES[role]);
    await expect(page.getByRole('heading', { level: 1, name: 'Ringkasan' })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
