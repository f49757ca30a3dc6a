'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { addTask } from '@/server/followup';
import { runAction, type ActionState } from '@/server/action';
import { currentClientAddress } from '@/server/http/client-address';
import { newTaskSchema } from '@/domain/followup';
import { todayInJakarta } from '@/domain/month';

/** A task added by hand by a supervisor or officer (checked again, written and audited in addTask). */
export async function addTaskAction(_previous: ActionState | null, form: FormData): Promise<ActionState> {
  const values = Object.fromEntries([...form].filter(([, value]) => value !== ''));
  return runAction({
    name: 'followup-add',
    permission: 'manage:followup',
    schema: newTaskSchema,
    values,
    words: ({ followup: t, errors }) => ({
      forbidden: errors.forbidden,
      failed: errors.internal,
      fieldMessage: (issue) => (issue.message in t ? t[issue.message as keyof typeof t] as string : t.invalidTarget),
    }),
    run: async ({ input, caller, messages }) => {
      await addTask(await getDb(), { caller, input, today: todayInJakarta(), ip: await currentClientAddress() });
      revalidatePath('/followup');
      return { ok: true, message: messages.followup.added };
    },
  });
}
