// Helpers for tests that speak HTTP below the browser: from a chosen source address (the configured
// proxy, playwright.config.ts), with headers a browser would never let a page set.
import http from 'node:http';
import { expect, type Page } from '@playwright/test';

/** The address the e2e server trusts as its reverse proxy (PAYUNG_TRUSTED_PROXIES in playwright.config.ts). */
export const TRUSTED_PROXY = '127.0.0.2';
export const TEST_PASSWORD = 'kata-sandi-uji-123';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  setCookies: string[];
  body: string;
}

export function rawRequest(
  baseURL: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            setCookies: response.headers['set-cookie'] ?? [],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const cookiePairs = (setCookies: string[]) => setCookies.map((cookie) => cookie.split(';')[0]).join('; ');

/** Signs in through next-auth's own endpoints, as the sign-in form does. */
export async function signInOverHttp(
  baseURL: string,
  args: { email: string; password: string; headers?: Record<string, string>; localAddress?: string },
): Promise<RawResponse> {
  const csrf = await rawRequest(baseURL, '/api/auth/csrf', { headers: args.headers, localAddress: args.localAddress });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email: args.email, password: args.password, json: 'true' }).toString();
  const response = await rawRequest(baseURL, '/api/auth/callback/credentials', {
    method: 'POST',
    headers: {
      ...args.headers,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookiePairs(csrf.setCookies),
    },
    body,
    localAddress: args.localAddress,
  });
  return { ...response, setCookies: [...csrf.setCookies, ...response.setCookies] };
}

/** Creates a user through the admin form (the page must be signed in as admin). */
export async function createUserAsAdmin(
  page: Page,
  email: string,
  options: { role?: string; region?: string; password?: string; name?: string } = {},
) {
  await page.goto('/admin');
  const form = page.getByRole('form', { name: 'Tambah pengguna' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Nama').fill(options.name ?? 'Pengguna Uji');
  await form.getByLabel('Peran').selectOption({ label: options.role ?? 'Petugas BPJS' });
  if (options.region) await form.getByLabel('Cakupan wilayah').selectOption(options.region);
  await form.getByLabel('Kata sandi awal').fill(options.password ?? TEST_PASSWORD);
  await form.getByRole('button', { name: 'Tambah pengguna' }).click();
  await expect(page.getByText(`Pengguna ${email} dibuat.`)).toBeVisible();
}
