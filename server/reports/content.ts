import 'server-only';
// The monthly report one user receives: the overview's figures for their own scope (the same services
// and the same caller as the pages, so the same numbers and the same "<5"), their change on the month
// before, a table of the scope's regions (or, for a supervisor, of their agents), and the API's Excel
// exports of the same rows as the attachment.
import type { Database } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { listAgents } from '@/server/agents';
import { getCoverageView } from '@/server/coverage';
import { toXlsxWorkbook } from '@/server/http/xlsx';
import { getDataAsOf } from '@/server/settings';
import { getSummaryView } from '@/server/summary';
import type { FigureSet } from '@/contracts/figures';
import type { AgentListView } from '@/contracts/agents';
import type { CoverageView } from '@/server/coverage';
import { addMonths, type Period } from '@/domain/month';
import { isProvisional, provisionalUntil } from '@/domain/reports';
import { suppressesSmallCells } from '@/domain/permissions';
import {
  formatChange,
  formatDate,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatRupiah,
  type Figure,
  type FigureKind,
} from '@/domain/format';
import { getMessages, interpolate, type Locale, type Messages } from '@/i18n';

export interface MonthlyReport {
  subject: string;
  html: string;
  text: string;
  attachment: { filename: string; content: Uint8Array };
  /** Rows in the attachment, per sheet: for the audit log. */
  rows: Record<string, number>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface FigureLine {
  key: Exclude<keyof FigureSet, 'coverageNote'>;
  label: (m: Messages) => string;
  kind: FigureKind;
}

/** The overview's cards, in their order. */
const FIGURES: FigureLine[] = [
  { key: 'activeMembers', label: (m) => m.overview.activeMembers, kind: 'count' },
  { key: 'coverageRate', label: (m) => m.overview.coverageRate, kind: 'rate' },
  { key: 'newEnrolments', label: (m) => m.overview.newEnrolments, kind: 'count' },
  { key: 'lapsedMembers', label: (m) => m.overview.lapsedMembers, kind: 'count' },
  { key: 'lapseRate', label: (m) => m.overview.lapseRate, kind: 'rate' },
  { key: 'reactivatedMembers', label: (m) => m.overview.reactivatedMembers, kind: 'count' },
  { key: 'endedMembers', label: (m) => m.overview.endedMembers, kind: 'count' },
  { key: 'contributionsCollected', label: (m) => m.overview.contributionsCollected, kind: 'money' },
  { key: 'claimsPaidCount', label: (m) => m.reports.mail.claimsPaidCount, kind: 'count' },
  { key: 'claimsPaidAmount', label: (m) => m.reports.mail.claimsPaidAmount, kind: 'money' },
];

function formatFigure(value: Figure | null | undefined, kind: FigureKind, locale: Locale): string {
  const v = value ?? null;
  if (kind === 'rate') return formatPercent(v, locale);
  if (kind === 'money') return formatRupiah(v, locale);
  return formatNumber(v, locale);
}

/** The change on the month before, as the overview's cards write it; "–" when either month is "<5". */
function changeText(now: Figure | null, then: Figure | null | undefined, kind: FigureKind, locale: Locale, m: Messages): string {
  if (typeof now !== 'number' || typeof then !== 'number') return '–';
  const delta = now - then;
  return Math.abs(delta) < 1e-9 ? m.coverage.noChange : formatChange(delta, kind, locale, m.coverage.points);
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Table {
  title: string;
  head: string[];
  /** Which columns are numbers (right-aligned). */
  numeric: boolean[];
  rows: string[][];
}

function detailTable(detail: { agents: AgentListView } | { villages: CoverageView }, period: Period, locale: Locale, m: Messages): Table {
  const p = formatPeriod(period, locale);
  if ('agents' in detail) {
    const a = m.agents;
    return {
      title: interpolate(m.reports.mail.agentsTitle, { period: p }),
      head: [a.name, a.village, a.recruits, a.activeMembers, a.membersInArrears, a.contributionsCollected, a.targetAttainment],
      numeric: [false, false, true, true, true, true, true],
      rows: detail.agents.rows.map((r) => [
        r.name,
        r.village,
        formatNumber(r.recruits, locale),
        formatNumber(r.activeMembers, locale),
        formatNumber(r.membersInArrears, locale),
        formatRupiah(r.contributionsCollected, locale),
        formatPercent(r.targetAttainment, locale),
      ]),
    };
  }
  const v = m.villages;
  return {
    title: interpolate(m.reports.mail.villagesTitle, { period: p }),
    head: [v.name, v.activeMembers, v.coverageRate, v.newEnrolments, v.lapsedMembers],
    numeric: [false, true, true, true, true],
    rows: detail.villages.rows.map((r) => [
      r.name,
      formatNumber(r.activeMembers, locale),
      formatPercent(r.coverageRate ?? null, locale),
      formatNumber(r.newEnrolments, locale),
      formatNumber(r.lapsedMembers, locale),
    ]),
  };
}

const CELL = 'padding:6px 10px;border-bottom:1px solid #dde3ea;';
const NUMERIC = 'text-align:right;white-space:nowrap;';

function htmlTable(table: Table, noRows: string): string {
  if (table.rows.length === 0) return `<h2 style="font-size:16px;margin:24px 0 8px">${esc(table.title)}</h2><p>${esc(noRows)}</p>`;
  const align = (i: number) => (table.numeric[i] ? NUMERIC : 'text-align:left;');
  const head = table.head.map((h, i) => `<th scope="col" style="${CELL}${align(i)}">${esc(h)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell, i) => `<td style="${CELL}${align(i)}">${esc(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return (
    `<h2 style="font-size:16px;margin:24px 0 8px">${esc(table.title)}</h2>` +
    `<table style="border-collapse:collapse;font-size:14px;width:100%"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
  );
}

function textTable(table: Table, noRows: string): string {
  if (table.rows.length === 0) return `${table.title}\n${noRows}`;
  return [table.title, table.head.join(' | '), ...table.rows.map((row) => row.join(' | '))].join('\n');
}

/**
 * Builds the report of `period` for `caller`, written in `locale`. Every figure comes from the services
 * the overview and the exports use, called with this caller: a district official's report has "<5"
 * where the site has it and no person's name; a supervisor's covers their own agents.
 */
export async function buildMonthlyReport(
  db: Database,
  args: { caller: Caller; period: Period; locale: Locale; dashboardUrl: string; unsubscribeUrl: string },
): Promise<MonthlyReport> {
  const { caller, period, locale } = args;
  const m = getMessages(locale);
  const t = m.reports.mail;
  const previous = addMonths(period, -1);
  const supervisor = caller.role === 'supervisor';
  const [summary, asOf, detail] = await Promise.all([
    getSummaryView(db, { caller, period, compare: true }),
    getDataAsOf(db),
    supervisor
      ? listAgents(db, { caller, period }).then((agents) => ({ agents }))
      : getCoverageView(db, { caller, period, by: 'village', locale }).then((villages) => ({ villages })),
  ]);
  const before = summary.previousMonth;
  const p = formatPeriod(period, locale);
  const prev = formatPeriod(previous, locale);
  const scope = supervisor ? t.scopeAgents : summary.regionName;
  const intro = supervisor
    ? interpolate(t.introAgents, { count: 'agents' in detail ? detail.agents.rows.length : 0, period: p, previous: prev })
    : interpolate(t.introRegion, { region: summary.regionName, period: p, previous: prev });
  const notes = [
    ...(isProvisional(period, asOf) ? [interpolate(t.provisional, { period: p, date: formatDate(provisionalUntil(period), locale) })] : []),
    ...(asOf ? [interpolate(t.asOf, { date: formatDate(asOf, locale) })] : []),
    ...(suppressesSmallCells(caller.role) ? [m.overview.suppressedNote] : []),
  ];
  const figures: Table = {
    title: '',
    head: [t.figure, p, prev, t.change],
    numeric: [false, true, true, true],
    rows: FIGURES.map((f) => [
      f.label(m),
      formatFigure(summary[f.key], f.kind, locale),
      formatFigure(before?.[f.key], f.kind, locale),
      changeText(summary[f.key], before?.[f.key], f.kind, locale, m),
    ]),
  };
  const table = detailTable(detail, period, locale, m);
  const dashboard = `${args.dashboardUrl}/${supervisor ? 'agents' : ''}?period=${period}`;
  const filename = interpolate(t.fileName, { period });

  // The attachment: the v1 exports of the same views (summary, coverage by village or agents), one sheet each.
  const { previousMonth: _p, sameMonthLastYear: _y, ...flat } = summary;
  const summaryRows = [flat, ...(before ? [{ ...before, region: summary.region, regionName: summary.regionName }] : [])];
  const detailRows =
    'agents' in detail
      ? detail.agents.rows.map(({ key: _key, communities, ...row }) => ({ period, ...row, communities: communities.join('; ') }))
      : detail.villages.rows;
  const detailSheet = 'agents' in detail ? 'agents' : 'coverage-village';
  const content = await toXlsxWorkbook([
    { sheet: 'summary', title: `Payung · summary-${period}`, rows: summaryRows as unknown as Record<string, unknown>[] },
    {
      sheet: detailSheet,
      title: `Payung · ${'agents' in detail ? `agents-${period}` : `coverage-village-${summary.region}-${period}`}`,
      rows: detailRows as unknown as Record<string, unknown>[],
    },
  ]);

  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(interpolate(t.heading, { period: p }))}</title></head>
<body style="margin:0;padding:16px;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1b2733">
<div style="max-width:680px;margin:0 auto;background:#ffffff;border:1px solid #dde3ea;border-radius:8px;padding:20px 24px">
<h1 style="font-size:20px;margin:0 0 8px;color:#0b4f6c">${esc(interpolate(t.heading, { period: p }))}</h1>
<p style="margin:0 0 12px">${esc(intro)}</p>
<table style="border-collapse:collapse;font-size:14px;width:100%"><thead><tr>${figures.head
    .map((h, i) => `<th scope="col" style="${CELL}${i === 0 ? 'text-align:left;' : NUMERIC}">${esc(h)}</th>`)
    .join('')}</tr></thead><tbody>
${figures.rows
  .map((row) => `<tr>${row.map((cell, i) => `<td style="${CELL}${i === 0 ? 'text-align:left;' : NUMERIC}">${esc(cell)}</td>`).join('')}</tr>`)
  .join('\n')}
</tbody></table>
${notes.map((note) => `<p style="font-size:13px;color:#5b6b7a;margin:8px 0 0">${esc(note)}</p>`).join('\n')}
${htmlTable(table, t.noRows)}
<p style="margin:24px 0"><a href="${esc(dashboard)}" style="background:#0b4f6c;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px;display:inline-block">${esc(t.openDashboard)}</a></p>
<p style="font-size:13px;color:#5b6b7a">${esc(interpolate(t.attachment, { file: filename }))}</p>
<hr style="border:0;border-top:1px solid #dde3ea;margin:16px 0">
<p style="font-size:12px;color:#5b6b7a">${esc(interpolate(t.footer, { email: caller.email }))} <a href="${esc(args.unsubscribeUrl)}">${esc(t.unsubscribe)}</a></p>
</div></body></html>
`;
  const text = [
    interpolate(t.heading, { period: p }),
    '',
    intro,
    '',
    textTable(figures, t.noRows).trim(),
    ...notes,
    '',
    textTable(table, t.noRows),
    '',
    `${t.openDashboard}: ${dashboard}`,
    interpolate(t.attachment, { file: filename }),
    '',
    '--',
    interpolate(t.footer, { email: caller.email }),
    `${t.unsubscribe}: ${args.unsubscribeUrl}`,
    '',
  ].join('\n');

  return {
    subject: interpolate(t.subject, { period: p, scope }),
    html,
    text,
    attachment: { filename, content },
    rows: { summary: summaryRows.length, [detailSheet]: detailRows.length },
  };
}
