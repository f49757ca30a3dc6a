import { getDb } from '@/db';
import { getAgentGaps, getCapacityPlan, getChannelEffectiveness, getPlanChoices, listPlanRegions, listScenarios } from '@/server/plan';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { interpolate } from '@/i18n';
import { can, suppressesSmallCells } from '@/domain/permissions';
import { addMonths, yearOf } from '@/domain/month';
import { formatNumber, formatPercent, formatPeriod, type Figure } from '@/domain/format';
import { parseParams } from '@/contracts/params';
import { capacityContract, channelsContract } from '@/contracts/plan';
import { CapacityPlanner } from '@/components/plan/capacity-planner';
import { ExportLinks } from '@/components/coverage/export-links';
import { DataTable, type DataColumn } from '@/components/ui/data-table';
import { dashboardPage } from '../dashboard-page';
import { savePlanScenario } from './actions';
import { pageTitle } from '@/server/page-title';

type ChannelRow = Awaited<ReturnType<typeof getChannelEffectiveness>>['rows'][number];

export const generateMetadata = pageTitle('plan');

/** Each gap table shows its top rows; the export has them all. */
const GAP_ROWS_SHOWN = 15;

/** Planning with the study's mechanisms: capacity for a target, agents from within, channels that keep members. */
export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePagePermission('plan:coverage');
  const { period, region, target, by, embedded } = parseParams(capacityContract.params, searchParams);
  const { community } = parseParams(channelsContract.params, searchParams);
  const db = await getDb();
  const { locale, messages } = await getI18n();
  const p = messages.plan;
  const regionCode = region ?? caller.regionCode ?? undefined;
  // The region's own coverage target for the year after the period, when an admin set one; else 30 %.
  const targetMonth = by ?? `${yearOf(period) + 1}-12`;
  const regionsList = await listPlanRegions(db, { caller, region: regionCode });
  const chosen = regionCode ?? regionsList[0]?.code ?? '33.02.14';
  const choices = await getPlanChoices(db, { caller, region: chosen, year: yearOf(targetMonth) });
  const communities = choices.communities;
  const targetRate = target ?? choices.targetRate ?? 30;
  const [capacity, gaps, channels, scenarios] = await Promise.all([
    getCapacityPlan(db, { caller, period, region: chosen, targetRate, targetMonth, embeddedShare: embedded ?? null }),
    getAgentGaps(db, { caller, period, region: chosen, locale }),
    getChannelEffectiveness(db, { caller, to: period, region: chosen, communityId: community }),
    listScenarios(db, { caller }),
  ]);
  const n = (value: Figure | null | undefined, digits = 0) => formatNumber(value ?? null, locale, digits);
  const pct = (value: Figure | null | undefined, digits = 1) => formatPercent(value ?? null, locale, digits);
  const rg = gaps.regionGap;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{p.title}</h1>
          <p>{interpolate(p.subtitle, { region: gaps.regionName, period: formatPeriod(period, locale) })}</p>
        </div>
      </div>
      <p className="observational" data-testid="observational-note">
        {p.observational}
      </p>

      <CapacityPlanner
        initialParams={{ period, region: chosen, target: String(targetRate), by: targetMonth, embedded: embedded === undefined ? '' : String(embedded) }}
        initial={capacity}
        initialScenarios={scenarios}
        regions={regionsList}
        save={savePlanScenario}
        canSave={can(caller.role, 'plan:coverage')}
      />

      <section aria-labelledby="gaps-title" className="plan-section">
        <h2 id="gaps-title">{p.gapsTitle}</h2>
        <p>
          {interpolate(p.gapsIntro, {
            region: gaps.regionName,
            min: gaps.minLocalCohort,
            from: formatPeriod(gaps.cohortsFrom, locale),
            to: formatPeriod(gaps.cohortsTo, locale),
          })}
        </p>
        <p data-testid="region-gap">
          {interpolate(p.gapsRegion, {
            region: gaps.regionName,
            gap: n(rg.gap, 1),
            low: n(rg.gapLow, 1),
            high: n(rg.gapHigh, 1),
            embRetained: n(rg.embeddedRetained),
            embCohort: n(rg.embeddedCohort),
            outRetained: n(rg.outsideRetained),
            outCohort: n(rg.outsideCohort),
          })}
        </p>
        <ExportLinks path="/api/v1/plan/agent-gaps" params={{ region: chosen }} initialPeriod={period} withPrint label={p.gapsTitle} />
        {gaps.rows.length === 0 ? <p>{p.gapsNone}</p> : null}
        {(
          [
            ['community', p.gapsCommunities, 'gaps-communities'],
            ['village_occupation', p.gapsPlaces, 'gaps-places'],
          ] as const
        ).map(([kind, title, testId]) => {
          const all = gaps.rows.filter((row) => row.kind === kind);
          if (all.length === 0) return null;
          const shown = all.slice(0, GAP_ROWS_SHOWN);
          return (
            <div key={kind} className="table-wrap" style={{ marginBottom: '1rem' }}>
              <DataTable
                testId={testId}
                caption={`${title}: ${interpolate(p.gapsShown, { shown: shown.length, total: all.length })}`}
                data={shown}
                columnVisibility={{ workforce: kind === 'village_occupation' }}
                columns={[
                  {
                    id: 'place',
                    header: p.place,
                    cell: ({ row: { original: row } }) =>
                      kind === 'community' ? (
                        <>
                          {row.name} <small className="muted">({row.village})</small>
                        </>
                      ) : (
                        row.name
                      ),
                  },
                  {
                    id: 'agentsFromWithin',
                    header: p.agentsFromWithin,
                    meta: { numeric: true },
                    cell: ({ row: { original: row } }) => (row.agentsFromWithin > 0 ? n(row.agentsFromWithin) : <strong>{p.none}</strong>),
                  },
                  { id: 'active', header: p.active, meta: { numeric: true }, cell: ({ row }) => n(row.original.activeMembers) },
                  { id: 'inArrears', header: p.inArrears, meta: { numeric: true }, cell: ({ row }) => n(row.original.membersInArrears) },
                  { id: 'ended', header: p.ended, meta: { numeric: true }, cell: ({ row }) => n(row.original.endedMembers) },
                  { id: 'workforce', header: p.workforce, meta: { numeric: true }, cell: ({ row }) => n(row.original.workforce) },
                  { id: 'notCovered', header: p.notCovered, meta: { numeric: true }, cell: ({ row }) => n(row.original.notCovered) },
                  {
                    id: 'gap',
                    header: p.gap,
                    meta: { numeric: true },
                    cell: ({ row: { original: row } }) => (
                      <>
                        {n(row.gap, 1)}{' '}
                        <small className="muted">
                          ({n(row.gapLow, 0)}–{n(row.gapHigh, 0)}; {row.gapSource === 'village' ? p.gapSourceVillage : p.gapSourceRegion})
                        </small>
                      </>
                    ),
                  },
                  {
                    id: 'likelyKept',
                    header: p.likelyKept,
                    meta: { numeric: true },
                    cell: ({ row: { original: row } }) => (
                      <>
                        {n(row.likelyKept, 1)}{' '}
                        <small className="muted">
                          ({n(row.likelyKeptLow, 0)}–{n(row.likelyKeptHigh, 0)})
                        </small>
                      </>
                    ),
                  },
                ]}
              />
            </div>
          );
        })}
      </section>

      <section aria-labelledby="channels-title" className="plan-section">
        <h2 id="channels-title">{p.channelsTitle}</h2>
        <p>{interpolate(p.channelsIntro, { from: formatPeriod(channels.from, locale), to: formatPeriod(channels.to, locale) })}</p>
        <form method="get" className="filter-bar no-print" aria-label={p.channelsTitle}>
          <input type="hidden" name="region" value={chosen} />
          <label>
            {p.community}
            <select name="community" defaultValue={community === undefined ? '' : String(community)}>
              <option value="">{p.allCommunities}</option>
              {communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{p.show}</button>
        </form>
        <ExportLinks
          path="/api/v1/plan/channels"
          params={{ region: chosen, to: period, ...(community ? { community: String(community) } : {}) }}
          initialPeriod={period}
          label={p.channelsTitle}
        />
        <div className="table-wrap">
          <DataTable
            testId="channels-table"
            caption={`${p.channelsTitle}${channels.community ? ` — ${channels.community.name}` : ''}`}
            data={channels.rows}
            columns={[
              { id: 'channel', header: p.channel, cell: ({ row }) => messages.channels[row.original.key] },
              { id: 'enrolments', header: p.enrolments, meta: { numeric: true }, cell: ({ row }) => n(row.original.enrolments) },
              { id: 'share', header: p.share, meta: { numeric: true }, cell: ({ row }) => pct(row.original.share) },
              ...(['retention3m', 'retention6m', 'retention12m'] as const).map(
                (key): DataColumn<ChannelRow> => ({
                  id: key,
                  header: p[key],
                  meta: { numeric: true },
                  cell: ({ row }) => {
                    const cell = row.original[key];
                    return (
                      <>
                        {pct(cell.rate)} <small className="muted">({interpolate(p.ofCohort, { retained: n(cell.retained), cohort: n(cell.cohort) })})</small>
                      </>
                    );
                  },
                }),
              ),
              {
                id: 'activeNow',
                header: interpolate(p.activeNow, { period: formatPeriod(channels.to, locale) }),
                meta: { numeric: true },
                cell: ({ row }) => n(row.original.activeNow),
              },
              { id: 'inArrears', header: p.inArrears, meta: { numeric: true }, cell: ({ row }) => n(row.original.membersInArrears) },
              { id: 'claims', header: p.claims, meta: { numeric: true }, cell: ({ row }) => n(row.original.claims) },
              { id: 'membersWithClaim', header: p.membersWithClaim, meta: { numeric: true }, cell: ({ row }) => n(row.original.membersWithClaim) },
            ]}
          />
        </div>
      </section>
      {suppressesSmallCells(caller.role) ? <p className="note">{messages.overview.suppressedNote}</p> : null}
      <p className="note">{interpolate(p.method1, { start: formatPeriod(addMonths(period, -3), locale) })}</p>
    </>
  );
});
