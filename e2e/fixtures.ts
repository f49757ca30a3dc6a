import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'payung-demo';

export const ROLES = {
  admin: 'admin@payung.test',
  officer: 'officer@payung.test',
  district: 'district@payung.test',
  supervisor: 'supervisor@payung.test',
  supervisor2: 'supervisor2@payung.test',
  agent: 'agent@payung.test',
} as const;
export type DemoRole = keyof typeof ROLES;

/**
 * A BPJS officer whose account is limited to one village: not a demo user, made by auth.setup.ts through
 * the admin form as an installation would make one.
 */
export const VILLAGE_OFFICER = { email: 'officer-village@payung.test', region: '33.02.14.2011', password: 'petugas-desa-uji-2026' } as const;
export type SignedInRole = DemoRole | 'villageOfficer';

export const storageStateFor = (role: SignedInRole) => path.join(__dirname, '.auth', `${role}.json`);

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/kata sandi|password/i).fill(password);
  await page.getByRole('button', { name: /^(masuk|sign in)$/i }).click();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(__dirname, 'screenshots', `${name}.png`), fullPage: true });
}

export { base as test, expect };
