import type { Metadata } from 'next';
import { getDb } from '@/db';
import { listAgents } from '@/db/queries/agents';
import { AgentsExplorer } from '@/components/agents/agents-explorer';
import { agentColumns } from '@/components/agents/columns';
import { PeriodPicker } from '@/components/period-picker';
import { MessageBox } from '@/components/ui/message-box';
import { parseAgentFilters } from '@/lib/agents';
import { suppressesSmallCells } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { formatPeriod } from '@/lib/format';
import { interpolate } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';
import { currentMonth, isPeriod, latestCompleteMonth } from '@/lib/indicators/month';
import { AGENT_FILTER_KEYS, type AgentFilterParams } from '@/lib/queries/agents';

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
        columns={agentColumns(messages)}
        showFilters={{ supervisor: caller.role !== 'supervisor' }}
      />
      {suppressesSmallCells(caller.role) ? <p className="note">{messages.overview.suppressedNote}</p> : null}
    </>
  );
}
