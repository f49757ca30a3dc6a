'use server';

import { revalidatePath } from 'next/cache';
import { currentClientAddress } from '@/server/http/client-address';
import type { z } from 'zod';
import { getDb } from '@/db';
import { createUser, resetUserPassword, updateUser, type UserChangeResult } from '@/server/users';
import type { Caller } from '@/server/auth/caller';
import { runAction } from '@/server/action';
import { interpolate, type Messages } from '@/i18n';
import { createUserSchema, resetPasswordSchema, updateUserSchema } from '@/domain/users';

export interface FormState {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string>;
}

type AdminMessages = Messages['admin'];

function resultState(result: UserChangeResult, t: AdminMessages, success: string): FormState {
  if (result.ok) return { ok: true, message: success };
  const message = t[result.reason];
  // A refused password is shown beside its field, as the form's other field errors are.
  return 'field' in result ? { ok: false, message, fieldErrors: { [result.field]: message } } : { ok: false, message };
}

/**
 * Every admin action: a signed-in caller (the data layer checks the permission), a validated form,
 * a transaction with its audit entry, then the page is refreshed.
 */
async function runAdminAction<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  run: (args: { input: z.infer<S>; caller: Caller; ip: string | null; t: AdminMessages }) => Promise<FormState>,
): Promise<FormState> {
  return runAction({
    name: 'admin',
    schema,
    values: Object.fromEntries(formData),
    words: ({ admin: t, errors }) => ({
      forbidden: errors.forbidden,
      failed: errors.internal,
      invalid: t.fixErrors,
      fieldMessage: (issue) => (issue.message in t ? t[issue.message as keyof AdminMessages] : t.fixErrors),
    }),
    run: async ({ input, caller, messages }) => {
      const ip = await currentClientAddress();
      const state = await run({ input, caller, ip, t: messages.admin });
      if (state.ok) revalidatePath('/admin');
      return state;
    },
  });
}

export async function createUserAction(_previous: FormState | null, formData: FormData): Promise<FormState> {
  return runAdminAction(createUserSchema, formData, async ({ input, caller, ip, t }) =>
    resultState(
      await createUser(await getDb(), { caller, input, ip }),
      t,
      interpolate(t.created, { email: input.email }),
    ),
  );
}

export async function updateUserAction(_previous: FormState | null, formData: FormData): Promise<FormState> {
  return runAdminAction(updateUserSchema, formData, async ({ input, caller, ip, t }) =>
    resultState(await updateUser(await getDb(), { caller, input, ip }), t, t.updated),
  );
}

export async function resetPasswordAction(_previous: FormState | null, formData: FormData): Promise<FormState> {
  return runAdminAction(resetPasswordSchema, formData, async ({ input, caller, ip, t }) =>
    resultState(
      await resetUserPassword(await getDb(), { caller, userId: input.userId, password: input.password, ip }),
      t,
      t.passwordReset,
    ),
  );
}
