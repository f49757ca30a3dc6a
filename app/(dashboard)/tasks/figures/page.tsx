// The agent's own figures, phone first and without a chart library: the members they serve this month
// and what their follow-ups achieved over the last twelve months.
import { getDb } from '@/db';
import { getAgentOwnFigures, getFollowupSummary } from '@/server/followup';
import { getDataAsOf } from '@/server/settings';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { pageTitle } from '@/server/page-title';
import { EffectList } from '@/components/followup/effect-list';
import { formatNumber, formatPeriod, formatRupiah } from '@/domain/format';
import { addMonths, latestCompleteMonth, todayInJakarta } from '@/domain/month';
import { interpolate } from '@/i18n';
import { dashboardPage } from '../../dashboard-page';

export const generateMetadata = pageTitle('myFigures');

export default dashboardPage(async () => {
  const caller = await requirePagePermission('work:own-tasks');
  const db = await getDb();
  const period = latestCompleteMonth();
  const asOf = (await getDataAsOf(db)) ?? todayInJakarta();
  const [{ locale, messages }, figures, summary] = await Promise.all([
    getI18n(),
    getAgentOwnFigures(db, { caller, period }),
    getFollowupSummary(db, { caller, from: addMonths(period, -11), to: period, asOf }),
  ]);
  const t = messages.followup;
  const cards = [
    [t.activeMembers, formatNumber(figures.activeMembers, locale)],
    [t.lapsedMembers, formatNumber(figures.lapsedMembers, locale)],
    [t.newEnrolments, formatNumber(figures.newEnrolments, locale)],
    [t.contributions, formatRupiah(figures.contributionsCollected, locale)],
  ] as const;
  return (
    <div className="agent-page">
      <h1>{t.figuresTitle}</h1>
      <p className="muted">{interpolate(t.figuresIntro, { period: formatPeriod(period, locale) })}</p>
      <dl className="agent-figures" data-testid="agent-figures">
        {cards.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section className="panel" aria-labelledby="my-effect">
        <h2 id="my-effect">{interpolate(t.myEffect, { from: formatPeriod(summary.from, locale), to: formatPeriod(summary.to, locale) })}</h2>
        <EffectList effect={summary.district} locale={locale} messages={messages} />
        <p className="note">{t.observational}</p>
      </section>
    </div>
  );
});
