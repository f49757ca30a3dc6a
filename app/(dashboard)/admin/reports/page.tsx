import Link from 'next/link';
import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { readMailSettings, sendDay } from '@/server/reports/config';
import { listDeliveries, listSubscribers } from '@/server/reports/deliveries';
import { SendNowForm } from '@/components/reports/send-now-form';
import { DataTable } from '@/components/ui/data-table';
import { Pager } from '@/components/ui/pager';
import { formatDateTimeInJakarta, formatNumber, formatPeriod } from '@/domain/format';
import { latestCompleteMonth } from '@/domain/month';
import { dueMonth, type DeliveryStatus } from '@/domain/reports';
import { interpolate } from '@/i18n';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('reports');

const STATUS_CLASS: Record<DeliveryStatus, string> = {
  sent: 'status-aktif',
  failed: 'status-nonaktif',
  pending: 'status-menunggak',
  sending: 'status-menunggak',
};

/** The monthly reports' deliveries (who, when, which month, status, error) and "send now" per subscriber. */
export default async function AdminReportsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const caller = await requirePagePermission('manage:reports');
  const params = await searchParams;
  const db = await getDb();
  const [{ locale, messages }, deliveries, subscribers] = await Promise.all([
    getI18n(),
    listDeliveries(db, { caller, page: Number(params.page ?? 1) || 1 }),
    listSubscribers(db, { caller }),
  ]);
  const t = messages.reports;
  const a = messages.admin;
  const mail = readMailSettings();
  const day = sendDay();
  const pages = Math.max(1, Math.ceil(deliveries.total / deliveries.pageSize));
  const lastMonth = latestCompleteMonth();

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.adminTitle}</h1>
          <p>{interpolate(t.adminIntro, { day, period: formatPeriod(dueMonth(new Date(), day), locale) })}</p>
        </div>
        <nav className="toolbar" aria-label={a.title}>
          <Link href="/admin">{a.usersTitle}</Link>
          <Link href="/admin/audit">{a.auditTitle}</Link>
        </nav>
      </div>
      {mail.ok ? null : (
        <p role="alert" className="form-error">
          {mail.problem === 'missing' ? t.smtpMissing : interpolate(t.smtpInvalid, { detail: mail.detail })}
        </p>
      )}
      <section className="admin-section" aria-labelledby="subscribers-heading">
        <h2 id="subscribers-heading">
          {t.subscribers} <span className="muted">({formatNumber(subscribers.length, locale)})</span>
        </h2>
        {subscribers.length === 0 ? (
          <p className="note">{t.noSubscribers}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="subscribers-heading">
            <DataTable
              rowHeaders={false}
              data={subscribers}
              rowProps={(s) => ({ 'data-testid': `subscriber-${s.email}` })}
              columns={[
                {
                  id: 'user',
                  header: t.user,
                  cell: ({ row: { original: s } }) => (
                    <>
                      {s.email}
                      <br />
                      <span className="muted">{s.name}</span>
                    </>
                  ),
                },
                { id: 'role', header: a.role, cell: ({ row }) => messages.roles[row.original.role] },
                { id: 'language', header: t.language, cell: ({ row }) => t.languages[row.original.locale] },
                { id: 'subscribedAt', header: t.subscribedAt, cell: ({ row }) => formatDateTimeInJakarta(row.original.subscribedAt, locale) },
                {
                  id: 'lastDelivery',
                  header: t.lastDelivery,
                  cell: ({ row: { original: s } }) => (s.lastMonth && s.lastStatus ? `${formatPeriod(s.lastMonth, locale)}: ${t.statuses[s.lastStatus]}` : '–'),
                },
                {
                  id: 'sendNow',
                  header: t.sendNow,
                  cell: ({ row: { original: s } }) => <SendNowForm userId={s.userId} email={s.email} defaultMonth={lastMonth} />,
                },
              ]}
            />
          </div>
        )}
      </section>
      <section className="admin-section" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">
          {t.deliveries} <span className="muted">({formatNumber(deliveries.total, locale)})</span>
        </h2>
        {deliveries.rows.length === 0 ? (
          <p className="note">{t.noDeliveriesAll}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="deliveries-heading">
            <DataTable
              rowHeaders={false}
              data={deliveries.rows}
              rowProps={(d) => ({ 'data-testid': `delivery-${d.id}` })}
              columns={[
                { id: 'updatedAt', header: t.updatedAt, cell: ({ row: { original: d } }) => formatDateTimeInJakarta(d.sentAt ?? d.updatedAt, locale) },
                { id: 'user', header: t.user, cell: ({ row }) => row.original.email },
                { id: 'month', header: t.month, cell: ({ row }) => formatPeriod(row.original.month, locale) },
                {
                  id: 'status',
                  header: t.status,
                  cell: ({ row: { original: d } }) => (
                    <>
                      <span className={`status ${STATUS_CLASS[d.status]}`}>{t.statuses[d.status]}</span>
                      {d.status === 'failed' ? (
                        <>
                          <br />
                          <span className="muted">
                            {d.retriesLeft ? interpolate(t.nextAttempt, { date: formatDateTimeInJakarta(d.nextAttemptAt, locale) }) : t.gaveUp}
                          </span>
                        </>
                      ) : null}
                    </>
                  ),
                },
                { id: 'attempts', header: t.attempts, cell: ({ row }) => formatNumber(row.original.attempts, locale) },
                { id: 'error', header: t.error, cell: ({ row }) => (row.original.lastError ? <code>{row.original.lastError}</code> : '–') },
                { id: 'requestedBy', header: t.requestedBy, cell: ({ row }) => row.original.requestedBy ?? t.schedule },
              ]}
            />
          </div>
        )}
        <Pager
          page={deliveries.page}
          pages={pages}
          hrefFor={(page) => `/admin/reports?page=${page}`}
          labels={{ nav: a.pagination, previous: a.previousPage, next: a.nextPage, position: interpolate(a.pageOf, { page: deliveries.page, pages }) }}
        />
      </section>
    </>
  );
}
