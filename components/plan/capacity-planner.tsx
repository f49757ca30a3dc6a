'use client';

import { useActionState, useEffect, useState } from 'react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useI18n } from '@/components/i18n-provider';
import { DataTable } from '@/components/ui/data-table';
import { pushSearchParams } from '@/components/url-state';
import { PathChart } from '@/components/charts/path-chart';
import type { CapacityView, Scenario } from '@/contracts/plan';
import type { PlanScenarioActionState } from '@/domain/plan-scenarios';
import { formatNumber, formatPercent, formatPeriod, formatShortPeriod, type Figure } from '@/domain/format';
import { interpolate } from '@/i18n';
import { capacityQuery, planKeys, scenariosQuery, type CapacityParams } from '@/components/plan/queries';

type SaveAction = (state: PlanScenarioActionState, form: FormData) => Promise<PlanScenarioActionState>;

const PARAM_KEYS = ['region', 'target', 'by', 'embedded'] as const;

function sameParams(a: CapacityParams, b: CapacityParams) {
  return a.period === b.period && PARAM_KEYS.every((k) => a[k] === b[k]);
}

/**
 * The capacity planner: a target for a region by a month → the enrolments and agents it needs, the path
 * against the current trend, the method and its inputs; scenarios saved under a name, reopened and
 * compared. Its parameters live in the URL; the answer comes from /api/v1/plan/capacity.
 */
export function CapacityPlanner({
  initialParams,
  initial,
  initialScenarios,
  regions,
  save,
  canSave,
}: {
  initialParams: CapacityParams;
  initial: CapacityView | null;
  initialScenarios: Scenario[];
  regions: Array<{ code: string; name: string; level: string }>;
  save: SaveAction;
  canSave: boolean;
}) {
  const { locale, messages } = useI18n();
  const p = messages.plan;
  const search = useSearchParams();
  const fromUrl: CapacityParams = {
    period: initialParams.period,
    region: search.get('region') ?? initialParams.region,
    target: search.get('target') ?? initialParams.target,
    by: search.get('by') ?? initialParams.by,
    embedded: search.get('embedded') ?? initialParams.embedded,
  };
  const params = fromUrl;
  const key = JSON.stringify(params);
  const [draft, setDraft] = useState<CapacityParams>(params);
  const [draftFor, setDraftFor] = useState(key);
  if (draftFor !== key) {
    // The URL moved (a scenario opened, back or forward): the form follows it.
    setDraftFor(key);
    setDraft(params);
  }
  const query = useQuery({ ...capacityQuery(params), initialData: initial && sameParams(params, initialParams) ? initial : undefined });
  const view = query.data;
  const apply = (next: CapacityParams) => {
    pushSearchParams(new URLSearchParams(window.location.search), {
      region: next.region,
      target: next.target,
      by: next.by,
      embedded: next.embedded || null,
    });
  };

  const pct = (value: number | null | undefined, digits = 1) => formatPercent(value ?? null, locale, digits);

  return (
    <section aria-labelledby="capacity-title" className="plan-section">
      <h2 id="capacity-title">{p.capacityTitle}</h2>
      <p>{p.capacityIntro}</p>
      <form
        className="filter-bar no-print"
        aria-label={p.capacityTitle}
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <label>
          {p.region}
          <select name="region" value={draft.region} onChange={(e) => setDraft({ ...draft, region: e.target.value })}>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {p.target}
          <input name="target" inputMode="decimal" required value={draft.target} onChange={(e) => setDraft({ ...draft, target: e.target.value.replace(',', '.') })} size={6} />
        </label>
        <label>
          {p.by}
          <input name="by" type="month" required value={draft.by} onChange={(e) => setDraft({ ...draft, by: e.target.value })} />
        </label>
        <label>
          {p.embedded}
          <input
            name="embedded"
            inputMode="decimal"
            value={draft.embedded}
            onChange={(e) => setDraft({ ...draft, embedded: e.target.value.replace(',', '.') })}
            size={6}
            aria-describedby="embedded-hint"
          />
          <small id="embedded-hint">{interpolate(p.embeddedHint, { share: pct(view?.inputs.observedEmbeddedShare) })}</small>
        </label>
        <button type="submit">{query.isFetching ? p.computing : p.compute}</button>
      </form>
      {query.isError ? (
        <p role="alert" className="form-error">
          {query.error.message}
        </p>
      ) : null}
      {view ? <CapacityAnswer view={view} /> : null}
      {canSave && view?.answer ? <SaveScenario params={params} save={save} /> : null}
      <ScenarioList initial={initialScenarios} period={params.period} onOpen={apply} />
    </section>
  );
}

function CapacityAnswer({ view }: { view: CapacityView }) {
  const { locale, messages } = useI18n();
  const p = messages.plan;
  const n = (value: Figure | null | undefined, digits = 0) => formatNumber(value ?? null, locale, digits);
  const pct = (value: number | null | undefined, digits = 1) => formatPercent(value ?? null, locale, digits);
  const { answer, inputs } = view;
  const target = answer?.targetActive ?? 0;
  // One row per month: observed (provisional ones marked) beside the plan and the trend where both exist.
  const months = new Map<string, { period: string; observed: Figure | null; provisional: boolean; plan: number | null; trend: number | null; planRate: number | null }>();
  for (const h of view.history) months.set(h.period, { period: h.period, observed: h.active, provisional: h.provisional, plan: null, trend: null, planRate: null });
  for (const row of view.path) {
    const known = months.get(row.period);
    months.set(row.period, { period: row.period, observed: known?.observed ?? null, provisional: known?.provisional ?? false, plan: row.plan, trend: row.trend, planRate: row.planRate });
  }
  const merged = [...months.values()].sort((a, b) => a.period.localeCompare(b.period));
  const chart = merged.map((m) => ({
    label: formatShortPeriod(m.period, locale),
    observed: typeof m.observed === 'number' ? m.observed : null,
    plan: m.plan,
    trend: m.trend,
  }));
  const agentShare = inputs.mix.embedded + inputs.mix.outside;
  return (
    <div data-testid="capacity-answer">
      <h3>{p.answerTitle}</h3>
      {view.note === 'no_workforce' ? <p className="note">{p.noWorkforce}</p> : null}
      {view.note === 'no_history' ? <p className="note">{p.noHistory}</p> : null}
      {answer ? (
        <>
          <dl className="stat-list">
            <div>
              <dt>{interpolate(p.targetActive, { month: formatPeriod(view.targetMonth, locale) })}</dt>
              <dd>{n(answer.targetActive)}</dd>
            </div>
            <div>
              <dt>{p.enrolmentsNeeded}</dt>
              <dd data-testid="enrolments-needed">
                {n(answer.enrolmentsPerMonth)}{' '}
                <small>({interpolate(p.enrolmentsRange, { low: n(answer.enrolmentsPerMonthLow), high: n(answer.enrolmentsPerMonthHigh) })})</small>
              </dd>
            </div>
            <div>
              <dt>{p.agentRecruitsNeeded}</dt>
              <dd>{n(answer.agentRecruitsPerMonth)}</dd>
            </div>
            <div>
              <dt>{p.agentsNeeded}</dt>
              <dd data-testid="agents-needed">
                {n(answer.agentsNeeded)} <small>({interpolate(p.agentsNow, { count: n(inputs.activeAgents) })})</small>
              </dd>
            </div>
          </dl>
          {answer.enrolmentsPerMonth === 0 ? <p>{p.reached}</p> : null}
          <p>
            {interpolate(p.trendReaches, {
              trend: n(inputs.trendEnrolments, 1),
              month: formatPeriod(view.targetMonth, locale),
              rate: pct(answer.trendRateAtTarget),
            })}
          </p>
          {view.embeddedShare !== null ? (
            <p data-testid="scenario-effect">
              {interpolate(p.scenarioEffect, {
                share: pct(view.embeddedShare, 0),
                scenario: n(answer.enrolmentsPerMonth),
                observed: n(answer.enrolmentsPerMonthObservedMix),
              })}
            </p>
          ) : null}
        </>
      ) : null}
      <details className="method" open>
        <summary>{p.methodTitle}</summary>
        <p>{interpolate(p.method1, { start: formatPeriod(view.startMonth, locale) })}</p>
        <p>
          {interpolate(p.method2, {
            active: n(inputs.activeNow),
            survival: pct(inputs.stockSurvival, 2),
            from: formatPeriod(inputs.rateMonthsFrom, locale),
            to: formatPeriod(inputs.rateMonthsTo, locale),
            low: pct(inputs.stockSurvivalLow, 2),
            high: pct(inputs.stockSurvivalHigh, 2),
          })}
        </p>
        <p>{interpolate(p.method3, { cohorts: formatPeriod(inputs.cohortMonthsFrom, locale) })}</p>
        <p>{interpolate(p.method4, { workforce: n(inputs.workforce), year: String(inputs.workforceYear ?? '–') })}</p>
        <p>
          {interpolate(p.method5, {
            recruits: n(inputs.agentRecruits),
            agentMonths: n(inputs.agentMonths),
            agentRegion: inputs.agentRateRegion,
            rate: n(inputs.recruitsPerAgentMonth, 2),
            agentShare: pct(agentShare * 100),
          })}
        </p>
        <div className="table-wrap">
          <DataTable
            testId="survival-table"
            caption={p.survivalCaption}
            data={inputs.survival.filter((s) => [0, 1, 3, 6, 12, 18, 24].includes(s.k))}
            columns={[
              { id: 'k', header: p.monthsSince, cell: ({ row }) => row.original.k },
              { id: 'embedded', header: p.tieEmbedded, meta: { numeric: true }, cell: ({ row }) => pct(row.original.embedded) },
              { id: 'outside', header: p.tieOutside, meta: { numeric: true }, cell: ({ row }) => pct(row.original.outside) },
              { id: 'other', header: p.tieOther, meta: { numeric: true }, cell: ({ row }) => pct(row.original.other) },
            ]}
          />
        </div>
      </details>
      {answer ? (
        <>
          <h3>{p.pathTitle}</h3>
          <PathChart
            data={chart}
            target={target}
            format={(v) => formatNumber(v, locale)}
            labels={{ observed: p.observed, plan: p.planned, trend: p.trend, target: p.targetLine }}
          />
          <div className="table-wrap">
            <DataTable
              testId="path-table"
              caption={p.pathCaption}
              data={merged}
              columns={[
                {
                  id: 'period',
                  header: p.month,
                  cell: ({ row: { original: m } }) => (
                    <>
                      {formatPeriod(m.period, locale)} {m.provisional ? <small>({p.provisional})</small> : null}
                    </>
                  ),
                },
                { id: 'observed', header: p.observed, meta: { numeric: true }, cell: ({ row: { original: m } }) => (m.observed === null ? '' : n(m.observed)) },
                { id: 'plan', header: p.planned, meta: { numeric: true }, cell: ({ row: { original: m } }) => (m.plan === null ? '' : n(m.plan)) },
                { id: 'trend', header: p.trend, meta: { numeric: true }, cell: ({ row: { original: m } }) => (m.trend === null ? '' : n(m.trend)) },
                {
                  id: 'planRate',
                  header: `${p.coverage} (${p.planned})`,
                  meta: { numeric: true },
                  cell: ({ row: { original: m } }) => (m.planRate === null ? '' : pct(m.planRate)),
                },
              ]}
            />
          </div>
        </>
      ) : null}
    </div>
  );
}

function SaveScenario({ params, save }: { params: CapacityParams; save: SaveAction }) {
  const { messages } = useI18n();
  const p = messages.plan;
  const queryClient = useQueryClient();
  const [state, action, pending] = useActionState(save, { ok: false, message: '' });
  useEffect(() => {
    if (state.ok) void queryClient.invalidateQueries({ queryKey: planKeys.scenarios() });
  }, [state, queryClient]);
  return (
    <form action={action} className="filter-bar no-print" aria-label={p.saveTitle}>
      <input type="hidden" name="region" value={params.region} />
      <input type="hidden" name="targetRate" value={params.target} />
      <input type="hidden" name="targetMonth" value={params.by} />
      <input type="hidden" name="embeddedShare" value={params.embedded} />
      <label>
        {p.name}
        <input name="name" required maxLength={80} aria-invalid={Boolean(state.fieldErrors?.name)} />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? p.saving : p.save}
      </button>
      {state.message ? (
        <p role="status" className={state.ok ? 'form-ok' : 'form-error'}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

function ScenarioList({ initial, period, onOpen }: { initial: Scenario[]; period: string; onOpen: (p: CapacityParams) => void }) {
  const { locale, messages } = useI18n();
  const p = messages.plan;
  const { data } = useQuery({ ...scenariosQuery(), initialData: { rows: initial } });
  const rows = data.rows;
  const paramsOf = (s: Scenario): CapacityParams => ({
    period,
    region: s.region,
    target: String(s.targetRate),
    by: s.targetMonth,
    embedded: s.embeddedShare === null ? '' : String(s.embeddedShare),
  });
  // Each saved scenario recomputed on today's data, to compare them side by side.
  const answers = useQueries({ queries: rows.slice(0, 8).map((s) => capacityQuery(paramsOf(s))) });
  return (
    <div>
      <h3>{p.scenariosTitle}</h3>
      {rows.length === 0 ? (
        <p>{p.scenariosNone}</p>
      ) : (
        <div className="table-wrap">
          <DataTable
            testId="scenarios-table"
            caption={p.scenariosTitle}
            data={rows}
            columns={[
              { id: 'name', header: p.name, cell: ({ row }) => row.original.name },
              { id: 'region', header: p.region, cell: ({ row }) => row.original.regionName },
              { id: 'target', header: p.targetShort, meta: { numeric: true }, cell: ({ row }) => formatPercent(row.original.targetRate, locale, 1) },
              { id: 'by', header: p.byShort, cell: ({ row }) => formatPeriod(row.original.targetMonth, locale) },
              {
                id: 'embedded',
                header: p.embeddedShort,
                meta: { numeric: true },
                cell: ({ row: { original: s } }) => (s.embeddedShare === null ? p.observedShare : formatPercent(s.embeddedShare, locale, 0)),
              },
              {
                id: 'enrolments',
                header: p.enrolmentsShort,
                meta: { numeric: true },
                cell: ({ row }) => {
                  const answer = answers[row.index]?.data?.answer;
                  return answer ? formatNumber(answer.enrolmentsPerMonth, locale) : '…';
                },
              },
              {
                id: 'agents',
                header: p.agentsShort,
                meta: { numeric: true },
                cell: ({ row }) => {
                  const answer = answers[row.index]?.data?.answer;
                  return answer ? formatNumber(answer.agentsNeeded, locale) : '…';
                },
              },
              {
                id: 'open',
                header: () => <span className="visually-hidden">{p.open}</span>,
                cell: ({ row: { original: s } }) => (
                  <button type="button" onClick={() => onOpen(paramsOf(s))} aria-label={`${p.open} ${s.name}`}>
                    {p.open}
                  </button>
                ),
              },
            ]}
          />
        </div>
      )}
    </div>
  );
}
