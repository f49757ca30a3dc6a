import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { getManagedAgent } from '@/server/master-data/agents';
import { listCommunityOptions, listSupervisorOptions, listVillageOptions } from '@/server/master-data/options';
import { AgentForm } from '@/components/master-data/master-forms';
import { MasterNav } from '@/components/master-data/master-nav';
import { AGENT_CODE_PATTERN } from '@/domain/master-data';
import { interpolate } from '@/i18n';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('masterAgentEdit');

/** One agent's edit form; an agent outside the caller's region is as missing as an unknown one. */
export default async function EditAgentPage({ params }: { params: Promise<{ code: string }> }) {
  const caller = await requirePagePermission('manage:field-network');
  const code = decodeURIComponent((await params).code);
  if (!AGENT_CODE_PATTERN.test(code)) notFound();
  const db = await getDb();
  const [{ messages }, agent, villages, communities, supervisors] = await Promise.all([
    getI18n(),
    getManagedAgent(db, { caller, code }),
    listVillageOptions(db, { caller }),
    listCommunityOptions(db, { caller }),
    listSupervisorOptions(db),
  ]);
  if (!agent) notFound();
  const t = messages.master;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{interpolate(t.agents.editTitle, { code: agent.code })}</h1>
          <p>
            <Link href="/admin/master/agents">{t.agents.list}</Link>
          </p>
        </div>
        <MasterNav role={caller.role} current="agents" messages={messages} />
      </div>
      <section className="admin-section">
        <AgentForm villages={villages} communities={communities} supervisors={supervisors} initial={agent} />
      </section>
    </>
  );
}
