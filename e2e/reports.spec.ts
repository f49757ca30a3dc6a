import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { smtpPort } from '../playwright.config';
import { expect, screenshot, storageStateFor, test } from './fixtures';

// The monthly report by e-mail as people use it: a district official subscribes from their account
// page, the admin sends it now and sees the delivery, and the mail's link unsubscribes without signing
// in. The server sends to a real SMTP server started here on loopback (playwright.config.ts: SMTP_URL).

const SIGNED_OUT = { cookies: [], origins: [] };
const DISTRICT = 'district@payung.test';

test.describe.configure({ mode: 'serial' });

const received: ParsedMail[] = [];
let smtp: SMTPServer;

test.beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

test('a district official subscribes from their account page', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor('district') });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'Akun saya' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Akun saya' })).toBeVisible();
  await expect(page.getByTestId('subscription-status')).toHaveText('Anda tidak berlangganan.');
  const form = page.getByRole('form', { name: 'Laporan bulanan lewat email' });
  await form.getByLabel('Bahasa laporan').selectOption({ label: 'Bahasa Indonesia' });
  await form.getByRole('button', { name: 'Berlangganan' }).click();
  await expect(form.getByRole('status')).toContainText(`Langganan disimpan: laporan dikirim ke ${DISTRICT}`);
  await expect(page.getByTestId('subscription-status')).toContainText('Anda berlangganan sejak');
  await expect(form.getByRole('button', { name: 'Berhenti berlangganan' })).toBeVisible();
  await screenshot(page, 'account-subscribed');
  await context.close();
});

test('the admin sends the report now and sees the delivery, never twice', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor('admin') });
  const page = await context.newPage();
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Laporan bulanan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Laporan bulanan' })).toBeVisible();
  await expect(page.getByText('Belum ada pengiriman.')).toBeVisible();

  const subscriber = page.getByRole('region', { name: /^Pelanggan/ }).getByRole('row').filter({ hasText: DISTRICT });
  await subscriber.getByRole('button', { name: `Kirim laporan sekarang ke ${DISTRICT}` }).click();
  await expect(subscriber.getByRole('status')).toContainText(`terkirim ke ${DISTRICT}`);
  await expect.poll(() => received.length).toBe(1);
  const [mail] = received;
  expect(mail!.subject).toMatch(/^Payung · Laporan bulanan \w+ \d{4} · Ajibarang$/);
  expect(mail!.attachments[0]?.filename).toMatch(/^payung-laporan-\d{4}-\d{2}\.xlsx$/);
  expect(mail!.text).not.toMatch(/\b\d{16}\b/);

  const deliveries = page.getByRole('region', { name: /^Pengiriman/ });
  const delivery = deliveries.getByRole('row').filter({ hasText: DISTRICT });
  await expect(delivery).toContainText('Terkirim');
  await expect(delivery).toContainText('admin@payung.test');

  await subscriber.getByRole('button', { name: `Kirim laporan sekarang ke ${DISTRICT}` }).click();
  await expect(subscriber.getByRole('alert')).toContainText('tidak dikirim dua kali');
  expect(received).toHaveLength(1);
  await screenshot(page, 'admin-reports');
  await context.close();
});

test("the mail's link unsubscribes with one click, without signing in", async ({ browser }) => {
  const link = /https?:\/\/\S+\/api\/reports\/unsubscribe\?token=[\w.-]+/.exec(received[0]?.text ?? '')?.[0];
  expect(link).toBeDefined();
  const visitor = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await visitor.newPage();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/unsubscribe\?token=/);
  await expect(page.getByRole('status')).toHaveText(
    `Anda telah berhenti berlangganan laporan bulanan Payung untuk ${DISTRICT}. Tidak ada email laporan lagi.`,
  );
  await screenshot(page, 'unsubscribed');
  await page.getByRole('button', { name: 'Berlangganan lagi' }).click();
  await expect(page.getByRole('status')).toHaveText(`Langganan laporan bulanan Payung untuk ${DISTRICT} aktif.`);
  await visitor.close();

  // The unsubscribe is in the audit log.
  const admin = await browser.newContext({ storageState: storageStateFor('admin') });
  const adminPage = await admin.newPage();
  await adminPage.goto('/admin/audit?action=report_unsubscribe');
  await expect(adminPage.getByRole('cell', { name: 'report_unsubscribe' })).toBeVisible();
  await admin.close();
});
