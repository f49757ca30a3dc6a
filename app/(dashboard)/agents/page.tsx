import { getDb } from '@/db';
import { listAgents } from '@/server/agents';
import { AgentsExplorer } from '@/components/agents/agents-explorer';
import { agentColumns } from '@/components/agents/columns';
import { PeriodPicker } from '@/components/period-picker';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { currentMonth, latestCompleteMonth } from '@/domain/month';
import { parseParams } from '@/contracts/params';
import { AGENT_FILTER_KEYS, agentsContract } from '@/contracts/agents';
import { PeriodText } from '@/components/period-text';
import { dashboardPage } from '../dashboard-page';
import type { AgentFilterParams } from '@/components/agents/queries';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('agents');

/** The agents table (Agen): a supervisor's home, everyone else's view of all the region's agents. */
export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePagePermission('view:aggregates');
  const { period, supervisor, village, community } = parseParams(agentsContract.params, searchParams);
  const { messages } = await getI18n();
  const a = messages.agents;
  // The filters as the URL holds them, for the explorer's own URL state (already checked above).
  const initialFilters: AgentFilterParams = {};
  for (const key of AGENT_FILTER_KEYS) {
    const value = searchParams[key];
    if (typeof value === 'string' && value) initialFilters[key] = value;
  }
  const view = await listAgents(await getDb(), {
    caller,
    period,
    filters: { supervisorId: supervisor, villageCode: village, communityId: community },
    explain: true,
  });
  const scope =
    caller.role === 'supervisor' ? a.scopeOwn : interpolate(a.scopeAll, { region: view.regionName });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{caller.role === 'supervisor' ? a.yourAgents : a.title}</h1>
          <p data-testid="page-subtitle">
            <PeriodText template={a.subtitle} values={{ scope }} initialPeriod={period} />
          </p>
        </div>
        <div className="head-tools">
          <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
        </div>
      </div>
      <AgentsExplorer
        initialPeriod={period}
        initialFilters={initialFilters}
        initial={view}
        columns={agentColumns(messages, caller.role)}
        showFilters={{ supervisor: caller.role !== 'supervisor' }}
      />
      {suppressesSmallCells(caller.role) ? <p className="note">{messages.overview.suppressedNote}</p> : null}
    </>
  );
});
