import Link from 'next/link';
import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { readMailSettings, sendDay } from '@/server/reports/config';
import { listDeliveries, listSubscribers } from '@/server/reports/deliveries';
import { SendNowForm } from '@/components/reports/send-now-form';
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
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t.user}</th>
                  <th scope="col">{a.role}</th>
                  <th scope="col">{t.language}</th>
                  <th scope="col">{t.subscribedAt}</th>
                  <th scope="col">{t.lastDelivery}</th>
                  <th scope="col">{t.sendNow}</th>
                </tr>
              </thead>
              <tbody>
                {subscribers.map((s) => (
                  <tr key={s.userId} data-testid={`subscriber-${s.email}`}>
                    <td>
                      {s.email}
                      <br />
                      <span className="muted">{s.name}</span>
                    </td>
                    <td>{messages.roles[s.role]}</td>
                    <td>{t.languages[s.locale]}</td>
                    <td>{formatDateTimeInJakarta(s.subscribedAt, locale)}</td>
                    <td>{s.lastMonth && s.lastStatus ? `${formatPeriod(s.lastMonth, locale)}: ${t.statuses[s.lastStatus]}` : '–'}</td>
                    <td>
                      <SendNowForm userId={s.userId} email={s.email} defaultMonth={lastMonth} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
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
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t.updatedAt}</th>
                  <th scope="col">{t.user}</th>
                  <th scope="col">{t.month}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.attempts}</th>
                  <th scope="col">{t.error}</th>
                  <th scope="col">{t.requestedBy}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.rows.map((d) => (
                  <tr key={d.id} data-testid={`delivery-${d.id}`}>
                    <td>{formatDateTimeInJakarta(d.sentAt ?? d.updatedAt, locale)}</td>
                    <td>{d.email}</td>
                    <td>{formatPeriod(d.month, locale)}</td>
                    <td>
                      <span className={`status ${STATUS_CLASS[d.status]}`}>{t.statuses[d.status]}</span>
                      {d.status === 'failed' ? (
                        <>
                          <br />
                          <span className="muted">
                            {d.retriesLeft ? interpolate(t.nextAttempt, { date: formatDateTimeInJakarta(d.nextAttemptAt, locale) }) : t.gaveUp}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td>{formatNumber(d.attempts, locale)}</td>
                    <td>{d.lastError ? <code>{d.lastError}</code> : '–'}</td>
                    <td>{d.requestedBy ?? t.schedule}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
