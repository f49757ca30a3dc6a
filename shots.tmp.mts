import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './scripts/chromium';
const base = 'http://127.0.0.1:3211';
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${base}/login`);
await page.getByLabel('Email').fill('admin@kantor.go.id');
await page.getByLabel('Kata sandi').fill('rahasia-kantor-2026');
await page.getByRole('button', { name: 'Masuk' }).click();
await page.waitForURL(`${base}/`);
for (const [name, path] of [['overview', '/'], ['villages', '/villages'], ['map', '/map'], ['regency', '/villages?region=33.02'], ['admin', '/admin'], ['boundaries', '/admin/boundaries'], ['members', '/members'], ['agents', '/agents'], ['communities', '/communities'], ['claims', '/claims'], ['worklist', '/worklist'], ['targets', '/targets']] as const) {
  const response = await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle');
  console.log(name, response?.status(), (await page.locator('h1').first().textContent())?.trim());
  await page.screenshot({ path: `/tmp/service-shots/${name}.png`, fullPage: true });
}
for (const path of ['/api/v1/summary', '/api/v1/coverage?by=village', '/api/v1/map?metric=coverageRate', '/api/v1/coverage?by=village&format=csv', '/api/v1/agents', '/api/v1/claims/summary', '/api/v1/trend?metric=coverageRate&from=2026-01&to=2026-03']) {
  const r = await page.request.get(`${base}${path}`);
  const text = await r.text();
  console.log(path, r.status(), text.slice(0, 400).replace(/\n/g, ' | '));
}
await browser.close();
