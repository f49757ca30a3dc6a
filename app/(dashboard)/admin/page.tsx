import Link from 'next/link';
import { getDb } from '@/db';
import { listScopeRegions, listUsers } from '@/server/users';
import { CreateUserForm, UserRowForms } from '@/components/admin/user-forms';
import { DataTable } from '@/components/ui/data-table';
import { requirePagePermission } from '@/server/auth/session';
import { formatDateTimeInJakarta } from '@/domain/format';
import { getI18n } from '@/server/i18n';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('admin');

export default async function AdminUsersPage() {
  const caller = await requirePagePermission('manage:users');
  const db = await getDb();
  const [{ locale, messages }, users, regions] = await Promise.all([
    getI18n(),
    listUsers(db, { caller }),
    listScopeRegions(db, { caller }),
  ]);
  const t = messages.admin;
  const regionName = new Map(regions.map((region) => [region.code, region.name]));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.usersTitle}</h1>
          <p>{t.usersIntro}</p>
        </div>
        <nav className="toolbar" aria-label={t.title}>
          <Link href="/admin/audit">{t.auditTitle}</Link>
          <Link href="/admin/boundaries">{messages.boundaries.title}</Link>
          <Link href="/admin/reports">{messages.reports.adminTitle}</Link>
        </nav>
      </div>
      <section className="admin-section" aria-labelledby="create-user-heading">
        <h2 id="create-user-heading">{t.create}</h2>
        <CreateUserForm regions={regions} />
      </section>
      <section className="admin-section" aria-labelledby="users-heading">
        <h2 id="users-heading">{t.usersTitle}</h2>
        <div className="table-scroll">
          <DataTable
            rowHeaders={false}
            data={users}
            rowProps={(user) => ({ 'data-testid': `user-row-${user.email}` })}
            columns={[
              { id: 'email', header: t.email, cell: ({ row }) => row.original.email },
              { id: 'name', header: t.name, cell: ({ row }) => row.original.name },
              { id: 'role', header: t.role, cell: ({ row }) => messages.roles[row.original.role] },
              {
                id: 'region',
                header: t.region,
                cell: ({ row: { original: user } }) => (user.regionCode ? `${user.regionCode} ${regionName.get(user.regionCode) ?? ''}` : t.allRegions),
              },
              { id: 'status', header: t.status, cell: ({ row }) => (row.original.active ? t.active : t.inactive) },
              {
                id: 'lastSignIn',
                header: t.lastSignIn,
                cell: ({ row: { original: user } }) => (user.lastSignInAt ? formatDateTimeInJakarta(user.lastSignInAt, locale) : t.never),
              },
              { id: 'actions', header: t.actions, cell: ({ row }) => <UserRowForms user={row.original} regions={regions} /> },
            ]}
          />
        </div>
      </section>
    </>
  );
}
