// One figure everywhere (issue 19): for each role, every figure a page shows (cards, tables, the figures in
// a card's help line) is found with the same value in the v1 API and in the CSV and Excel exports of that
// view ("<5" and "x" included), and every heading (subtitle, print header, caption) names the period of
// the data the API returns. Disagreements are collected, so one run lists them all.
import type { Page } from '@playwright/test';
import { addMonths, currentMonth, latestCompleteMonth } from '@/domain/month';
import { PROGRAMS } from '@/domain/enums';
import { formatPeriod } from '@/domain/format';
import { id as messages } from '@/i18n/id';
import { expect, storageStateFor, test, type DemoRole } from './fixtures';
import { Ledger, periodOf, placeholders, readCards, readTable, surfaces, type ShownRow, type Surfaces, type Value } from './figures';

type Row = Record<string, unknown> & { key?: string };
type SummaryJson = Record<string, unknown> & { period: string; region: string; regionName: string; previousMonth?: Record<string, unknown>; sameMonthLastYear?: Record<string, unknown> & { period: string } };

const ROLES = ['admin', 'officer', 'district', 'supervisor'] as const satisfies readonly DemoRole[];
type CheckedRole = (typeof ROLES)[number];
const o = messages.overview;
const c = messages.coverage;

/** The summary cards: card label → the API field it shows. */
const SUMMARY_CARDS: Array<[string, string]> = [
  [o.activeMembers, 'activeMembers'],
  [o.coverageRate, 'coverageRate'],
  [o.newEnrolments, 'newEnrolments'],
  [o.lapsedMembers, 'lapsedMembers'],
  [o.lapseRate, 'lapseRate'],
  [o.reactivatedMembers, 'reactivatedMembers'],
  [o.contributionsCollected, 'contributionsCollected'],
  [o.claimsPaid, 'claimsPaidAmount'],
];

const asValue = (value: unknown): Value =>
  value === undefined || value === null ? null : typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value);

/** A flag as the API (true) or an export ("true") writes it. */
const yes = (value: unknown) => value === true || value === 'true';

/**
 * A page opened without `?period=` shows the API's default month: the view's endpoint asked without one
 * answers the month the page named.
 */
async function defaultMonthAgrees(page: Page, ledger: Ledger, where: string, pageUrl: string, apiUrl: string, period: string) {
  if (new URL(pageUrl, 'http://x').searchParams.has('period')) return;
  const json = (await (await page.request.get(apiUrl)).json()) as { period?: string };
  if (json.period !== period) ledger.fail(`${where}: ${apiUrl} answers ${json.period} by default, the page shows ${period}`);
}

/** A page with its data settled: no table or card set still fetching. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** The href of the page's own CSV download, without `format`: the view the page says it shows. */
async function exportedView(page: Page, scope = page.locator('body')): Promise<string> {
  const href = await scope.getByTestId('export-csv').first().getAttribute('href');
  const url = new URL(href!, 'http://x');
  url.searchParams.delete('format');
  return `${url.pathname}?${url.searchParams.toString()}`;
}

const exportsOf = (view: { csv: { rows: Row[] }; xlsx: { rows: Row[] } }) => ({ csv: view.csv.rows, xlsx: view.xlsx.rows });

function rowsBy<T extends Row>(rows: readonly T[], key: string): Map<string, T> {
  return new Map(rows.map((row) => [String(row[key]), row]));
}

/** Every figure of a drawn table against the API's row and the two exports' rows of the same key. */
function compareTable(
  ledger: Ledger,
  where: string,
  shown: ReadonlyArray<Omit<ShownRow, 'list'>>,
  api: readonly Row[],
  exports: { csv: readonly Row[]; xlsx: readonly Row[] },
  options: { exportKey?: (row: Row) => string; exportKeyField?: string; list?: readonly string[]; paged?: boolean } = {},
) {
  const byKey = rowsBy(api, 'key');
  const exportKey = options.exportKey ?? ((row: Row) => String(row.key));
  const field = options.exportKeyField ?? 'key';
  const csv = rowsBy(exports.csv, field);
  const xlsx = rowsBy(exports.xlsx, field);
  if (shown.length === 0) ledger.fail(`${where}: the table has no rows`);
  // Every row the view has is on the page (unless the page shows one page of them).
  if (!options.paged && shown.length !== api.length) ledger.fail(`${where}: the page shows ${shown.length} rows, the API has ${api.length}`);
  for (const row of shown) {
    const apiRow = byKey.get(row.key);
    if (!apiRow) {
      ledger.fail(`${where}: row ${row.key} (${row.name}) is not in the API`);
      continue;
    }
    if (row.name !== String(apiRow.name)) ledger.fail(`${where}: row ${row.key} named ${JSON.stringify(row.name)}, API ${JSON.stringify(apiRow.name)}`);
    const twins = { csv: csv.get(exportKey(apiRow)), xlsx: xlsx.get(exportKey(apiRow)) };
    for (const [column, text] of Object.entries(row.cells)) {
      const label = `${where} ${row.name} ${column}`;
      if (options.list?.includes(column)) {
        // A list: the page joins with ", ", the API gives an array, the exports join with "; ".
        const items = (apiRow[column] as string[]).join(', ');
        ledger.figure(label, 'api', text === '–' ? '' : text, items || null);
        for (const surface of ['csv', 'xlsx'] as const) {
          const exported = asValue(twins[surface]?.[column]);
          ledger.figure(label, surface, text === '–' ? '' : text, typeof exported === 'string' ? exported.split('; ').join(', ') : exported);
        }
        continue;
      }
      ledger.figure(label, 'api', text, asValue(apiRow[column]));
      for (const surface of ['csv', 'xlsx'] as const) {
        if (!twins[surface]) ledger.fail(`${label}: no ${surface} row`);
        else ledger.figure(label, surface, text, asValue(twins[surface][column]));
      }
    }
  }
  for (const surface of ['csv', 'xlsx'] as const) {
    if (exports[surface].length !== api.length) ledger.fail(`${where}: ${surface} has ${exports[surface].length} rows, the API ${api.length}`);
  }
}

/** An export's file name names the period, and so does its `period` column where it has one. */
function exportNamesPeriod(ledger: Ledger, where: string, view: { csv: { name: string; rows: Row[] }; xlsx: { name: string; rows: Row[] } }, period: string) {
  for (const surface of ['csv', 'xlsx'] as const) {
    if (!view[surface].name.includes(period)) ledger.fail(`${where}: ${surface} file ${view[surface].name} does not name ${period}`);
    const other = view[surface].rows.find((row) => 'period' in row && row.period !== period);
    if (other) ledger.fail(`${where}: a ${surface} row says period ${String(other.period)}, the data is ${period}`);
  }
}

/** The summary cards (value, the figures in their help line, their changes) against the summary view. */
async function compareSummaryCards(page: Page, ledger: Ledger, where: string, summaryUrl: string) {
  // The cards' comparisons come with compare=1 (the exports carry the month itself).
  const compared = new URL(summaryUrl, 'http://x');
  compared.searchParams.set('compare', '1');
  const view = await surfaces<SummaryJson>(page.request, `${compared.pathname}?${compared.searchParams.toString()}`);
  const api = view.json;
  const [csv = {}] = view.csv.rows;
  const [xlsx = {}] = view.xlsx.rows;
  const cards = await readCards(page.locator('.stat-grid').first());
  const check = (label: string, text: string, field: string) => {
    ledger.figure(`${where} ${label}`, 'api', text, asValue(api[field]));
    ledger.figure(`${where} ${label}`, 'csv', text, asValue(csv[field]));
    ledger.figure(`${where} ${label}`, 'xlsx', text, asValue(xlsx[field]));
  };
  for (const [shownLabel, field] of SUMMARY_CARDS) {
    // A supervisor's coverage card names what it is: their agents' share of the informal workforce.
    const label = field === 'coverageRate' && api.population === 'agents' ? o.agentsCoverageRate : shownLabel;
    const card = cards.get(label);
    if (!card) {
      ledger.fail(`${where}: no card ${label}`);
      continue;
    }
    // Where a coverage note stands instead of the rate, the API says the same note.
    check(label, card.value, field);
    // The figures inside the help line.
    const workforce = placeholders(api.population === 'agents' ? o.agentsCoverageRateHelp : o.coverageRateHelp, card.help)?.workforce;
    if (field === 'coverageRate' && workforce) check(`${label} (workforce)`, workforce, 'informalWorkforce');
    const paid = placeholders(o.claimsPaidHelp, card.help)?.count;
    if (field === 'claimsPaidAmount') {
      if (paid) check(`${label} (count)`, paid, 'claimsPaidCount');
      else ledger.fail(`${where}: ${label} help ${JSON.stringify(card.help)} names no count`);
    }
    const ended = /: ([^:]+)\.$/.exec(card.help)?.[1];
    if (field === 'lapsedMembers' && ended) check(`${label} (${o.endedMembers})`, ended, 'endedMembers');
    // "+3 dari bulan lalu", "−1,5 poin dari Oktober 2025": the change against the API's comparison months.
    for (const change of card.changes) {
      // "… dari bulan lalu" would also read as "… dari {period}": the previous month is tried first.
      const previous = placeholders(c.changeVsPrevious, change);
      const lastYear = previous ? null : placeholders(c.changeVsLastYear, change);
      const other = previous ? api.previousMonth : lastYear ? api.sameMonthLastYear : undefined;
      const text = previous?.change ?? lastYear?.change;
      if (!other || text === undefined) {
        ledger.fail(`${where}: ${label} change ${JSON.stringify(change)} matches no comparison the API gives`);
        continue;
      }
      if (lastYear) ledger.period(`${where} ${label} change`, lastYear.period!, [String(api.sameMonthLastYear?.period)]);
      const now = api[field];
      const then = other[field];
      const delta = typeof now === 'number' && typeof then === 'number' ? now - then : null;
      const shown = text === c.noChange ? '0' : text.replace(/^[+−±]/, '').replace(` ${c.points}`, '');
      ledger.figure(`${where} ${label} change`, 'api', shown, delta === null ? null : Math.abs(delta));
      ledger.noTwin('card changes against earlier months (API compare=1 only; the exports carry the month itself)');
    }
  }
  exportNamesPeriod(ledger, `${where} summary export`, view, api.period);
  return api;
}

/** The trend charts' month tables against /api/v1/trend (and its exports) for the months they show. */
async function compareTrendTables(page: Page, ledger: Ledger, where: string, region: string) {
  const figures = page.locator('.chart-grid figure');
  const panels: Array<[number, [string, string]]> = [
    [0, ['activeMembers', 'coverageRate']],
    [1, ['newEnrolments', 'lapsedMembers']],
  ];
  for (const [index, metrics] of panels) {
    const rows = await readTable(figures.nth(index).locator('details table'));
    const months = rows.map((row) => periodOf(row.name));
    if (months.length === 0 || months.some((m) => m === null)) {
      ledger.fail(`${where}: trend table ${index} months ${JSON.stringify(rows.map((r) => r.name))}`);
      continue;
    }
    const [from, to] = [months[0]!, months.at(-1)!];
    const views = await Promise.all(
      metrics.map((metric) =>
        surfaces<{ points: Array<{ period: string; value: Value }> }>(page.request, `/api/v1/trend?metric=${metric}&from=${from}&to=${to}&region=${region}`),
      ),
    );
    for (const [i, metric] of metrics.entries()) {
      const view = views[i]!;
      const points = rowsBy(view.json.points as unknown as Row[], 'period');
      const csv = rowsBy(view.csv.rows, 'period');
      const xlsx = rowsBy(view.xlsx.rows, 'period');
      rows.forEach((row, r) => {
        const month = months[r]!;
        const text = row.list[i] ?? '';
        ledger.figure(`${where} trend ${metric} ${month}`, 'api', text, asValue(points.get(month)?.value));
        ledger.figure(`${where} trend ${metric} ${month}`, 'csv', text, asValue(csv.get(month)?.value));
        ledger.figure(`${where} trend ${metric} ${month}`, 'xlsx', text, asValue(xlsx.get(month)?.value));
      });
    }
  }
}

/** The print header and any other heading that names the month. */
async function compareHeadings(page: Page, ledger: Ledger, where: string, period: string, headings: Array<[string, string]>) {
  for (const [name, selector] of headings) {
    const text = (await page.locator(selector).first().textContent()) ?? '';
    ledger.period(`${where} ${name}`, text, [period]);
  }
}

type MapJson = { period: string; metric: string; regionName: string; features: Array<{ properties: Row & { code: string } }> };

/**
 * A drawn village map (the map page's, the overview's small one): each village's label names its value,
 * against the map view's surfaces; the map's own label names the month.
 */
async function compareChoropleth(page: Page, ledger: Ledger, where: string, scope: ReturnType<Page['locator']>, view: Surfaces<MapJson>) {
  const group = scope.locator('svg[role="group"]').first();
  await expect(group.locator('path[role="link"]').first()).toBeVisible();
  ledger.period(`${where} map label`, (await group.getAttribute('aria-label')) ?? '', [view.json.period]);
  const areas = await group.locator('path[role="link"]').evaluateAll((paths) =>
    paths.map((path) => ({ code: path.getAttribute('data-code') ?? '', label: path.getAttribute('aria-label') ?? '' })),
  );
  const api = rowsBy(view.json.features.map((f) => f.properties), 'code');
  const csv = rowsBy(view.csv.rows, 'code');
  const xlsx = rowsBy(view.xlsx.rows, 'code');
  if (areas.length === 0) ledger.fail(`${where}: the map draws no village`);
  // The metric's name has spaces: it is filled in first, so the value is what follows it.
  const metric = messages.map.metrics[view.json.metric as keyof typeof messages.map.metrics];
  const template = messages.map.villageLabel.replace('{metric}', metric);
  for (const area of areas) {
    const shown = placeholders(template, area.label)?.value ?? `(label ${area.label})`;
    ledger.figure(`${where} map ${area.code}`, 'api', shown, asValue(api.get(area.code)?.value));
    ledger.figure(`${where} map ${area.code}`, 'csv', shown, asValue(csv.get(area.code)?.value));
    ledger.figure(`${where} map ${area.code}`, 'xlsx', shown, asValue(xlsx.get(area.code)?.value));
  }
}

/**
 * The attention lists (agents page, a supervisor's overview): each group's count and the figures in each
 * item, against the agents view's rows of the agent the item links to.
 */
async function compareAttention(page: Page, ledger: Ledger, where: string, view: Surfaces<{ rows: Row[]; period: string }>) {
  const panel = page.getByTestId('agents-attention').first();
  ledger.period(`${where} attention heading`, (await panel.locator('h2').textContent()) ?? '', [view.json.period]);
  const a = messages.agents;
  const groups: Array<[string, (row: Row) => boolean, Array<[string, Record<string, string>]>]> = [
    ['behind-target', (row) => yes(row.behindTarget), [[a.behindTargetItem, { recruits: 'recruits', target: 'target' }]]],
    ['arrears-rising', (row) => yes(row.arrearsRising), [[a.arrearsRisingItem, { before: 'membersInArrearsPreviousMonth', now: 'membersInArrears' }]]],
    [
      'inactivity',
      (row) => yes(row.inactivityFlag) || yes(row.nearInactivity),
      [
        [a.inactiveItem, { months: 'monthsSinceLastAcquisition' }],
        [a.nearInactivityItem, { months: 'monthsSinceLastAcquisition' }],
      ],
    ],
  ];
  const api = rowsBy(view.json.rows, 'code');
  const csv = rowsBy(view.csv.rows, 'code');
  const xlsx = rowsBy(view.xlsx.rows, 'code');
  for (const [id, member, templates] of groups) {
    const group = panel.getByTestId(`attention-${id}`);
    const count = /\((\d+)\)\s*$/.exec((await group.locator('h3').textContent()) ?? '')?.[1] ?? '';
    ledger.figure(`${where} attention ${id} count`, 'api', count, view.json.rows.filter(member).length);
    ledger.figure(`${where} attention ${id} count`, 'csv', count, view.csv.rows.filter(member).length);
    const items = await group.locator('li a').evaluateAll((links) =>
      links.map((link) => ({ href: link.getAttribute('href') ?? '', text: (link.textContent ?? '').replace(/\s+/g, ' ').trim() })),
    );
    for (const item of items) {
      const code = decodeURIComponent(/\/agents\/([^?]+)/.exec(item.href)?.[1] ?? '');
      const [template, fields] = templates.map(([t, f]) => [placeholders(t, item.text), f] as const).find(([values]) => values) ?? [];
      if (!template || !fields || !api.has(code)) {
        ledger.fail(`${where} attention ${id}: ${JSON.stringify(item.text)} (${code}) matches no agent or wording`);
        continue;
      }
      if (template.name !== String(api.get(code)!.name)) ledger.fail(`${where} attention ${id}: ${item.text} is not agent ${code}`);
      for (const [slot, field] of Object.entries(fields)) {
        ledger.figure(`${where} attention ${id} ${code} ${field}`, 'api', template[slot]!, asValue(api.get(code)![field]));
        ledger.figure(`${where} attention ${id} ${code} ${field}`, 'csv', template[slot]!, asValue(csv.get(code)?.[field]));
        ledger.figure(`${where} attention ${id} ${code} ${field}`, 'xlsx', template[slot]!, asValue(xlsx.get(code)?.[field]));
      }
    }
  }
}

async function overview(page: Page, ledger: Ledger, url: string) {
  await open(page, url);
  const api = await compareSummaryCards(page, ledger, 'overview', await exportedView(page, page.locator('.page-head')));
  const period = api.period;
  await compareHeadings(page, ledger, 'overview', period, [
    ['subtitle', '[data-testid="summary-subtitle"]'],
    ['print header', '[data-testid="print-header"]'],
    ['channel heading', 'figure:has([data-testid="channel-table"]) h3'],
  ]);
  // The channel table: enrolments per channel (the share is worked out on the page from them).
  const channels = await surfaces<{ rows: Row[]; period: string }>(page.request, `/api/v1/coverage?by=channel&region=${api.region}&period=${period}`);
  const byName = rowsBy(channels.json.rows, 'name');
  const csv = rowsBy(channels.csv.rows, 'name');
  const xlsx = rowsBy(channels.xlsx.rows, 'name');
  // Channels with enrolments; a share is the channel's enrolments over all of them (none when one is hidden).
  const enrolling = (rows: readonly Row[]) => rows.filter((row) => row.newEnrolments !== 0);
  const shareOf = (rows: readonly Row[], name: string): Value => {
    const counted = enrolling(rows);
    if (!counted.every((row) => typeof row.newEnrolments === 'number')) return null;
    const total = counted.reduce((sum, row) => sum + (row.newEnrolments as number), 0);
    const count = counted.find((row) => row.name === name)?.newEnrolments;
    return total > 0 && typeof count === 'number' ? (count / total) * 100 : null;
  };
  const channelRows = await readTable(page.getByTestId('channel-table'));
  if (channelRows.length !== enrolling(channels.json.rows).length) {
    ledger.fail(`overview channels: ${channelRows.length} rows, the API ${enrolling(channels.json.rows).length} with enrolments`);
  }
  for (const row of channelRows) {
    const where = `overview channel ${row.name}`;
    ledger.figure(where, 'api', row.list[0]!, asValue(byName.get(row.name)?.newEnrolments));
    ledger.figure(where, 'csv', row.list[0]!, asValue(csv.get(row.name)?.newEnrolments));
    ledger.figure(where, 'xlsx', row.list[0]!, asValue(xlsx.get(row.name)?.newEnrolments));
    ledger.figure(`${where} share`, 'api', row.list[1]!, shareOf(channels.json.rows, row.name));
    ledger.figure(`${where} share`, 'csv', row.list[1]!, shareOf(channels.csv.rows, row.name));
    ledger.figure(`${where} share`, 'xlsx', row.list[1]!, shareOf(channels.xlsx.rows, row.name));
  }
  await compareTrendTables(page, ledger, 'overview', api.region);
  const mini = page.locator('section[aria-labelledby="overview-map-title"]');
  if (await mini.count()) {
    await compareChoropleth(page, ledger, 'overview', mini, await surfaces<MapJson>(page.request, `/api/v1/map?metric=coverageRate&region=${api.region}&period=${period}`));
  } else {
    ledger.fail('overview: no small map');
  }
  if (await page.getByTestId('supervisor-home').count()) {
    await compareAttention(page, ledger, 'overview', await surfaces(page.request, `/api/v1/agents?period=${period}`));
  }
  return api;
}

/** `opened`: the page is already showing (the period picker moved it), so it is read as it is. */
async function villages(page: Page, ledger: Ledger, url: string, opened = false) {
  if (!opened) await open(page, url);
  const view = await surfaces<{ rows: Row[]; period: string; region: string }>(page.request, await exportedView(page, page.locator('.page-head')));
  const { period, region } = view.json;
  await compareHeadings(page, ledger, 'villages', period, [
    ['subtitle', '[data-testid="page-subtitle"]'],
    ['print header', '[data-testid="print-header"]'],
    ['caption', '[data-testid="villages-table"] caption'],
  ]);
  const table = page.getByTestId('villages-table');
  compareTable(ledger, 'villages', await readTable(table), view.json.rows, exportsOf(view));
  exportNamesPeriod(ledger, 'villages export', view, period);
  await defaultMonthAgrees(page, ledger, 'villages', url, `/api/v1/coverage?by=village&region=${region}`, period);
  // The footer is the region's own summary.
  const summary = await surfaces<SummaryJson>(page.request, `/api/v1/summary?region=${region}&period=${period}`);
  const [footer] = await readTable(table, 'tfoot');
  const [csv = {}] = summary.csv.rows;
  const [xlsx = {}] = summary.xlsx.rows;
  for (const [column, text] of Object.entries(footer?.cells ?? {})) {
    // Uncovered workers: the workforce less the active members, worked out on the page.
    const derive = (row: Record<string, unknown>) =>
      column !== 'uncoveredWorkers'
        ? asValue(row[column])
        : typeof row.informalWorkforce === 'number' && typeof row.activeMembers === 'number'
          ? Math.max(row.informalWorkforce - row.activeMembers, 0)
          : row.informalWorkforce === null || row.informalWorkforce === undefined
            ? null
            : asValue(row.activeMembers);
    ledger.figure(`villages total ${column}`, 'api', text, derive(summary.json));
    ledger.figure(`villages total ${column}`, 'csv', text, derive(csv));
    ledger.figure(`villages total ${column}`, 'xlsx', text, derive(xlsx));
  }
  ledger.noTwin('villages total: uncovered workers (the summary has no field; the page subtracts)');
  return view.json;
}

const BREAKDOWNS = ['community', 'occupation', 'agent', 'channel', 'sex', 'ageBand'] as const;

async function village(page: Page, ledger: Ledger, url: string) {
  await open(page, url);
  const code = decodeURIComponent(new URL(url, 'http://x').pathname.split('/').pop()!);
  // The month the URL names, or the API's default.
  const period =
    new URL(url, 'http://x').searchParams.get('period') ??
    ((await (await page.request.get(`/api/v1/summary?region=${code}`)).json()) as SummaryJson).period;
  const api = await compareSummaryCards(page, ledger, 'village', `/api/v1/summary?region=${code}&period=${period}&compare=1`);
  // The page's own download is its community breakdown.
  const own = new URL(await exportedView(page, page.locator('.page-head')), 'http://x');
  if (own.searchParams.get('period') !== api.period || own.searchParams.get('region') !== code) {
    ledger.fail(`village: the download ${own.search} is not the page's view (${code}, ${api.period})`);
  }
  await compareHeadings(page, ledger, 'village', api.period, [['print header', '[data-testid="print-header"]']]);
  const views = await Promise.all(
    BREAKDOWNS.map((by) => surfaces<{ rows: Row[]; period: string }>(page.request, `/api/v1/coverage?by=${by}&region=${code}&period=${api.period}`)),
  );
  for (const [i, by] of BREAKDOWNS.entries()) {
    const view = views[i]!;
    const table = page.getByTestId(`breakdown-${by}`);
    ledger.period(`village ${by} caption`, (await table.locator('caption').textContent()) ?? '', [view.json.period]);
    compareTable(ledger, `village ${by}`, await readTable(table), view.json.rows, exportsOf(view));
    exportNamesPeriod(ledger, `village ${by} export`, view, api.period);
  }
  await compareTrendTables(page, ledger, 'village', code);
}

async function communities(page: Page, ledger: Ledger, url: string) {
  await open(page, url);
  const view = await surfaces<{ rows: Row[]; period?: string }>(page.request, await exportedView(page, page.locator('.page-head')));
  const period = new URL(await exportedView(page, page.locator('.page-head')), 'http://x').searchParams.get('period')!;
  if (view.json.period !== period) ledger.fail(`communities: the API says period ${view.json.period}, its link asked for ${period}`);
  await compareHeadings(page, ledger, 'communities', period, [
    ['subtitle', '[data-testid="page-subtitle"]'],
    ['caption', '[data-testid="communities-table"] caption'],
  ]);
  compareTable(ledger, 'communities', await readTable(page.getByTestId('communities-table')), view.json.rows, exportsOf(view), { list: ['agents'] });
  exportNamesPeriod(ledger, 'communities export', view, period);
  await defaultMonthAgrees(page, ledger, 'communities', url, '/api/v1/communities', period);
  return period;
}

async function agents(page: Page, ledger: Ledger, url: string) {
  await open(page, url);
  const view = await surfaces<{ rows: Row[]; period: string; trust: Record<string, { rate: Value; retained: Value; cohort: Value }> }>(
    page.request,
    await exportedView(page),
  );
  const { period } = view.json;
  await compareHeadings(page, ledger, 'agents', period, [
    ['subtitle', '[data-testid="page-subtitle"]'],
    ['caption', '[data-testid="agents-table"] caption'],
    ['attention heading', '#attention-heading'],
    ['trust intro', '[data-testid="agents-trust"] p.muted'],
  ]);
  const caption = (await page.getByTestId('agents-table').locator('caption').textContent()) ?? '';
  const count = placeholders(messages.agents.tableCaption, caption)?.count;
  ledger.figure('agents caption count', 'api', count ?? '', view.json.rows.length);
  // All columns, the secondary ones too.
  const more = page.getByTestId('agents-table-columns');
  if (await more.count()) await more.click();
  compareTable(ledger, 'agents', await readTable(page.getByTestId('agents-table')), view.json.rows, exportsOf(view), {
    exportKey: (row) => String(row.code),
    exportKeyField: 'code',
  });
  exportNamesPeriod(ledger, 'agents export', view, period);
  for (const [id, field] of [['embedded', 'embedded'], ['outside', 'outside'], ['no-community', 'noCommunity']] as const) {
    const panel = page.getByTestId(`trust-${id}`);
    const trust = view.json.trust[field]!;
    ledger.figure(`agents trust ${id} rate`, 'api', (await panel.locator('.trust-rate').textContent()) ?? '', trust.rate);
    const counts = placeholders(messages.agents.trustCounts, (await panel.locator('p.muted').textContent()) ?? '');
    ledger.figure(`agents trust ${id} retained`, 'api', counts?.retained ?? '', trust.retained);
    ledger.figure(`agents trust ${id} cohort`, 'api', counts?.cohort ?? '', trust.cohort);
  }
  ledger.noTwin('agents trust panel (API only: the export is the table)');
  await compareAttention(page, ledger, 'agents', view);
  await defaultMonthAgrees(page, ledger, 'agents', url, '/api/v1/agents', period);
  return period;
}

async function map(page: Page, ledger: Ledger, url: string) {
  await open(page, url);
  const asked = new URL(url, 'http://x').searchParams;
  // The API's own reading of the page's URL (its default month when the URL names none).
  const json = (await (await page.request.get(`/api/v1/map?${asked.toString()}`)).json()) as MapJson;
  const view = await surfaces<MapJson>(page.request, `/api/v1/map?period=${json.period}&metric=${json.metric}`);
  await compareHeadings(page, ledger, 'map', json.period, [
    ['subtitle', '[data-testid="map-subtitle"]'],
    ['caption', '[data-testid="map-table"] caption'],
  ]);
  const rows = view.json.features.map((f) => ({ ...f.properties, key: f.properties.code, figure: f.properties.value }));
  const exported = (surface: 'csv' | 'xlsx') => view[surface].rows.map((row) => ({ ...row, key: String(row.code), figure: row.value }));
  const shown = (await readTable(page.getByTestId('map-table'))).map((row) => ({
    ...row,
    // The row header carries a "no boundary" mark beside the name.
    name: row.name.split(' · ')[0]!,
    cells: { figure: row.list[1] ?? '' },
  }));
  compareTable(ledger, 'map', shown, rows, { csv: exported('csv'), xlsx: exported('xlsx') });
  exportNamesPeriod(ledger, 'map export', view, json.period);
  await compareChoropleth(page, ledger, 'map', page.locator('main'), view);
  return json.period;
}

async function claims(page: Page, ledger: Ledger, url: string, role: DemoRole) {
  await open(page, url);
  const asked = new URL(url, 'http://x').searchParams;
  // The page's own range: twelve months up to the current one unless the URL says otherwise.
  const to = asked.get('to') ?? currentMonth();
  const from = asked.get('from') ?? addMonths(to, -11);
  const summary = await surfaces<Record<string, unknown> & { from: string; to: string; byProgram: Row[]; byStatus: Row[]; byVillage: Row[] }>(
    page.request,
    `/api/v1/claims/summary?from=${from}&to=${to}`,
  );
  const s = summary.json;
  const t = messages.claims;
  exportNamesPeriod(ledger, 'claims summary export', summary, `${s.from}-${s.to}`);
  ledger.period('claims range note', (await page.locator('h2.claims-heading + p').textContent()) ?? '', [s.from, s.to]);
  const cards = await readCards(page.getByTestId('claims-summary'));
  const value = (label: string) => cards.get(label)?.value ?? `(no card ${label})`;
  ledger.figure('claims paid count', 'api', value(t.paidCount), asValue(s.paidCount));
  ledger.figure('claims paid amount', 'api', value(t.paidAmount), asValue(s.paidAmount));
  ledger.figure('claims turnaround median', 'api', value(t.turnaroundMedian), asValue(s.turnaroundMedianDays));
  ledger.figure('claims turnaround p90', 'api', value(t.turnaroundP90), asValue(s.turnaroundP90Days));
  ledger.figure('claims approval rate', 'api', value(t.approvalRate), asValue(s.approvalRate));
  ledger.figure('claims solidarity effect', 'api', value(t.solidarityEffect), asValue((s.solidarity as Row).effect));
  ledger.noTwin('claims cards, status funnel, by village, by month, solidarity (API only: the summary export is the payouts by programme)');
  // Payouts by programme: the summary's export.
  const programs = (await readTable(page.getByTestId('claims-by-program'))).map((row) => ({ ...row, key: row.name }));
  const byProgram = s.byProgram.map((row) => ({ ...row, key: String(row.program), name: String(row.program) }));
  const keyed = (surface: 'csv' | 'xlsx') => summary[surface].rows.map((row) => ({ ...row, key: String(row.program) }));
  compareTable(
    ledger,
    'claims by-program',
    programs.map((row) => ({ ...row, cells: { count: row.list[0]!, amount: row.list[1]! } })),
    byProgram,
    { csv: keyed('csv'), xlsx: keyed('xlsx') },
  );
  const funnel = await readTable(page.getByTestId('claims-funnel'));
  if (funnel.length !== s.byStatus.length) ledger.fail(`claims funnel: ${funnel.length} rows, the API ${s.byStatus.length}`);
  funnel.forEach((row, i) => {
    const status = s.byStatus[i]?.status as keyof typeof t.statuses;
    if (row.name !== t.statuses[status]) ledger.fail(`claims funnel row ${i}: ${row.name}, the API ${status}`);
    ledger.figure(`claims funnel ${row.name}`, 'api', row.list[0]!, asValue(s.byStatus[i]?.count));
  });
  const villagesShown = await readTable(page.getByTestId('claims-by-village'));
  if (villagesShown.length !== s.byVillage.length) ledger.fail(`claims by village: ${villagesShown.length} rows, the API ${s.byVillage.length}`);
  villagesShown.forEach((row, i) => {
    const v = s.byVillage[i]!;
    if (row.name !== v.name) ledger.fail(`claims by village row ${i}: ${row.name}, the API ${String(v.name)}`);
    ledger.figure(`claims village ${row.name} submitted`, 'api', row.list[0]!, asValue(v.submittedCount));
    ledger.figure(`claims village ${row.name} paid`, 'api', row.list[1]!, asValue(v.paidCount));
    ledger.figure(`claims village ${row.name} amount`, 'api', row.list[2]!, asValue(v.paidAmount));
  });
  // Rejection reasons (a table only when there are some) and the solidarity figures.
  const reasons = page.locator('section.panel', { has: page.getByRole('heading', { name: t.rejectionTitle }) }).locator('table');
  const rejections = s.rejectionReasons as Row[];
  const reasonRows = (await reasons.count()) ? await readTable(reasons) : [];
  if (reasonRows.length !== rejections.length) ledger.fail(`claims rejection reasons: ${reasonRows.length} rows, the API ${rejections.length}`);
  reasonRows.forEach((row, i) => ledger.figure(`claims rejection ${row.name}`, 'api', row.list[0]!, asValue(rejections[i]?.count)));
  const solidarity = await page
    .locator('dl.claim-figures')
    .evaluate((dl) => [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']));
  const solidarityFields: Record<string, string> = {
    [t.solidarityClaims]: 'claims',
    [t.solidarityAfter]: 'enrolmentsAfter',
    [t.solidarityBaseline]: 'baseline',
    [t.solidarityAbove]: 'claimsAboveBaseline',
  };
  for (const [label, text] of solidarity) {
    const field = solidarityFields[label!];
    if (!field) ledger.fail(`claims solidarity: no field for ${label}`);
    else ledger.figure(`claims solidarity ${field}`, 'api', text!, asValue((s.solidarity as Row)[field]));
  }
  // Payouts by month and programme beside the contributions collected (the ratio is worked out on the page).
  const months = await readTable(page.getByTestId('claims-by-month'));
  const series = s.payoutsVsContributions as Row[];
  if (months.length !== series.length) ledger.fail(`claims by month: ${months.length} rows, the API ${series.length}`);
  months.forEach((row, i) => {
    const month = series[i]!;
    ledger.period(`claims by month row ${i}`, row.name, [String(month.period)]);
    PROGRAMS.forEach((program, p) => {
      const cell = (s.byMonth as Row[]).find((b) => b.period === month.period && b.program === program);
      ledger.figure(`claims by month ${String(month.period)} ${program}`, 'api', row.list[p]!, asValue(cell?.amount));
    });
    ledger.figure(`claims by month ${String(month.period)} paid`, 'api', row.list[PROGRAMS.length]!, asValue(month.claimsPaidAmount));
    ledger.figure(`claims by month ${String(month.period)} collected`, 'api', row.list[PROGRAMS.length + 1]!, asValue(month.contributionsCollected));
  });
  // The register: only for roles that may see persons.
  if (role === 'district') {
    await expect(page.getByTestId('claims-register-hidden')).toBeVisible();
    return;
  }
  const register = await surfaces<{ rows: Row[]; total: number; from: string; to: string }>(page.request, await exportedView(page));
  exportNamesPeriod(ledger, 'claims register export', register, `${register.json.from}-${register.json.to}`);
  ledger.period('claims register caption', (await page.getByTestId('claims-table').locator('caption').textContent()) ?? '', [register.json.from, register.json.to]);
  const total = placeholders(t.total, (await page.getByTestId('claims-total').textContent()) ?? '')?.count ?? '';
  ledger.figure('claims total', 'api', total, register.json.total);
  ledger.figure('claims total', 'csv', total, register.csv.rows.length);
  ledger.figure('claims total', 'xlsx', total, register.xlsx.rows.length);
  const rows = (await readTable(page.getByTestId('claims-table'))).map((row) => ({
    key: row.name,
    name: row.name,
    cells: { amount: row.list[row.list.length - 2]! },
  }));
  const apiRows = register.json.rows.map((row) => ({ ...row, key: String(row.number), name: String(row.number) }));
  const byNumber = (surface: 'csv' | 'xlsx') => register[surface].rows.map((row) => ({ ...row, key: String(row.number) }));
  // The page shows one page of the register, the exports every row.
  const onPage = (surface: 'csv' | 'xlsx') => byNumber(surface).filter((r) => rows.some((x) => x.key === r.key));
  compareTable(ledger, 'claims register', rows, apiRows, { csv: onPage('csv'), xlsx: onPage('xlsx') }, { paged: true });
}

/** A village with few members, where small counts are likeliest (suppressed for a district official). */
function smallVillage(rows: readonly Row[]): string {
  const numeric = rows.filter((row) => typeof row.activeMembers === 'number' && (row.activeMembers as number) > 0);
  numeric.sort((a, b) => (a.activeMembers as number) - (b.activeMembers as number));
  return String((numeric[0] ?? rows[0])!.key);
}

/** The month three before the default: a month the page must be asked for. */
const earlier = addMonths(latestCompleteMonth(), -3);
const NON_DEFAULT: Record<CheckedRole, string> = {
  admin: `/villages?period=${earlier}`,
  officer: `/?period=${earlier}`,
  district: `/map?period=${earlier}&metric=activeMembers`,
  supervisor: `/agents?period=${earlier}`,
};

for (const role of ROLES) {
  test.describe(`one figure everywhere as ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test('page = API = CSV = Excel, and headings name the data’s month', async ({ page }) => {
      // About 20 s on a quiet machine; a busy one (a shared CI runner) may take twice that.
      test.setTimeout(120_000);
      const ledger = new Ledger();
      const summary = await overview(page, ledger, '/');
      // The API's own default month is the page's.
      const byDefault = (await (await page.request.get('/api/v1/summary')).json()) as SummaryJson;
      if (byDefault.period !== summary.period) ledger.fail(`the API's default month ${byDefault.period} is not the page's ${summary.period}`);
      const { rows } = await villages(page, ledger, '/villages');
      await village(page, ledger, `/villages/${smallVillage(rows)}`);
      await communities(page, ledger, '/communities');
      await agents(page, ledger, '/agents');
      await map(page, ledger, '/map');
      await claims(page, ledger, '/claims', role);
      // A month asked for in the URL.
      const url = NON_DEFAULT[role];
      const path = new URL(url, 'http://x').pathname;
      const shown =
        path === '/villages'
          ? (await villages(page, ledger, url)).period
          : path === '/'
            ? (await overview(page, ledger, url)).period
            : path === '/map'
              ? await map(page, ledger, url)
              : await agents(page, ledger, url);
      expect(shown, `${url} shows the month asked for`).toBe(earlier);
      if (role === 'admin') {
        // The period picker: the table refetches through the API without a navigation, and is read again.
        await page.getByRole('button', { name: 'Bulan sebelumnya' }).click();
        await expect(page).toHaveURL(new RegExp(`period=${addMonths(earlier, -1)}`));
        // The caption names the new month in the render that starts its fetch; then the fetch ends.
        await expect(page.getByTestId('villages-table').locator('caption')).toContainText(formatPeriod(addMonths(earlier, -1)));
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
        expect((await villages(page, ledger, page.url(), true)).period).toBe(addMonths(earlier, -1));
      }

      const compared = [...ledger.compared].map(([surface, n]) => `${surface} ${n}`).join(', ');
      test.info().annotations.push({ type: 'compared', description: `${role}: ${compared}; ${ledger.combinations.size} page×surface` });
      console.log(`[same-everywhere] ${role}: ${compared}; ${ledger.combinations.size} page×surface`);
      if (role === 'admin') console.log(`[same-everywhere] no twin: ${[...ledger.untwinned].join(' | ')}`);
      expect(ledger.problems, ledger.problems.slice(0, 60).join('\n')).toEqual([]);
      // Suppression is compared, not assumed: a district official's pages show hidden cells, no one else's do.
      if (role === 'district') expect(ledger.hidden).toBeGreaterThan(0);
      else expect(ledger.hidden).toBe(0);
    });
  });
}
