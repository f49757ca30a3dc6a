// The agent's worklist, phone first (390 px, one thumb): the members to revisit and the communities to
// meet, nearest due first, with the member's phone (audited in listTasks) and NIK masked. No chart library.
import { getDb } from '@/db';
import { listTasks, type TaskRow } from '@/server/followup';
import { requirePagePermission } from '@/server/auth/session';
import { currentClientAddress } from '@/server/http/client-address';
import { getI18n } from '@/server/i18n';
import { pageTitle } from '@/server/page-title';
import { TaskOutcomeForm } from '@/components/followup/task-outcome-form';
import { formatDate, formatPeriod, formatRupiah } from '@/domain/format';
import { todayInJakarta } from '@/domain/month';
import { interpolate, type Locale, type Messages } from '@/i18n';
import { dashboardPage } from '../dashboard-page';

export const generateMetadata = pageTitle('tasks');

function TaskCard({ task, today, locale, messages }: { task: TaskRow; today: string; locale: Locale; messages: Messages }) {
  const t = messages.followup;
  const open = task.state === 'open';
  const meeting = task.kind === 'solidarity' || (task.kind === 'manual' && task.memberId === null);
  return (
    <article className={`task-card${task.overdue ? ' task-overdue' : ''}`} data-testid="task-card" data-kind={task.kind} aria-labelledby={`task-${task.id}-title`}>
      <p className="task-kind">
        {t.kinds[task.kind]} · {task.overdue ? <strong>{t.overdue}</strong> : interpolate(t.due, { date: formatDate(task.dueOn, locale) })}
      </p>
      <h2 id={`task-${task.id}-title`}>{task.memberName ?? task.communityName}</h2>
      {task.memberId !== null ? (
        <>
          <p className="muted">
            {interpolate(t.nik, { nik: task.nikMasked ?? '' })} · {task.villageName}
            {task.communityName ? ` · ${task.communityName}` : ''}
          </p>
          {task.month ? <p>{interpolate(t.arrearsSince, { month: formatPeriod(task.month, locale) })}</p> : null}
          {task.amountOwed !== null ? (
            <p>
              <strong>{interpolate(t.owes, { months: task.monthsOwed ?? 0, amount: formatRupiah(task.amountOwed, locale) })}</strong>
            </p>
          ) : null}
          {task.phone && open ? (
            <a className="task-call" href={`tel:${task.phone}`}>
              {interpolate(t.call, { phone: task.phone })}
            </a>
          ) : null}
        </>
      ) : (
        <>
          <p className="muted">{task.villageName}</p>
          {task.claimProgram && task.claimAmount !== null && task.claimPaidOn ? (
            <p>{interpolate(t.claimPaid, { program: task.claimProgram, amount: formatRupiah(task.claimAmount, locale), date: formatDate(task.claimPaidOn, locale) })}</p>
          ) : null}
          {task.beneficiaryName ? <p>{interpolate(t.beneficiary, { name: task.beneficiaryName })}</p> : null}
          {open ? <p className="muted">{t.meetingHint}</p> : null}
        </>
      )}
      {task.note ? <p className="muted">{task.note}</p> : null}
      {open ? (
        // Folded until the agent opens it: a list of open cards stays a list to scroll, one thumb at a time.
        <details className="task-record">
          <summary>{meeting ? t.recordMeeting : t.recordVisit}</summary>
          <TaskOutcomeForm taskId={task.id} version={task.version} mode={meeting ? 'meeting' : 'revisit'} today={today} />
        </details>
      ) : (
        <p data-testid="task-result">
          {task.outcome === 'meeting_held'
            ? interpolate(t.attended, { count: task.attendees ?? 0, date: formatDate(task.doneOn ?? task.dueOn, locale) })
            : task.outcome
              ? interpolate(t.recorded, { outcome: t.outcomes[task.outcome], date: formatDate(task.doneOn ?? task.dueOn, locale) })
              : t.states[task.state]}
          {task.promisedOn ? ` · ${interpolate(t.promisedFor, { date: formatDate(task.promisedOn, locale) })}` : ''}
        </p>
      )}
    </article>
  );
}

export default dashboardPage(async () => {
  const caller = await requirePagePermission('work:own-tasks');
  const db = await getDb();
  const today = todayInJakarta();
  const [{ locale, messages }, ip] = await Promise.all([getI18n(), currentClientAddress()]);
  const t = messages.followup;
  const tasks = await listTasks(db, { caller, today, ip });
  const open = tasks.filter((task) => task.state === 'open');
  const closed = tasks.filter((task) => task.state !== 'open');
  return (
    <div className="agent-page">
      <h1>{t.tasksTitle}</h1>
      <p className="muted">{caller.agentCode ? t.tasksIntro : t.noAgentCode}</p>
      <h2 className="task-group">{interpolate(t.openTasks, { count: open.length })}</h2>
      {open.length === 0 ? <p data-testid="no-tasks">{t.noTasks}</p> : null}
      <div className="task-list" data-testid="open-tasks">
        {open.map((task) => (
          <TaskCard key={task.id} task={task} today={today} locale={locale} messages={messages} />
        ))}
      </div>
      {closed.length > 0 ? (
        <details className="task-closed">
          <summary>{interpolate(t.closedTasks, { count: closed.length })}</summary>
          <div className="task-list" data-testid="closed-tasks">
            {closed.map((task) => (
              <TaskCard key={task.id} task={task} today={today} locale={locale} messages={messages} />
            ))}
          </div>
        </details>
      ) : null}
    </div>
  );
});
