// The browser's call of PATCH /api/v1/tasks/{id}: no schema library on the agent's phone, the server
// checks the body (domain/followup.ts); an error answer becomes its message.
import type { TaskChange } from '@/domain/followup';

export async function patchTask(id: number, change: TaskChange): Promise<{ ok: true } | { ok: false; message: string }> {
  const response = await fetch(`/api/v1/tasks/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(change),
  });
  if (response.ok) return { ok: true };
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return { ok: false, message: body?.error?.message ?? `HTTP ${response.status}` };
}
