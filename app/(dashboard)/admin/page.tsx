import Link from 'next/link';
import { getDb } from '@/db';
import { listScopeRegions, listUsers } from '@/server/users';
import { CreateUserForm, UserRowForms } from '@/components/admin/user-forms';
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
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t.email}</th>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.role}</th>
                <th scope="col">{t.region}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.lastSignIn}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} data-testid={`user-row-${user.email}`}>
                  <td>{user.email}</td>
                  <td>{user.name}</td>
                  <td>{messages.roles[user.role]}</td>
                  <td>{user.regionCode ? `${user.regionCode} ${regionName.get(user.regionCode) ?? ''}` : t.allRegions}</td>
                  <td>{user.active ? t.active : t.inactive}</td>
                  <td>{user.lastSignInAt ? formatDateTimeInJakarta(user.lastSignInAt, locale) : t.never}</td>
                  <td>
                    <UserRowForms user={user} regions={regions} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
