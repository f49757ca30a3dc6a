// An outside reader's attack on complementary suppression: every figure a caller can reach through the
// services behind the pages, the API and the exports (summary with its compared months, every coverage
// breakdown, trends, the map, communities, agents and their months, the claims summary, the worklist),
// put in one table with the sums that bind them (a region = its children = each of its breakdowns;
// a claims total = its programmes = its months = its villages ...). A hidden cell is recoverable when the
// shown ones and the sums determine it (domain/suppression's elimination), whichever page showed what.
import type { Database } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { getCoverageView, getTrendView, listCommunities } from '@/server/coverage';
import { getSummaryView } from '@/server/summary';
import { getMapView } from '@/server/map';
import { getAgentDetail, listAgents } from '@/server/agents';
import { getClaimsSummary } from '@/server/claims';
import { getWorklist } from '@/server/worklist';
import { getSummarySeries } from '@/server/indicators/series';
import { ADDITIVE_METRICS } from '@/server/figures';
import { COVERAGE_BY } from '@/contracts/coverage';
import { isSummaryMetric } from '@/domain/summary-metrics';
import { addMonths } from '@/domain/month';
import { recoverableCells, type Additivity } from '@/domain/suppression';
import { isHidden } from '@/domain/format';

export interface Relation {
  label: string;
  total: string;
  parts: string[];
}

export interface Published {
  /** Every figure shown, by cell id (`scope|period|metric`); a number anywhere wins over a hidden one. */
  figures: Map<string, unknown>;
  relations: Relation[];
  /** Values of cells no view shows (the worklist's cells beyond its top rows), from the indicators. */
  unpublished: Map<string, number>;
}

export interface AuditScope {
  periods: string[];
  /** Regions whose summary, breakdowns and trend are read (their children too when listed). */
  regions: string[];
  /** The region of the agents, communities, claims and worklist pages (the caller's default). */
  home: string;
  /** Agents whose own page is read. */
  agentCodes: string[];
}

const id = (scope: string, period: string, metric: string) => `${scope}|${period}|${metric}`;

export async function publish(db: Database, caller: Caller, audit: AuditScope): Promise<Published> {
  const figures = new Map<string, unknown>();
  const relations: Relation[] = [];
  const unpublished = new Map<string, number>();
  const put = (key: string, value: unknown) => {
    const before = figures.get(key);
    if (before === undefined || isHidden(before) || before === null) figures.set(key, value);
  };
  const relate = (label: string, total: string, parts: string[]) => relations.push({ label, total, parts });
  const from = audit.periods[0]!;
  const to = audit.periods[audit.periods.length - 1]!;

  for (const region of audit.regions) {
    for (const period of audit.periods) {
      const summary = await getSummaryView(db, { caller, period, regionCode: region, compare: true, explain: true });
      for (const m of ADDITIVE_METRICS) {
        put(id(region, period, m), summary[m]);
        put(id(region, summary.previousMonth!.period, m), summary.previousMonth![m]);
        put(id(region, summary.sameMonthLastYear!.period, m), summary.sameMonthLastYear![m]);
      }
      // The explanations' parts are figures too (issue 19): a number there must not be a hidden cell's.
      const explained = summary.explanations!;
      put(id(region, period, 'activeMembers'), explained.coverageRate.numerator!.value);
      put(id(region, summary.previousMonth!.period, 'activeMembers'), explained.lapseRate.denominator!.value);
      put(id(region, period, 'newEnrolments'), explained.newEnrolments.numerator!.value);
      put(id(region, period, 'lapsedMembers'), explained.lapsedMembers.numerator!.value);
      put(id(region, period, 'reactivatedMembers'), explained.reactivatedMembers.numerator!.value);
      put(id(region, period, 'contributionsCollected'), explained.contributionsCollected.numerator!.value);
      put(id(region, period, 'claimsPaidAmount'), explained.claimsPaidAmount.numerator!.value);
      for (const by of COVERAGE_BY) {
        if (by === 'village' && region.length === 13) continue;
        const view = await getCoverageView(db, { caller, period, regionCode: region, by, locale: 'id', explain: true });
        const scopeOf = (key: string) => (by === 'village' ? key : `${region}/${by}:${key}`);
        for (const row of view.rows) {
          for (const m of ADDITIVE_METRICS) put(id(scopeOf(row.key), period, m), row[m]);
          put(id(scopeOf(row.key), period, 'activeMembers'), view.explanations![row.key]!.numerator!.value);
          const active = id(scopeOf(row.key), period, 'activeMembers');
          if (isHidden(row.activeMembers) && row.informalWorkforce) {
            // The workforce is public: a shown rate or uncovered count gives the members back.
            if (typeof row.coverageRate === 'number') put(`${active}|via-coverageRate`, row.coverageRate);
            if (typeof row.uncoveredWorkers === 'number') put(`${active}|via-uncoveredWorkers`, row.uncoveredWorkers);
          }
        }
        for (const m of ADDITIVE_METRICS) relate(`${region} by ${by} ${period} ${m}`, id(region, period, m), view.rows.map((r) => id(scopeOf(r.key), period, m)));
      }
    }
    for (const m of ADDITIVE_METRICS) {
      if (!isSummaryMetric(m)) continue;
      const trend = await getTrendView(db, { caller, metric: m, from: addMonths(from, -1), to, regionCode: region });
      for (const point of trend.points) put(id(region, point.period, m), point.value);
    }
  }

  for (const region of audit.regions.filter((r) => r.length < 13)) {
    for (const period of audit.periods) {
      for (const metric of ['activeMembers', 'newEnrolments', 'claimsPaidCount', 'claimsPaidAmount', 'coverageRate', 'uncoveredWorkers'] as const) {
        const map = await getMapView(db, { caller, period, metric, regionCode: region });
        for (const f of map.features) {
          const value = f.properties.value;
          if (metric === 'coverageRate' || metric === 'uncoveredWorkers') {
            if (typeof value === 'number') put(id(f.properties.code, period, 'activeMembers') + `|via-${metric}`, value);
            continue;
          }
          put(id(f.properties.code, period, metric), value);
        }
      }
    }
  }

  const home = audit.home;
  for (const period of audit.periods) {
    for (const row of await listCommunities(db, { caller, period, regionCode: home, locale: 'id' })) {
      for (const m of ['activeMembers', 'newEnrolments', 'lapsedMembers', 'claimsPaidCount', 'claimsPaidAmount'] as const) {
        put(id(`${home}/community:${row.key}`, period, m), row[m]);
      }
    }
    const agents = await listAgents(db, { caller, period });
    for (const row of agents.rows) {
      const scope = `${home}/agent:${row.code}`;
      put(id(scope, period, 'activeMembers'), row.activeMembers);
      put(id(scope, period, 'lapsedMembers'), row.membersInArrears);
      put(id(scope, addMonths(period, -1), 'lapsedMembers'), row.membersInArrearsPreviousMonth);
      put(id(scope, period, 'recruits'), row.recruits);
    }
    // The district's embedded/outside cohorts are the sums of the rows' (a rate with one of its counts gives the other).
    for (const tie of ['embedded', 'outside'] as const) {
      for (const field of ['Cohort', 'Retained'] as const) {
        const key = `${tie}${field}` as const;
        const total = id(`${home}/trust:${tie}`, period, field);
        put(total, agents.trust[tie][field === 'Cohort' ? 'cohort' : 'retained']);
        for (const row of agents.rows) put(id(`${home}/agent:${row.code}/${tie}`, period, field), row[key]);
        relate(`agents ${tie} ${field} ${period}`, total, agents.rows.map((row) => id(`${home}/agent:${row.code}/${tie}`, period, field)));
      }
      for (const row of agents.rows) {
        const rate = row[`${tie}Retention6m`];
        const cohort = row[`${tie}Cohort`];
        const retained = row[`${tie}Retained`];
        if (typeof rate === 'number' && rate > 0 && typeof cohort === 'number' && isHidden(retained)) put(id(`${home}/agent:${row.code}/${tie}`, period, 'Retained'), Math.round((rate * cohort) / 100));
        if (typeof rate === 'number' && rate > 0 && typeof retained === 'number' && isHidden(cohort)) put(id(`${home}/agent:${row.code}/${tie}`, period, 'Cohort'), Math.round((retained * 100) / rate));
      }
    }
    const worklist = await getWorklist(db, { caller, period, regionCode: home, locale: 'id' });
    const cells = await getSummarySeries(db, { from: period, to: period, scope: { regionCode: home }, by: 'village_occupation' });
    for (const cell of cells) {
      for (const m of ['activeMembers', 'lapsedMembers'] as const) unpublished.set(id(`${home}/vo:${cell.key}`, period, m), cell[m]);
    }
    for (const cell of worklist.cells) {
      put(id(`${home}/vo:${cell.key}`, period, 'activeMembers'), cell.activeMembers);
      put(id(`${home}/vo:${cell.key}`, period, 'lapsedMembers'), cell.lapsedMembers);
    }
    for (const cell of worklist.communities) {
      put(id(`${home}/community:${cell.key}`, period, 'activeMembers'), cell.activeMembers);
      put(id(`${home}/community:${cell.key}`, period, 'lapsedMembers'), cell.lapsedMembers);
    }
    for (const m of ['activeMembers', 'lapsedMembers'] as const) {
      const villages = [...new Set(cells.map((c) => c.key.split('|')[0]!))];
      const occupations = [...new Set(cells.map((c) => c.key.split('|')[1]!))];
      for (const v of villages) relate(`${home} worklist ${v} ${period} ${m}`, id(v, period, m), cells.filter((c) => c.key.startsWith(`${v}|`)).map((c) => id(`${home}/vo:${c.key}`, period, m)));
      for (const o of occupations) {
        relate(`${home} worklist occupation ${o} ${period} ${m}`, id(`${home}/occupation:${o}`, period, m), cells.filter((c) => c.key.endsWith(`|${o}`)).map((c) => id(`${home}/vo:${c.key}`, period, m)));
      }
    }
  }
  for (const code of audit.agentCodes) {
    const detail = await getAgentDetail(db, { caller, code, period: to, months: audit.periods.length + 1 });
    if (!detail) continue;
    const scope = `${home}/agent:${code}`;
    for (const point of detail.series) {
      put(id(scope, point.period, 'activeMembers'), point.activeMembers);
      put(id(scope, point.period, 'lapsedMembers'), point.membersInArrears);
      put(id(scope, point.period, 'recruits'), point.recruits);
    }
    put(id(scope, to, 'activeMembers'), detail.statusMix.aktif);
    put(id(scope, to, 'lapsedMembers'), detail.statusMix.menunggak);
  }

  // Claims: each month alone, and the whole range.
  const ranges = [...audit.periods.map((p) => [p, p] as const), [from, to] as const];
  for (const [start, end] of ranges) {
    const summary = await getClaimsSummary(db, { caller, from: start, to: end, region: home });
    const range = start === end ? start : `${start}..${end}`;
    for (const [metric, key] of [['claimsPaidCount', 'count'], ['claimsPaidAmount', 'amount']] as const) {
      const total = id(home, range, metric);
      put(total, metric === 'claimsPaidCount' ? summary.paidCount : summary.paidAmount);
      for (const p of summary.byProgram) put(id(`${home}/program:${p.program}`, range, metric), p[key]);
      for (const m of summary.byMonth) put(id(`${home}/program:${m.program}`, m.period, metric), m[key]);
      for (const v of summary.byVillage) put(id(start === end ? v.code : `${v.code}/claims`, range, metric), metric === 'claimsPaidCount' ? v.paidCount : v.paidAmount);
      relate(`claims ${range} by programme ${metric}`, total, summary.byProgram.map((p) => id(`${home}/program:${p.program}`, range, metric)));
      relate(`claims ${range} by month ${metric}`, total, summary.byMonth.map((m) => id(`${home}/program:${m.program}`, m.period, metric)));
      relate(`claims ${range} by village ${metric}`, total, summary.byVillage.map((v) => id(start === end ? v.code : `${v.code}/claims`, range, metric)));
      for (const period of new Set(summary.byMonth.map((m) => m.period))) {
        relate(`claims ${period} by programme (month) ${metric}`, id(home, period, metric), summary.byMonth.filter((m) => m.period === period).map((m) => id(`${home}/program:${m.program}`, period, metric)));
      }
      if (start !== end) {
        for (const p of summary.byProgram) {
          relate(`claims ${range} ${p.program} by month ${metric}`, id(`${home}/program:${p.program}`, range, metric), summary.byMonth.filter((m) => m.program === p.program).map((m) => id(`${home}/program:${m.program}`, m.period, metric)));
        }
      }
    }
    for (const point of summary.payoutsVsContributions) {
      put(id(home, point.period, 'claimsPaidAmount'), point.claimsPaidAmount);
      put(id(home, point.period, 'contributionsCollected'), point.contributionsCollected);
    }
    const submitted = id(home, range, 'submitted');
    for (const s of summary.byStatus) put(id(`${home}/status:${s.status}`, range, 'submitted'), s.count);
    for (const v of summary.byVillage) put(id(v.code, range, 'submitted'), v.submittedCount);
    for (const r of summary.rejectionReasons) put(id(`${home}/reason:${r.reason}`, range, 'submitted'), r.count);
    relate(`claims ${range} by status`, submitted, summary.byStatus.map((s) => id(`${home}/status:${s.status}`, range, 'submitted')));
    relate(`claims ${range} submitted by village`, submitted, summary.byVillage.map((v) => id(v.code, range, 'submitted')));
    relate(`claims ${range} rejected by reason`, id(`${home}/status:rejected`, range, 'submitted'), summary.rejectionReasons.map((r) => id(`${home}/reason:${r.reason}`, range, 'submitted')));
  }
  return { figures, relations, unpublished };
}

export interface AuditResult {
  /** Sums that hold in the true figures and hold at least one hidden cell (shown hidden, or not shown at all). */
  breakdownsChecked: number;
  /** Cells shown as "<5" or "x" somewhere and as a number nowhere. */
  hiddenCells: number;
  /** Hidden cells worked out from the shown ones, today and with "<5" alone (what Payung did before). */
  recoverable: string[];
  recoverableWithPrimaryOnly: string[];
  /** Cells shown as different numbers by two views (an audit mistake, or a service bug). */
  conflicts: string[];
}

/**
 * `truth`: the same publication for a caller who sees every number; `shown`: the caller under test.
 * Sums are kept only where the true figures add up (e.g. members without an occupation are in no cell).
 */
export function audit(truth: Published, shown: Published): AuditResult {
  const value = (key: string): number | undefined => {
    const v = truth.figures.get(key) ?? truth.unpublished.get(key);
    return typeof v === 'number' ? v : undefined;
  };
  const conflicts: string[] = [];
  for (const [key, v] of shown.figures) {
    const real = value(key.replace(/\|via-.*$/, ''));
    if (typeof v === 'number' && real !== undefined && !key.includes('|via-') && Math.abs(v - real) > 1e-6) conflicts.push(`${key}: ${v} ≠ ${real}`);
  }
  const relations = shown.relations.filter((r) => {
    // An empty list splits nothing (no rejection reason listed: no claim rejected, as the register says).
    if (r.parts.length === 0) return false;
    const total = value(r.total);
    const parts = r.parts.map(value);
    if (parts.some((p) => p === undefined)) return false;
    const sum = (parts as number[]).reduce((a, b) => a + b, 0);
    // A total no view shows (the submitted claims of a range) is an unknown that still binds its parts.
    return total === undefined ? !shown.figures.has(r.total) : Math.abs(sum - total) < 1e-6;
  });
  const ids = [...new Set(relations.flatMap((r) => [r.total, ...r.parts]))];
  const index = new Map(ids.map((key, i) => [key, i]));
  const sums: Additivity[] = relations.map((r) => ({ total: index.get(r.total)!, parts: r.parts.map((p) => index.get(p)!) }));
  const shownAsNumber = (key: string) => {
    const v = shown.figures.get(key);
    // A map colour from a rate gives the members back as surely as the count.
    return typeof v === 'number' || [...shown.figures.keys()].some((k) => k.startsWith(`${key}|via-`));
  };
  const hiddenNow = ids.map((key) => !shownAsNumber(key));
  const hiddenBefore = ids.map((key) => shown.figures.get(key) === '<5' || !shown.figures.has(key));
  const checked = relations.filter((r) => [r.total, ...r.parts].some((key) => hiddenNow[index.get(key)!])).length;
  return {
    breakdownsChecked: checked,
    hiddenCells: ids.filter((key) => shown.figures.has(key) && !shownAsNumber(key)).length,
    recoverable: recoverableCells(ids.length, sums, hiddenNow).map((i) => ids[i]!),
    recoverableWithPrimaryOnly: recoverableCells(ids.length, sums, hiddenBefore).map((i) => ids[i]!),
    conflicts,
  };
}
