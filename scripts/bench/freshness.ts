// Freshness: 10,000 new contributions imported through the API, timed from the start of the upload
// until the regency's summary shows them; then the import is undone so the database stays reusable.
import { contributionForMonths, type RateLike } from '@/domain/rates';
import type { Sql } from './database';
import type { Fixtures } from './fixtures';
import { HttpError, type Session } from './http';
import { log, sleep } from './run';

export const FRESHNESS_ROWS = 10_000;
export const FRESHNESS_BUDGET_SECONDS = 5;
/** The file name marks the bench's own imports, so a run interrupted before its undo is cleaned up next time. */
export const FRESHNESS_FILE_NAME = 'bench-freshness-contributions.csv';
const GIVE_UP_SECONDS = 180;

interface Summary {
  activeMembers: number;
  contributionsCollected: number;
}

export interface FreshnessResult {
  rows: number;
  period: string;
  region: string;
  /** The check before the import (mode=preview, rolled back), as the imports page does it: not part of the target. */
  previewSeconds: number;
  /** Upload start → the import's answer (committed). */
  importSeconds: number;
  /** Upload start → the summary shows the new figures. */
  visibleSeconds: number | null;
  met: boolean | null;
  before: Summary;
  expected: Summary;
  undoSeconds: number | null;
  /** Undo start → the summary shows the old figures again. */
  undoVisibleSeconds: number | null;
  leftoversUndone: number;
  error: string | null;
}

interface CsvMember {
  nik: string;
  income: number;
  isTransport: boolean;
  agentCode: string | null;
}

/** Members of the region who enrolled before the period and have no contribution covering it. */
async function pickMembers(sql: Sql, regionCode: string, period: string): Promise<CsvMember[]> {
  const rows = await sql<{ nik: string; income: number; is_transport: boolean | null; agent_code: string | null }[]>`
    select m.nik, m.declared_income as income, o.is_transport, m.agent_code
    from members m left join occupations o on o.code = m.occupation_code
    where m.village_code like ${`${regionCode}.%`}
      and m.enrolled_on < ${`${period}-01`}::date
      and not exists (
        select 1 from contributions c
        where c.member_id = m.id and ${`${period}-01`}::date between c.first_month and c.last_month)
    order by md5(m.id::text)
    limit ${FRESHNESS_ROWS}`;
  return rows.map((r) => ({ nik: r.nik, income: Number(r.income), isTransport: Boolean(r.is_transport), agentCode: r.agent_code }));
}

async function loadRates(sql: Sql): Promise<RateLike[]> {
  const rows = await sql<{ key: string; value: string; effective_from: string; effective_to: string | null }[]>`
    select key, value::text as value, effective_from::text as effective_from, effective_to::text as effective_to
    from reference_rates`;
  return rows.map((r) => ({ key: r.key, value: r.value, effectiveFrom: r.effective_from, effectiveTo: r.effective_to }));
}

/** One month's contribution per member, paid in that month, at the rates in force (no warnings). */
export function contributionsCsv(members: readonly CsvMember[], period: string, rates: readonly RateLike[]): { csv: string; total: number } {
  const lines = ['nik,bulan_mulai,jumlah_bulan,iuran_jkk,iuran_jkm,tanggal_bayar,kode_agen'];
  let total = 0;
  for (const m of members) {
    const { jkk, jkm } = contributionForMonths(m.income, period, 1, m.isTransport, rates);
    total += jkk + jkm;
    lines.push([m.nik, period, 1, jkk, jkm, `${period}-20`, m.agentCode ?? ''].join(','));
  }
  return { csv: `${lines.join('\n')}\n`, total };
}

async function readSummary(officer: Session, period: string, region: string): Promise<Summary> {
  const body = await officer.getJson<Summary>(`/api/v1/summary?period=${period}&region=${region}`);
  return { activeMembers: Number(body.activeMembers), contributionsCollected: Number(body.contributionsCollected) };
}

/** Polls the summary until it equals `expected`; the seconds since `since`, or null past the limit. */
async function waitForSummary(officer: Session, period: string, region: string, expected: Summary, since: number): Promise<number | null> {
  while ((performance.now() - since) / 1000 < GIVE_UP_SECONDS) {
    const now = await readSummary(officer, period, region);
    if (now.activeMembers === expected.activeMembers && now.contributionsCollected === expected.contributionsCollected) {
      return (performance.now() - since) / 1000;
    }
    await sleep(50);
  }
  return null;
}

async function postJson<T>(session: Session, path: string, init: RequestInit): Promise<T> {
  // Browsers name the page's origin on a POST; the API refuses another site's.
  const response = await session.fetch(path, { ...init, method: 'POST', headers: { ...init.headers, origin: session.baseUrl } });
  const text = await response.text();
  if (!response.ok) throw new HttpError(`POST ${path}: HTTP ${response.status} ${text.slice(0, 300)}`, response.status);
  return JSON.parse(text) as T;
}

const undo = (officer: Session, id: number) => postJson<{ removed: number }>(officer, `/api/v1/imports/${id}/undo`, {});

export async function runFreshness(args: { sql: Sql; officer: Session; fixtures: Fixtures }): Promise<FreshnessResult> {
  const { sql, officer, fixtures } = args;
  const period = fixtures.period;
  // The widest region measured: its cached figures are the most a write can leave stale.
  const region = fixtures.provinceCode ?? fixtures.regencyCode;

  // A run stopped between its import and its undo left rows behind: take them out first.
  const leftovers = await sql<{ id: number }[]>`
    select id from imports where file_name = ${FRESHNESS_FILE_NAME} and undone_at is null and added > 0 order by id desc`;
  for (const { id } of leftovers) {
    log(`  undoing import ${id} left by an earlier interrupted run`);
    await undo(officer, id);
  }

  const [members, rates] = await Promise.all([pickMembers(sql, region, period), loadRates(sql)]);
  if (members.length < FRESHNESS_ROWS) throw new Error(`only ${members.length} members without a contribution for ${period}; need ${FRESHNESS_ROWS}`);
  const { csv, total } = contributionsCsv(members, period, rates);
  const before = await readSummary(officer, period, region);
  const expected = {
    activeMembers: before.activeMembers + members.length,
    contributionsCollected: before.contributionsCollected + total,
  };
  const result: FreshnessResult = {
    rows: members.length,
    period,
    region,
    previewSeconds: 0,
    importSeconds: 0,
    visibleSeconds: null,
    met: null,
    before,
    expected,
    undoSeconds: null,
    undoVisibleSeconds: null,
    leftoversUndone: leftovers.length,
    error: null,
  };

  const upload = (mode: 'preview' | 'all') => {
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), FRESHNESS_FILE_NAME);
    return postJson<{ importId: number; committed: boolean; added: number; errorCount: number; warningCount: number }>(
      officer,
      `/api/v1/imports?kind=contributions&mode=${mode}`,
      { body: form },
    );
  };
  // An officer checks the file first (the imports page's preview step), then imports it.
  const previewStarted = performance.now();
  const preview = await upload('preview');
  result.previewSeconds = (performance.now() - previewStarted) / 1000;
  if (preview.errorCount > 0) throw new Error(`the preview of the import found ${preview.errorCount} errors`);
  const started = performance.now();
  const report = await upload('all');
  result.importSeconds = (performance.now() - started) / 1000;
  try {
    if (!report.committed || report.added !== members.length) {
      throw new Error(`the import added ${report.added} of ${members.length} rows (committed: ${report.committed}, errors: ${report.errorCount})`);
    }
    if (report.warningCount > 0) log(`  the import reported ${report.warningCount} warnings`);
    result.visibleSeconds = await waitForSummary(officer, period, region, expected, started);
    result.met = result.visibleSeconds !== null && result.visibleSeconds <= FRESHNESS_BUDGET_SECONDS;
    if (result.visibleSeconds === null) {
      const now = await readSummary(officer, period, region);
      result.error =
        `after ${GIVE_UP_SECONDS} s the summary shows activeMembers ${now.activeMembers} (expected ${expected.activeMembers}), ` +
        `contributionsCollected ${now.contributionsCollected} (expected ${expected.contributionsCollected})`;
    }
  } finally {
    const undoStarted = performance.now();
    await undo(officer, report.importId);
    result.undoSeconds = (performance.now() - undoStarted) / 1000;
    result.undoVisibleSeconds = await waitForSummary(officer, period, region, before, undoStarted);
    if (result.undoVisibleSeconds === null) result.error ??= 'after the undo the summary did not return to its figures before the import';
  }
  return result;
}
