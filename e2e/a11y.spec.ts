import crypto from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, storageStateFor, test, VILLAGE_OFFICER, type SignedInRole } from './fixtures';

// axe-core over every page each role may open, failing on serious and critical violations. Cheap by
// design (the whole e2e suite has a time budget): one browser context per role, each page visited once,
// and only the WCAG 2.0/2.1/2.2 A and AA rules (no best-practice rules, which are the slow half).

type Role = SignedInRole;
const EVERYONE: Role[] = ['admin', 'officer', 'villageOfficer', 'district', 'supervisor'];
const PERSONAL: Role[] = ['admin', 'officer', 'villageOfficer', 'supervisor'];
const OFFICE: Role[] = ['admin', 'officer', 'villageOfficer'];

/** The pages of e2e/access-matrix.spec.ts that answer 200, with who may open them. */
const PAGES: { path: string; roles: Role[] }[] = [
  { path: '/', roles: EVERYONE },
  { path: '/map', roles: EVERYONE },
  { path: '/villages', roles: EVERYONE },
  { path: `/villages/${VILLAGE_OFFICER.region}`, roles: EVERYONE },
  { path: '/communities', roles: EVERYONE },
  { path: '/worklist', roles: EVERYONE },
  { path: '/targets', roles: EVERYONE },
  { path: '/members', roles: PERSONAL },
  { path: '/claims', roles: EVERYONE },
  { path: '/claims/new', roles: OFFICE },
  { path: '/agents', roles: EVERYONE },
  { path: '/imports', roles: OFFICE },
  { path: '/account', roles: EVERYONE },
  { path: '/admin', roles: ['admin'] },
  { path: '/admin/audit', roles: ['admin'] },
  { path: '/admin/boundaries', roles: ['admin'] },
  { path: '/admin/reports', roles: ['admin'] },
];

/** Detail pages, reached through a record the role can see (asked of the API it already has). */
async function detailPages(page: Page, role: Role): Promise<string[]> {
  const first = async (url: string) => {
    const response = await page.request.get(url);
    if (!response.ok()) return undefined;
    const json = (await response.json()) as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
    return (Array.isArray(json) ? json : (json.rows ?? []))[0];
  };
  const paths: string[] = [];
  const agent = await first('/api/v1/agents');
  if (agent) paths.push(`/agents/${String(agent.code)}`);
  const community = await first('/api/v1/communities');
  if (community) paths.push(`/communities/${String(community.id)}`);
  if (role !== 'district') {
    const claim = await first('/api/v1/claims');
    if (claim) paths.push(`/claims/${String(claim.number)}`);
  }
  return paths;
}

interface Found {
  path: string;
  rule: string;
  impact: string;
  nodes: string[];
}

/**
 * The main content already checked in this run, by its markup: another role that gets the very same
 * content (an officer and the admin often do) has only the rest of its page checked.
 */
const checkedMain = new Set<string>();
let mainsSkipped = 0;

async function audit(page: Page, path: string): Promise<Found[]> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // What arrives after the page: React Query islands (aria-busy), the maps (placeholders) and the
  // interactive charts, which replace their server-drawn sketches once the page is idle.
  await page.waitForFunction(
    () => document.readyState === 'complete' && !document.querySelector('[aria-busy="true"], [data-chart="sketch"], .skeleton'),
  );
  const main = crypto.createHash('sha256').update(await page.locator('main').evaluate((element) => element.outerHTML)).digest('hex');
  const builder = new AxeBuilder({ page });
  if (checkedMain.has(main)) {
    builder.exclude('main');
    mainsSkipped += 1;
  }
  checkedMain.add(main);
  const result = await builder
    // target-size is WCAG 2.2 AA (wcag22aa); the other tags are the 2.0/2.1 A and AA rules.
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    // Only the violations are wanted, and axe.run in the page itself: the default (runPartial, then
    // finishRun in a second, blank page) and the full report cost several times as much per page.
    // Payung has no cross-origin frames, which is what the default mode is for.
    .options({ resultTypes: ['violations'] })
    .setLegacyMode()
    .analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      path,
      rule: violation.id,
      impact: violation.impact ?? '',
      nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
}

test.describe('accessibility (axe, WCAG A/AA): no serious or critical violation', () => {
  test('the sign-in page', async ({ page }) => {
    expect(await audit(page, '/login')).toEqual([]);
  });

  for (const role of ['admin', 'officer', 'villageOfficer', 'district', 'supervisor'] as const) {
    test.describe(`as ${role}`, () => {
      test.use({ storageState: storageStateFor(role) });

      test('every page the role can open', async ({ page }) => {
        test.setTimeout(180_000);
        const paths = [...PAGES.filter((entry) => entry.roles.includes(role)).map((entry) => entry.path), ...(await detailPages(page, role))];
        const found: Found[] = [];
        for (const path of paths) found.push(...(await audit(page, path)));
        console.log(`[a11y] ${role}: ${paths.length} pages (main content already checked for another role: ${mainsSkipped} so far)`);
        if (found.length) console.log(`[a11y] ${role}:\n${JSON.stringify(found, null, 1)}`);
        expect(found).toEqual([]);
      });
    });
  }
});
