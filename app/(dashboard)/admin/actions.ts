'use server';

import { revalidatePath } from 'next/cache';
import { currentClientAddress } from '@/server/http/client-address';
import type { z } from 'zod';
import { getDb } from '@/db';
import { createUser, resetUserPassword, updateUser, type UserChangeResult } from '@/server/users';
import type { Caller } from '@/server/auth/caller';
import { getCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { interpolate, type Messages } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { createUserSchema, resetPasswordSchema, updateUserSchema } from '@/domain/users';

export interface FormState {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string>;
}

type AdminMessages = Messages['admin'];

function fieldErrors(error: z.ZodError, t: AdminMessages): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    const key = issue.message as keyof AdminMessages;
    errors[field] ??= key in t ? t[key] : t.fixErrors;
  }
  return errors;
}

function resultState(result: UserChangeResult, t: AdminMessages, success: string): FormState {
  if (result.ok) return { ok: true, message: success };
  const message = t[result.reason];
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
  const { locale, messages } = await getI18n();
  const t = messages.admin;
  const caller = await getCaller();
  if (!caller) return { ok: false, message: messages.errors.unauthenticated };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: t.fixErrors, fieldErrors: fieldErrors(parsed.error, t) };
  const ip = await currentClientAddress();
  try {
    const state = await run({ input: parsed.data, caller, ip, t });
    if (state.ok) revalidatePath('/admin');
    return state;
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.localizedMessage(locale) };
    throw error;
  }
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
