import type { Metadata } from 'next';
import { getDb } from '@/db';
import { listAgents } from '@/server/agents';
import { AgentsExplorer } from '@/components/agents/agents-explorer';
import { agentColumns } from '@/components/agents/columns';
import { PeriodPicker } from '@/components/period-picker';
import { MessageBox } from '@/components/ui/message-box';
import { parseAgentFilters } from '@/contracts/agents';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { currentMonth, isPeriod, latestCompleteMonth } from '@/domain/month';
import { AGENT_FILTER_KEYS, type AgentFilterParams } from '@/components/agents/queries';

export const metadata: Metadata = { title: 'Agen' };

/** The agents table (Agen): a supervisor's home, everyone else's view of all the region's agents. */
export default async function AgentsPage({
  searchParams,
}: {
  searchParams: Promise<{ period?: string; supervisor?: string; village?: string; community?: string }>;
}) {
  const caller = await requirePagePermission('view:aggregates');
  const params = await searchParams;
  const period = params.period && isPeriod(params.period) ? params.period : latestCompleteMonth();
  const { locale, messages } = await getI18n();
  const a = messages.agents;
  const initialFilters: AgentFilterParams = {};
  for (const key of AGENT_FILTER_KEYS) if (params[key]) initialFilters[key] = params[key];
  let view;
  try {
    const filters = parseAgentFilters(new URLSearchParams(initialFilters as Record<string, string>));
    view = await listAgents(await getDb(), { caller, period, filters });
  } catch (error) {
    if (error instanceof AppError) {
      return <MessageBox title={messages.errors.title}>{error.localizedMessage(locale)}</MessageBox>;
    }
    throw error;
  }
  const scope =
    caller.role === 'supervisor' ? a.scopeOwn : interpolate(a.scopeAll, { region: view.regionName });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{caller.role === 'supervisor' ? a.yourAgents : a.title}</h1>
          <p>{interpolate(a.subtitle, { scope, period: formatPeriod(period, locale) })}</p>
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
}
