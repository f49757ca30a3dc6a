import type { Metadata } from 'next';
import Link from 'next/link';
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
import { currentMonth, isPeriod, latestCompleteMonth } from '@/domain/month';
import { updateAgentTarget } from '../actions';

export const metadata: Metadata = { title: 'Agen' };

/** One agent. Another supervisor's agent answers 404 like a missing one (no probing which agents exist). */
export default async function AgentPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ period?: string }>;
}) {
  const caller = await requirePagePermission('view:aggregates');
  let code: string;
  try {
    code = parseAgentCode((await params).code);
  } catch (error) {
    if (error instanceof AppError) notFound();
    throw error;
  }
  const query = await searchParams;
  const period = query.period && isPeriod(query.period) ? query.period : latestCompleteMonth();
  const { locale, messages } = await getI18n();
  const a = messages.agents;
  const agent = await getAgentDetail(await getDb(), { caller, code, period });
  if (!agent) notFound();
  return (
    <>
      <div className="page-head">
        <div>
          <p className="no-print">
            <Link href={`/agents?period=${period}`}>← {a.back}</Link>
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
}
