import 'server-only';
import { getDb } from '@/db';
import { listAgents } from '@/db/queries/agents';
import type { Caller } from '@/lib/auth/caller';
import { SupervisorHome } from '@/components/agents/supervisor-home';

/** Fetches a supervisor's agents for the overview (streamed under its own Suspense boundary). */
export async function SupervisorHomePanel({ caller, period }: { caller: Caller; period: string }) {
  if (caller.role !== 'supervisor') return null;
  const view = await listAgents(await getDb(), { caller, period });
  return <SupervisorHome initialPeriod={period} initial={view} />;
}
