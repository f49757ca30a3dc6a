import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './scripts/chromium';

// The e2e run serves the production build on its own port and its own fresh embedded database
// (scripts/e2e.mjs prepares both). Playwright never downloads a browser: it drives Debian's Chromium.
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
/** The SMTP server e2e/reports.spec.ts starts on loopback; the app sends its report mails there. */
export const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 64);

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, dependencies: ['setup'] },
  ],
  webServer: {
    command: 'node scripts/server.mjs',
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PGLITE_DIR: process.env.E2E_PGLITE_DIR ?? '.data/e2e-pglite',
      NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production-0123456789',
      NEXTAUTH_URL: baseURL,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SMTP_FROM: 'Payung <laporan@payung.test>',
      DATABASE_URL: '',
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: '1',
      // e2e/helpers.ts TRUSTED_PROXY: tests reach the server from it to play the reverse proxy.
      PAYUNG_TRUSTED_PROXIES: '127.0.0.2',
    },
  },
});
