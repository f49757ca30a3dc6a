import { getDb } from '@/db';
import { requirePageCaller } from '@/server/auth/session';
import { getRegionInfo } from '@/server/coverage';
import { DEFAULT_REGION_CODE } from '@/server/config';
import { getI18n } from '@/server/i18n';
import { sendDay } from '@/server/reports/config';
import { getSubscription, listOwnDeliveries } from '@/server/reports/subscriptions';
import { SubscriptionForm } from '@/components/reports/subscription-form';
import { DataTable } from '@/components/ui/data-table';
import { formatDate, formatDateTimeInJakarta, formatPeriod } from '@/domain/format';
import { todayInJakarta } from '@/domain/month';
import { interpolate } from '@/i18n';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('account');

const STATUS_CLASS = { sent: 'status-aktif', failed: 'status-nonaktif', pending: 'status-menunggak', sending: 'status-menunggak' } as const;

/** The signed-in user's account and their monthly report subscription. */
export default async function AccountPage() {
  const caller = await requirePageCaller();
  const db = await getDb();
  const [{ locale, messages }, subscription, deliveries, region] = await Promise.all([
    getI18n(),
    getSubscription(db, { caller }),
    listOwnDeliveries(db, { caller }),
    getRegionInfo(db, { caller, regionCode: caller.regionCode ?? DEFAULT_REGION_CODE }),
  ]);
  const t = messages.reports;
  const a = messages.admin;
  const subscribed = subscription !== null && subscription.unsubscribedAt === null;
  const jakartaDay = (instant: Date) => formatDate(todayInJakarta(instant), locale);
  const scope = caller.role === 'supervisor' ? t.scopeAgents : interpolate(t.scopeRegion, { region: region.name });

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.accountTitle}</h1>
          <p>{t.accountIntro}</p>
        </div>
      </div>
      <section className="admin-section" aria-labelledby="account-heading">
        <h2 id="account-heading" className="visually-hidden">
          {t.accountTitle}
        </h2>
        <dl className="claim-facts">
          <dt>{a.name}</dt>
          <dd>{caller.name}</dd>
          <dt>{a.email}</dt>
          <dd>{caller.email}</dd>
          <dt>{a.role}</dt>
          <dd>{messages.roles[caller.role]}</dd>
          <dt>{a.region}</dt>
          <dd>{caller.regionCode ? `${region.code} ${region.name}` : a.allRegions}</dd>
        </dl>
      </section>
      <section className="admin-section panel" aria-labelledby="report-heading">
        <h2 id="report-heading">{t.title}</h2>
        <p>{interpolate(t.intro, { day: sendDay(), email: caller.email, scope })}</p>
        <p data-testid="subscription-status">
          <strong>
            {subscribed
              ? interpolate(t.subscribedSince, { date: jakartaDay(subscription.subscribedAt), language: t.languages[subscription.locale] })
              : subscription?.unsubscribedAt
                ? interpolate(t.unsubscribedOn, { date: jakartaDay(subscription.unsubscribedAt) })
                : t.notSubscribed}
          </strong>
        </p>
        <SubscriptionForm subscribed={subscribed} locale={subscription?.locale ?? locale} />
      </section>
      <section className="admin-section" aria-labelledby="own-deliveries-heading">
        <h2 id="own-deliveries-heading">{t.yourDeliveries}</h2>
        {deliveries.length === 0 ? (
          <p className="note">{t.noDeliveries}</p>
        ) : (
          <DataTable
            rowHeaders={false}
            data={deliveries}
            columns={[
              { id: 'month', header: t.month, cell: ({ row }) => formatPeriod(row.original.month.slice(0, 7), locale) },
              {
                id: 'status',
                header: t.status,
                cell: ({ row: { original } }) => <span className={`status ${STATUS_CLASS[original.status]}`}>{t.statuses[original.status]}</span>,
              },
              {
                id: 'updatedAt',
                header: t.updatedAt,
                cell: ({ row: { original } }) => formatDateTimeInJakarta(original.sentAt ?? original.updatedAt, locale),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
