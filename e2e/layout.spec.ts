import type { Page } from '@playwright/test';
import { expect, screenshot, storageStateFor, test, VILLAGE_OFFICER } from './fixtures';

// Tables that fit the screens offices use: at 1366 and 1280 px no page scrolls sideways and no table runs
// past the viewport's right edge; on a 390 px phone a wide table scrolls inside its own box (never the
// page) with its first column in view. As the admin, who opens every page; each page is loaded once
// and looked at in the three widths.

const WIDTHS = [1366, 1280, 390] as const;
const PATHS = [
  '/',
  '/map',
  '/villages',
  `/villages/${VILLAGE_OFFICER.region}`,
  '/communities',
  '/worklist',
  '/targets',
  '/members',
  '/claims',
  '/claims/new',
  '/agents',
  '/imports',
  '/account',
  '/admin',
  '/admin/audit',
  '/admin/boundaries',
  '/admin/reports',
];

interface TableBox {
  name: string;
  /** The table's right edge, in px from the viewport's left. */
  right: number;
  /** The nearest ancestor that scrolls sideways: its right edge, and whether the table overflows it. */
  box: { right: number; overflows: boolean } | null;
  /** The first body row's name cell (its row header, else its first cell): where it sits, and where it sits once the box is scrolled to its end. */
  firstCell: { left: number; right: number; width: number; leftScrolled: number; boxLeft: number } | null;
}

interface Layout {
  innerWidth: number;
  scrollWidth: number;
  tables: TableBox[];
}

const measure = (page: Page): Promise<Layout> =>
  page.evaluate(() => {
    const tables = [...document.querySelectorAll('main table')]
      .filter((table) => (table as HTMLElement).offsetParent !== null)
      .map((table, index): TableBox => {
        let box: HTMLElement | null = table.parentElement;
        while (box && box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
        const scroller = box && box !== document.body ? box : null;
        const cell = table.querySelector<HTMLElement>("tbody tr > th[scope='row']") ?? table.querySelector<HTMLElement>('tbody tr > :first-child');
        let firstCell: TableBox['firstCell'] = null;
        if (cell) {
          const before = cell.getBoundingClientRect();
          let leftScrolled = before.left;
          if (scroller) {
            const start = scroller.scrollLeft;
            scroller.scrollLeft = scroller.scrollWidth;
            leftScrolled = cell.getBoundingClientRect().left;
            scroller.scrollLeft = start;
          }
          firstCell = {
            left: before.left,
            right: before.right,
            width: before.width,
            leftScrolled,
            boxLeft: scroller ? scroller.getBoundingClientRect().left : 0,
          };
        }
        return {
          name: (table as HTMLElement).dataset.testid ?? `table ${index + 1}`,
          right: table.getBoundingClientRect().right,
          box: scroller ? { right: scroller.getBoundingClientRect().right, overflows: scroller.scrollWidth > scroller.clientWidth + 1 } : null,
          firstCell,
        };
      });
    return { innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, tables };
  });

/** What is wrong with a page's layout at its width: an empty list when it fits. */
function faults(layout: Layout): string[] {
  const found: string[] = [];
  const width = layout.innerWidth;
  if (layout.scrollWidth > width) found.push(`the page scrolls sideways (${layout.scrollWidth} > ${width})`);
  for (const table of layout.tables) {
    if (width >= 1280) {
      if (table.right > width + 1) found.push(`${table.name} runs past the right edge (${Math.round(table.right)})`);
      if (table.box?.overflows) found.push(`${table.name} scrolls sideways in its box`);
      continue;
    }
    if (table.right <= width + 1) continue;
    if (!table.box) {
      found.push(`${table.name} runs past the right edge with no box of its own to scroll in`);
      continue;
    }
    if (table.box.right > width + 1) found.push(`${table.name}'s scrolling box runs past the right edge`);
    const cell = table.firstCell;
    if (cell && (cell.left < 0 || cell.right > width || cell.width < 64)) found.push(`${table.name}'s first column is not readable`);
    if (cell && cell.leftScrolled < cell.boxLeft - 1) found.push(`${table.name}'s first column scrolls out of view`);
  }
  return found;
}

test.use({ storageState: storageStateFor('admin') });

test('every page fits 1366 and 1280 px screens, and a phone scrolls wide tables in their own box', async ({ page }) => {
  test.setTimeout(120_000);
  const agent = ((await (await page.request.get('/api/v1/agents')).json()).rows as { code: string }[])[0]!;
  const community = ((await (await page.request.get('/api/v1/communities')).json()).rows as { id: number }[])[0]!;
  const claim = ((await (await page.request.get('/api/v1/claims')).json()).rows as { number: string }[])[0]!;
  const paths = [...PATHS, `/agents/${agent.code}`, `/communities/${community.id}`, `/claims/${claim.number}`];

  const problems: string[] = [];
  for (const path of paths) {
    await page.setViewportSize({ width: WIDTHS[0], height: 768 });
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width < 600 ? 844 : 768 });
      // Charts and maps redraw for the new width after a resize: ask again until the layout settles.
      let last: string[] = [];
      try {
        await expect.poll(async () => (last = faults(await measure(page))), { timeout: 5_000 }).toEqual([]);
      } catch {
        problems.push(...last.map((fault) => `${path} at ${width} px: ${fault}`));
      }
    }
  }
  expect(problems).toEqual([]);
});

test('the agents table and the claims register, at 1366 px and on a phone', async ({ page }) => {
  for (const [width, height] of [[1366, 768], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/agents');
    await expect(page.getByTestId('agents-table')).toBeVisible();
    await screenshot(page, `agents-${width}`);
    await page.goto('/claims');
    await expect(page.getByTestId('claims-table')).toBeVisible();
    await screenshot(page, `claims-${width}`);
  }
  // The columns left out for width are one click away, and back.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/agents');
  const table = page.getByTestId('agents-table');
  await expect(table.getByRole('columnheader', { name: 'Insentif' })).toHaveCount(0);
  await page.getByRole('button', { name: /Tampilkan semua kolom/ }).click();
  await expect(table.getByRole('columnheader', { name: 'Insentif' })).toBeVisible();
  await page.getByRole('button', { name: 'Tampilkan kolom utama saja' }).click();
  await expect(table.getByRole('columnheader', { name: 'Insentif' })).toHaveCount(0);
});
