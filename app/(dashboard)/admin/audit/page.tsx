import { getDb } from '@/db';
import { listAuditActions, listAuditEntries } from '@/server/audit-log';
import { DataTable } from '@/components/ui/data-table';
import { Pager } from '@/components/ui/pager';
import { requirePagePermission } from '@/server/auth/session';
import { formatDateTimeInJakarta, formatNumber } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('audit');

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<{ user?: string; action?: string; from?: string; to?: string; page?: string }>;
}) {
  const caller = await requirePagePermission('view:audit-log');
  const params = await searchParams;
  const filter = {
    user: params.user?.trim() || undefined,
    action: params.action || undefined,
    from: params.from && DAY.test(params.from) ? params.from : undefined,
    to: params.to && DAY.test(params.to) ? params.to : undefined,
    page: Number(params.page ?? 1) || 1,
  };
  const db = await getDb();
  const [{ locale, messages }, result, actions] = await Promise.all([
    getI18n(),
    listAuditEntries(db, { caller, filter }),
    listAuditActions(db, { caller }),
  ]);
  const t = messages.admin;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const query = (page: number) => {
    const search = new URLSearchParams();
    for (const key of ['user', 'action', 'from', 'to'] as const) if (filter[key]) search.set(key, filter[key]!);
    search.set('page', String(page));
    return `/admin/audit?${search.toString()}`;
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.auditTitle}</h1>
          <p>{t.auditIntro}</p>
        </div>
      </div>
      <form className="toolbar" action="/admin/audit">
        <label htmlFor="audit-user">{t.auditUser}</label>
        <input id="audit-user" name="user" type="search" defaultValue={filter.user ?? ''} />
        <label htmlFor="audit-action">{t.auditAction}</label>
        <select id="audit-action" name="action" defaultValue={filter.action ?? ''}>
          <option value="">{t.anyAction}</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
        <label htmlFor="audit-from">{t.from}</label>
        <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ''} />
        <label htmlFor="audit-to">{t.to}</label>
        <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ''} />
        <button type="submit">{t.filter}</button>
        <span className="muted">{formatNumber(result.total, locale)}</span>
      </form>
      {result.rows.length === 0 ? (
        <p className="note">{t.noEntries}</p>
      ) : (
        <div className="table-scroll">
          <DataTable
            className="data-table audit-table"
            rowHeaders={false}
            data={result.rows}
            columns={[
              { id: 'at', header: t.auditAt, cell: ({ row }) => formatDateTimeInJakarta(row.original.at, locale) },
              { id: 'user', header: t.auditUser, cell: ({ row }) => row.original.actorEmail ?? '–' },
              { id: 'action', header: t.auditAction, cell: ({ row }) => row.original.action },
              {
                id: 'entity',
                header: t.auditEntity,
                cell: ({ row: { original } }) => (original.entity ? `${original.entity} ${original.entityId ?? ''}` : '–'),
              },
              {
                id: 'details',
                header: t.auditDetails,
                cell: ({ row: { original } }) => <code>{original.details ? JSON.stringify(original.details) : ''}</code>,
              },
              { id: 'ip', header: t.auditIp, cell: ({ row }) => row.original.ip ?? '–' },
            ]}
          />
        </div>
      )}
      <Pager
        page={result.page}
        pages={pages}
        hrefFor={query}
        labels={{
          nav: t.pagination,
          previous: t.previousPage,
          next: t.nextPage,
          position: interpolate(t.pageOf, { page: result.page, pages }),
        }}
      />
    </>
  );
}
