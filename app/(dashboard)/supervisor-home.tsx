import 'server-only';
import { getDb } from '@/db';
import { listAgents } from '@/db/queries/agents';
import type { Caller } from '@/lib/auth/caller';
import { ATTENTION_FIELDS, type AttentionRow } from '@/lib/agents';
import { SupervisorHome } from '@/components/agents/supervisor-home';

/** Fetches a supervisor's agents for the overview (streamed under its own Suspense boundary). */
export async function SupervisorHomePanel({ caller, period }: { caller: Caller; period: string }) {
  if (caller.role !== 'supervisor') return null;
  const view = await listAgents(await getDb(), { caller, period });
  const rows = view.rows.map((row) => Object.fromEntries(ATTENTION_FIELDS.map((field) => [field, row[field]])) as AttentionRow);
  return <SupervisorHome initialPeriod={period} initialRows={rows} />;
}
