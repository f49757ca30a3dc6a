// First-load JavaScript of each main page: the page opened signed in, in a fresh browser context (empty
// cache), and the transferred (gzip) sizes of the scripts it loads summed. Also says which pages ship
// Recharts or d3-geo, which only the pages with a chart or a map should.
import { chromium, type Browser, type Response } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../chromium';
import type { Fixtures, RoleName } from './fixtures';
import type { Session } from './http';
import { log } from './run';

export const JS_BUDGET_BYTES = 250_000;

// Strings that survive minification: Recharts' CSS class names, d3-geo's stream of GeoJSON types.
const FINGERPRINTS = { recharts: /recharts-(wrapper|surface)/, 'd3-geo': /Sphere:function\(/ } as const;
type Library = keyof typeof FINGERPRINTS;

export interface PageJs {
  path: string;
  name: string;
  role: RoleName;
  /** Scripts loaded by the time of the `load` event. */
  scripts: number;
  transferredBytes: number;
  /** The same once the network is idle (late chunks, prefetched routes): for information. */
  idleScripts: number;
  idleTransferredBytes: number;
  decodedBytes: number;
  libraries: Library[];
  /** Transferred bytes of the scripts that carry each library (a chunk may hold other code too). */
  libraryBytes: Partial<Record<Library, number>>;
  met: boolean;
  status: number | null;
  error?: string;
}

interface PageSpec {
  name: string;
  path: string;
  role: RoleName;
}

export function jsPages(f: Fixtures): PageSpec[] {
  const officer = f.byRole.officer;
  const pages: PageSpec[] = [
    { name: '/', path: '/', role: 'officer' },
    { name: '/map', path: '/map', role: 'officer' },
    { name: '/villages', path: '/villages', role: 'officer' },
    { name: '/villages/[code]', path: `/villages/${f.villageCode}`, role: 'officer' },
    { name: '/communities', path: '/communities', role: 'officer' },
    { name: '/communities/[id]', path: `/communities/${officer.communityId}`, role: 'officer' },
    { name: '/worklist', path: '/worklist', role: 'officer' },
    { name: '/targets', path: '/targets', role: 'officer' },
    { name: '/agents', path: '/agents', role: 'officer' },
    { name: '/agents/[code]', path: `/agents/${officer.agentCode}`, role: 'officer' },
    { name: '/claims', path: '/claims', role: 'officer' },
    { name: '/claims/[number]', path: `/claims/${encodeURIComponent(officer.claimNumber)}`, role: 'officer' },
    { name: '/claims/new', path: '/claims/new', role: 'officer' },
    { name: '/members', path: '/members', role: 'officer' },
    { name: '/imports', path: '/imports', role: 'officer' },
    // A supervisor's overview opens with the attention list of their agents.
    { name: '/', path: '/', role: 'supervisor' },
  ];
  return pages;
}

/** Pages that draw a chart (Recharts) or a map (d3-geo); the others should ship neither. */
export const PAGES_WITH_CHARTS = new Set(['/', '/villages/[code]', '/agents/[code]']);
export const PAGES_WITH_MAP = new Set(['/', '/map']);

interface Sized {
  url: string;
  transferred: number;
  decoded: number;
  libraries: Library[];
}

async function sizeOf(response: Response): Promise<Sized> {
  const [sizes, body] = await Promise.all([response.request().sizes(), response.body().catch(() => Buffer.alloc(0))]);
  const text = body.toString('utf8');
  const libraries = (Object.keys(FINGERPRINTS) as Library[]).filter((lib) => FINGERPRINTS[lib].test(text));
  return { url: response.url(), transferred: sizes.responseBodySize, decoded: body.length, libraries };
}

async function measurePage(browser: Browser, session: Session, spec: PageSpec): Promise<PageJs> {
  const context = await browser.newContext({ baseURL: session.baseUrl });
  await context.addCookies(session.cookieList.map(({ name, value }) => ({ name, value, url: session.baseUrl })));
  const page = await context.newPage();
  const pending: Array<{ atLoad: boolean; sized: Promise<Sized> }> = [];
  let loaded = false;
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'script' && !/\.m?js(\?|$)/.test(new URL(response.url()).pathname)) return;
    pending.push({ atLoad: !loaded, sized: sizeOf(response) });
  });
  let status: number | null = null;
  try {
    const response = await page.goto(spec.path, { waitUntil: 'load', timeout: 120_000 });
    status = response?.status() ?? null;
    loaded = true;
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {});
    const all = await Promise.all(pending.map(async (p) => ({ atLoad: p.atLoad, ...(await p.sized) })));
    const first = all.filter((s) => s.atLoad);
    const transferredBytes = first.reduce((sum, s) => sum + s.transferred, 0);
    return {
      path: spec.path,
      name: spec.name,
      role: spec.role,
      scripts: first.length,
      transferredBytes,
      idleScripts: all.length,
      idleTransferredBytes: all.reduce((sum, s) => sum + s.transferred, 0),
      decodedBytes: first.reduce((sum, s) => sum + s.decoded, 0),
      libraries: [...new Set(first.flatMap((s) => s.libraries))].sort(),
      libraryBytes: Object.fromEntries(
        (Object.keys(FINGERPRINTS) as Library[])
          .map((lib) => [lib, first.filter((s) => s.libraries.includes(lib)).reduce((sum, s) => sum + s.transferred, 0)] as const)
          .filter(([, bytes]) => bytes > 0),
      ),
      met: transferredBytes <= JS_BUDGET_BYTES,
      status,
    };
  } finally {
    await context.close();
  }
}

export async function measureFirstLoadJs(sessions: Record<RoleName, Session>, fixtures: Fixtures): Promise<PageJs[]> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const results: PageJs[] = [];
    for (const spec of jsPages(fixtures)) {
      const result = await measurePage(browser, sessions[spec.role], spec).catch(
        (error: unknown): PageJs => ({
          path: spec.path,
          name: spec.name,
          role: spec.role,
          scripts: 0,
          transferredBytes: 0,
          idleScripts: 0,
          idleTransferredBytes: 0,
          decodedBytes: 0,
          libraries: [],
          libraryBytes: {},
          met: false,
          status: null,
          error: (error as Error).message.split('\n')[0],
        }),
      );
      log(`  ${spec.role.padEnd(10)} ${spec.name}: ${(result.transferredBytes / 1000).toFixed(1)} kB in ${result.scripts} scripts${result.libraries.length ? ` (${result.libraries.join(', ')})` : ''}`);
      results.push(result);
    }
    return results;
  } finally {
    await browser.close();
  }
}
