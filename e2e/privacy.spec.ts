import { generateDemo } from '../db/seed/demo';
import { todayInJakarta } from '@/domain/month';
import { expect, screenshot, storageStateFor, test } from './fixtures';

// The server seeded the deterministic demo as of today, so the same generator tells us every member's
// personal data: none of it may reach a district official, in HTML, JSON or CSV.
const demo = generateDemo(todayInJakarta());
// Names a district official may legitimately read: users, agents, communities.
const otherNames = [
  ...demo.users.map((user) => user.name),
  ...demo.agents.map((agent) => agent.name),
  ...demo.communities.map((community) => community.name),
];
const wholeWord = (name: string) => new RegExp(`(?<!\\p{L})${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u');
const niks = new Set(demo.members.map((member) => member.nik));
const phones = new Set(demo.members.flatMap((member) => (member.phone ? [member.phone] : [])));
// A member whose name is part of such a name could be named for that other reason.
const names = [...new Set(demo.members.map((member) => member.name))]
  .filter((name) => !otherNames.some((other) => wholeWord(name).test(other)))
  .map((name) => ({ name, pattern: wholeWord(name) }));

function findPersonalData(text: string): string[] {
  const found: string[] = [];
  for (const match of text.match(/\d{16}/g) ?? []) if (niks.has(match)) found.push(`NIK ${match}`);
  for (const match of text.match(/08\d{8,11}/g) ?? []) if (phones.has(match)) found.push(`phone ${match}`);
  for (const { name, pattern } of names) if (pattern.test(text)) found.push(`name ${name}`);
  return found;
}

const VILLAGES = Array.from({ length: 15 }, (_, i) => `33.02.14.${2001 + i}`);

test.describe('a district official', () => {
  test.use({ storageState: storageStateFor('district') });

  test('never receives a member’s NIK, name or phone, in pages, JSON or CSV', async ({ page, request }) => {
    expect(names.length).toBeGreaterThan(500);
    const responses: Array<{ url: string; body: string }> = [];
    for (const path of ['/', '/?period=2026-01', '/?region=33.02.14.2011']) {
      await page.goto(path);
      responses.push({ url: path, body: await page.content() });
    }
    for (const region of ['33.02.14', ...VILLAGES]) {
      for (const format of ['json', 'csv']) {
        const url = `/api/v1/summary?region=${region}&format=${format}`;
        responses.push({ url, body: await (await request.get(url)).text() });
      }
    }
    for (const url of ['/api/v1/members', '/api/v1/members?format=csv']) {
      responses.push({ url, body: await (await request.get(url)).text() });
    }
    for (const { url, body } of responses) expect(findPersonalData(body), url).toEqual([]);
  });

  test('sees "<5" where a cell is built from fewer than five persons', async ({ request, browser }) => {
    const officer = await browser.newContext({ storageState: storageStateFor('officer') });
    let smallCells = 0;
    for (const region of VILLAGES) {
      const full = await (await officer.request.get(`/api/v1/summary?region=${region}`)).json();
      const shown = await (await request.get(`/api/v1/summary?region=${region}`)).json();
      const csv = await (await request.get(`/api/v1/summary?region=${region}&format=csv`)).text();
      for (const key of ['activeMembers', 'newEnrolments', 'lapsedMembers', 'claimsPaidCount', 'reactivatedMembers']) {
        if (full[key] < 5) {
          smallCells += 1;
          expect(shown[key], `${region} ${key}`).toBe('<5');
        } else {
          // The number, or "x" where it is withheld so that a "<5" beside it cannot be worked out.
          expect([full[key], 'x'], `${region} ${key}`).toContain(shown[key]);
        }
      }
      if (full.claimsPaidCount < 5) expect(shown.claimsPaidAmount).toBe('<5');
      expect(csv.includes('<5')).toBe(Object.values(shown).includes('<5'));
    }
    expect(smallCells).toBeGreaterThan(0);
    await officer.close();
  });
});

// Complementary suppression: a "<5" must not come back as total − the other cells. The overview's cards
// (/api/v1/summary, the same contract the page renders) give the district's totals; the breakdown by sex
// (the district's and each village's, the pages' tables and their CSV) must then hide a second cell.
const ADDITIVE = ['activeMembers', 'newEnrolments', 'lapsedMembers', 'pendingMembers', 'reactivatedMembers', 'endedMembers', 'claimsPaidCount'] as const;

test.describe('a district official and subtraction', () => {
  test.use({ storageState: storageStateFor('district') });

  test('cannot work out a "<5" pending-by-sex (or any sex figure) from the overview’s total', async ({ page, request, browser }) => {
    const officer = await browser.newContext({ storageState: storageStateFor('officer') });
    let smallSeen = 0;
    for (const region of ['33.02.14', ...VILLAGES]) {
      const total = await (await request.get(`/api/v1/summary?region=${region}`)).json();
      const bySex = await (await request.get(`/api/v1/coverage?by=sex&region=${region}`)).json();
      const truth = await (await officer.request.get(`/api/v1/coverage?by=sex&region=${region}`)).json();
      for (const key of ADDITIVE) {
        const cells: Array<number | string> = bySex.rows.map((row: Record<string, number | string>) => row[key]);
        const hidden = cells.filter((v) => typeof v !== 'number').length;
        if (cells.includes('<5')) smallSeen += 1;
        // Exactly one hidden sex under a shown total is what "8 − 7 = 1" read.
        if (typeof total[key] === 'number') expect(hidden, `${region} ${key} ${JSON.stringify(cells)} of ${total[key]}`).not.toBe(1);
        bySex.rows.forEach((row: Record<string, unknown>, i: number) => {
          if (typeof row[key] === 'number') expect(row[key], `${region} ${key}`).toBe(truth.rows[i][key]);
        });
      }
    }
    expect(smallSeen).toBeGreaterThan(0);

    // What a person reads: the overview's pending total (its card help) and the village page's sex table.
    await page.goto('/');
    await expect(page.getByText(/"x"/).first()).toBeVisible();
    const village = VILLAGES.find(Boolean)!;
    await page.goto(`/villages/${village}`);
    const table = page.getByTestId('breakdown-sex');
    await expect(table).toBeVisible();
    await screenshot(page, 'village-sex-breakdown-district');
    await officer.close();
  });
});
