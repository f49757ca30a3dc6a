import Link from 'next/link';
import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { listManagedAgents } from '@/server/master-data/agents';
import { listCommunityOptions, listSupervisorOptions, listVillageOptions } from '@/server/master-data/options';
import { AgentForm } from '@/components/master-data/master-forms';
import { MasterPageHead } from '@/components/master-data/master-nav';
import { DataTable } from '@/components/ui/data-table';
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
            <DataTable
              testId="master-agents"
              data={rows}
              columns={[
                { id: 'code', header: f.code, cell: ({ row }) => row.original.code },
                { id: 'name', header: f.name, cell: ({ row }) => row.original.name },
                { id: 'village', header: f.village, cell: ({ row }) => row.original.villageName },
                { id: 'communities', header: f.communities, cell: ({ row }) => row.original.communities ?? t.none },
                {
                  id: 'supervisor',
                  header: f.supervisor,
                  cell: ({ row: { original } }) => (original.supervisorName ? `${original.supervisorName} (${original.supervisorEmail})` : t.none),
                },
                { id: 'phone', header: f.phone, cell: ({ row }) => row.original.phone ?? t.none },
                { id: 'activeFrom', header: f.activeFrom, cell: ({ row }) => formatDate(row.original.activeFrom, locale) },
                { id: 'status', header: f.status, cell: ({ row }) => status(row.original) },
                {
                  id: 'edit',
                  header: () => <span className="visually-hidden">{t.edit}</span>,
                  cell: ({ row: { original } }) => (
                    <Link href={`/admin/master/agents/${encodeURIComponent(original.code)}`} aria-label={`${t.edit} ${original.code}`}>
                      {t.edit}
                    </Link>
                  ),
                },
              ]}
            />
          </div>
        )}
      </section>
    </>
  );
}
