import 'server-only';
import { getDb } from '@/db';
import { listAgents } from '@/server/agents';
import type { Caller } from '@/server/auth/caller';
import { ATTENTION_FIELDS, type AttentionRow } from '@/contracts/agents';
import { SupervisorHome } from '@/components/agents/supervisor-home';

/** Fetches a supervisor's agents for the overview (streamed under its own Suspense boundary). */
export async function SupervisorHomePanel({ caller, period }: { caller: Caller; period: string }) {
  if (caller.role !== 'supervisor') return null;
  const view = await listAgents(await getDb(), { caller, period });
  const rows = view.rows.map((row) => Object.fromEntries(ATTENTION_FIELDS.map((field) => [field, row[field]])) as AttentionRow);
  return <SupervisorHome initialPeriod={period} initialRows={rows} />;
}
