import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox','--headless','--disable-gpu','--allow-file-access-from-files'] });
const page = await browser.newPage({ viewport: { width: 1458, height: 1200 } });
const ys = process.argv.slice(2);
await page.goto(`file:///tmp/view.html`);
await page.waitForFunction(() => document.images[0].complete);
console.log(await page.evaluate(() => document.images[0].naturalHeight));
let n = 0;
for (const y of ys) {
  await page.screenshot({ path: `/tmp/plan-crop-${n++}.png`, clip: { x: 0, y: Number(y), width: 1458, height: 1200 }, fullPage: true });
}
await browser.close();
