import Link from 'next/link';
import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { listManagedAgents } from '@/server/master-data/agents';
import { listCommunityOptions, listSupervisorOptions, listVillageOptions } from '@/server/master-data/options';
import { AgentForm } from '@/components/master-data/master-forms';
import { MasterPageHead } from '@/components/master-data/master-nav';
import { can } from '@/domain/permissions';
import { formatDate } from '@/domain/format';
import { todayInJakarta } from '@/domain/month';
import { interpolate } from '@/i18n';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('masterAgents');

export default async function MasterAgentsPage() {
  const caller = await requirePagePermission('manage:field-network');
  const db = await getDb();
  const [{ locale, messages }, rows, villages, communities, supervisors] = await Promise.all([
    getI18n(),
    listManagedAgents(db, { caller }),
    listVillageOptions(db, { caller }),
    listCommunityOptions(db, { caller }),
    listSupervisorOptions(db),
  ]);
  const t = messages.master;
  const f = t.fields;
  const today = todayInJakarta();
  const status = (row: { activeFrom: string; activeTo: string | null }) =>
    row.activeFrom > today
      ? interpolate(t.agents.statusFuture, { date: formatDate(row.activeFrom, locale) })
      : row.activeTo !== null && row.activeTo < today
        ? interpolate(t.agents.statusEnded, { date: formatDate(row.activeTo, locale) })
        : t.agents.statusActive;
  return (
    <>
      <MasterPageHead section="agents" role={caller.role} regionCode={caller.regionCode} messages={messages} />
      <section className="admin-section" aria-labelledby="agent-create-heading">
        <h2 id="agent-create-heading">{t.agents.create}</h2>
        {supervisors.every((s) => !s.active) ? (
          <p className="note">
            {t.agents.noSupervisorsYet}{' '}
            {can(caller.role, 'manage:users') ? <Link href="/admin">{t.agents.createSupervisor}</Link> : null}
          </p>
        ) : null}
        <AgentForm villages={villages} communities={communities} supervisors={supervisors} />
      </section>
      <section className="admin-section" aria-labelledby="agent-list-heading">
        <h2 id="agent-list-heading">{t.agents.list}</h2>
        {rows.length === 0 ? (
          <p className="note">{t.agents.empty}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="master-agents">
              <thead>
                <tr>
                  <th scope="col">{f.code}</th>
                  <th scope="col">{f.name}</th>
                  <th scope="col">{f.village}</th>
                  <th scope="col">{f.communities}</th>
                  <th scope="col">{f.supervisor}</th>
                  <th scope="col">{f.phone}</th>
                  <th scope="col">{f.activeFrom}</th>
                  <th scope="col">{f.status}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t.edit}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">{row.code}</th>
                    <td>{row.name}</td>
                    <td>{row.villageName}</td>
                    <td>{row.communities ?? t.none}</td>
                    <td>{row.supervisorName ? `${row.supervisorName} (${row.supervisorEmail})` : t.none}</td>
                    <td>{row.phone ?? t.none}</td>
                    <td>{formatDate(row.activeFrom, locale)}</td>
                    <td>{status(row)}</td>
                    <td>
                      <Link href={`/admin/master/agents/${encodeURIComponent(row.code)}`} aria-label={`${t.edit} ${row.code}`}>
                        {t.edit}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
