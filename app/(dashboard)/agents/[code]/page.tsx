import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getAgentDetail, parseAgentCode } from '@/server/agents';
import { AgentView } from '@/components/agents/agent-view';
import { PeriodPicker } from '@/components/period-picker';
import { can, suppressesSmallCells } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { formatDate } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { currentMonth, latestCompleteMonth } from '@/domain/month';
import { parseParams } from '@/contracts/params';
import { agentContract } from '@/contracts/agents';
import { PeriodLink } from '@/components/period-text';
import { dashboardPage } from '../../dashboard-page';
import { updateAgentTarget } from '../actions';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('agent');

/** One agent. Another supervisor's agent answers 404 like a missing one (no probing which agents exist). */
export default dashboardPage<{ code: string }>(async ({ params, searchParams }) => {
  const caller = await requirePagePermission('view:aggregates');
  let code: string;
  try {
    code = parseAgentCode(params.code);
  } catch (error) {
    if (error instanceof AppError) notFound();
    throw error;
  }
  const { period } = parseParams(agentContract.params, searchParams);
  const { locale, messages } = await getI18n();
  const a = messages.agents;
  const agent = await getAgentDetail(await getDb(), { caller, code, period });
  if (!agent) notFound();
  return (
    <>
      <div className="page-head">
        <div>
          <p className="no-print">
            <PeriodLink href="/agents" initialPeriod={period}>
              ← {a.back}
            </PeriodLink>
          </p>
          <h1>{interpolate(a.agentPage, { name: agent.name })}</h1>
          <p>
            {agent.code} · {agent.village}
            {agent.supervisor ? ` · ${a.supervisor}: ${agent.supervisor}` : ''} ·{' '}
            {interpolate(a.activeSince, { date: formatDate(agent.activeFrom, locale) })}
            {agent.activeTo ? ` ${interpolate(a.activeUntil, { date: formatDate(agent.activeTo, locale) })}` : ''}
          </p>
        </div>
        <div className="head-tools">
          <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
        </div>
      </div>
      <AgentView
        code={agent.code}
        initialPeriod={period}
        initial={agent}
        targetAction={can(caller.role, 'manage:targets') ? updateAgentTarget : null}
        canReveal={can(caller.role, 'reveal:nik')}
      />
      {suppressesSmallCells(caller.role) ? <p className="note">{messages.overview.suppressedNote}</p> : null}
    </>
  );
});
