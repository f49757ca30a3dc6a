// Supervisors and officers: the follow-up tasks of their scope (reassign, cancel, add) and what the
// follow-ups achieve per agent and per community, labelled as the observational comparison it is.
import { getDb } from '@/db';
import { getFollowupSummary, getTaskCounts, listAssignableAgents, listTaskCommunities, listTasks } from '@/server/followup';
import { getDataAsOf } from '@/server/settings';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { pageTitle } from '@/server/page-title';
import { EffectList } from '@/components/followup/effect-list';
import { TaskAdminActions } from '@/components/followup/task-admin-actions';
import { AddTaskForm } from '@/components/followup/add-task-form';
import { parseParams } from '@/contracts/params';
import { followupSummaryContract, tasksContract } from '@/contracts/followup';
import type { FollowupEffectDto } from '@/contracts/followup';
import { formatDate, formatNumber, formatPercent, formatPeriod, formatRupiah } from '@/domain/format';
import { todayInJakarta } from '@/domain/month';
import { interpolate, type Locale, type Messages } from '@/i18n';
import { dashboardPage } from '../dashboard-page';
import { addTaskAction } from './actions';

export const generateMetadata = pageTitle('followup');

function EffectTable({ rows, first, locale, messages, testId }: { rows: (FollowupEffectDto & { key: string; name: string })[]; first: string; locale: Locale; messages: Messages; testId: string }) {
  const t = messages.followup;
  const pair = (rate: number | null, n: number, d: number) => `${formatPercent(rate, locale)} (${formatNumber(n, locale)}/${formatNumber(d, locale)})`;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col" className="num">{t.onTime}</th>
            <th scope="col" className="num">{t.recoveryRevisited}</th>
            <th scope="col" className="num">{t.recoveryNotRevisited}</th>
            <th scope="col" className="num">{t.enrolmentsAfterMeeting}</th>
            <th scope="col" className="num">{t.enrolmentsWithoutMeeting}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              <td className="num">{pair(row.onTimeRate, row.tasksDoneOnTime, row.tasksDue)}</td>
              <td className="num">{pair(row.recoveryRate, row.revisitedRecovered, row.revisited)}</td>
              <td className="num">{pair(row.recoveryRateNotRevisited, row.notRevisitedRecovered, row.notRevisited)}</td>
              <td className="num">{`${formatNumber(row.enrolmentsAfterMeetings, locale)}/${formatNumber(row.meetings, locale)}`}</td>
              <td className="num">{`${formatNumber(row.enrolmentsAfterClaimsWithoutMeeting, locale)}/${formatNumber(row.claimsWithoutMeeting, locale)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePagePermission('manage:followup');
  const { from, to } = parseParams(followupSummaryContract.params, searchParams);
  const { state } = parseParams(tasksContract.params, { state: searchParams.state ?? 'open' });
  const db = await getDb();
  const today = todayInJakarta();
  const asOf = (await getDataAsOf(db)) ?? today;
  const [{ locale, messages }, summary, tasks, agents, communities, counts] = await Promise.all([
    getI18n(),
    getFollowupSummary(db, { caller, from, to, asOf }),
    listTasks(db, { caller, state: state ?? null, today }),
    listAssignableAgents(db, { caller, today }),
    listTaskCommunities(db, { caller }),
    getTaskCounts(db, { caller, today }),
  ]);
  const t = messages.followup;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.pageTitle}</h1>
          <p>{t.pageIntro}</p>
        </div>
      </div>
      <section className="panel" aria-labelledby="effect-heading">
        <h2 id="effect-heading">{t.effectTitle}</h2>
        <p className="muted">{interpolate(t.rangeNote, { from: formatPeriod(summary.from, locale), to: formatPeriod(summary.to, locale), asOf: formatDate(summary.asOf, locale) })}</p>
        <EffectList effect={summary.district} locale={locale} messages={messages} />
        <p className="note" data-testid="observational-note">{t.observational}</p>
        <h3>{t.byAgent}</h3>
        <EffectTable
          rows={summary.byAgent.map((row) => ({ ...row, key: row.code ?? '-', name: row.code ? `${row.code} ${row.name ?? ''}` : t.unassigned }))}
          first={t.agent}
          locale={locale}
          messages={messages}
          testId="effect-by-agent"
        />
        <h3>{t.byCommunity}</h3>
        <EffectTable rows={summary.byCommunity.map((row) => ({ ...row, key: String(row.id) }))} first={t.community} locale={locale} messages={messages} testId="effect-by-community" />
      </section>
      <section className="panel" aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">{t.tasksHeading}</h2>
        <p data-testid="task-counts">
          {interpolate(t.counts, {
            open: formatNumber(counts.open, locale),
            overdue: formatNumber(counts.overdue, locale),
            done: formatNumber(counts.done, locale),
            cancelled: formatNumber(counts.cancelled, locale),
          })}
        </p>
        <form className="row-form" method="get">
          <label htmlFor="state-filter">{t.stateFilter}</label>
          <select id="state-filter" name="state" defaultValue={state ?? ''}>
            {(['open', 'done', 'cancelled'] as const).map((value) => (
              <option key={value} value={value}>
                {t.states[value]}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary-button">
            {t.stateFilter}
          </button>
        </form>
        <div className="table-wrap">
          <table className="data-table" data-testid="followup-tasks">
            <thead>
              <tr>
                <th scope="col">{t.task}</th>
                <th scope="col">{t.target}</th>
                <th scope="col">{t.agent}</th>
                <th scope="col">{t.dueOn}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id}>
                  <td>{t.kinds[task.kind]}</td>
                  <th scope="row">
                    {task.memberName ?? task.communityName}
                    {task.amountOwed !== null ? <span className="muted"> · {formatRupiah(task.amountOwed, locale)}</span> : null}
                    {task.claimProgram && task.claimAmount !== null ? (
                      <span className="muted"> · {task.claimProgram} {formatRupiah(task.claimAmount, locale)}</span>
                    ) : null}
                  </th>
                  <td>{task.agentCode ? `${task.agentCode} ${task.agentName ?? ''}` : t.unassigned}</td>
                  <td>{task.overdue ? <strong>{formatDate(task.dueOn, locale)}</strong> : formatDate(task.dueOn, locale)}</td>
                  <td>{task.outcome ? t.outcomes[task.outcome] : t.states[task.state]}</td>
                  <td>{task.state === 'open' ? <TaskAdminActions taskId={task.id} version={task.version} agentCode={task.agentCode} agents={agents} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">{t.addTitle}</h2>
        <AddTaskForm action={addTaskAction} agents={agents} communities={communities} today={today} />
      </section>
    </>
  );
});
