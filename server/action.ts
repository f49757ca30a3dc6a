// The one shape of Payung's server actions (CONVENTIONS "Mutations are thin, wrapped server actions"):
// a signed-in caller with the permission → the form read by the zod schema it shares with the browser →
// the write (the data layer checks again, writes in a transaction with its audit entry) → `{ ok,
// message, fieldErrors }`. A refusal of the data layer is shown with its own message; anything else is
// logged and answered with the form's "failed" message, never a stack trace.
import 'server-only';
import type { z } from 'zod';
import type { Caller } from '@/server/auth/caller';
import { getCaller } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { AppError } from '@/domain/errors';
import { describeError } from '@/db/errors';
import { can, type Permission } from '@/domain/permissions';
import type { Locale, Messages } from '@/i18n';

export interface ActionState {
  ok: boolean;
  message: string;
  fieldErrors?: Partial<Record<string, string>>;
}

/** The words of one form: its refusal, its failure and the message of a field's problem. */
export interface ActionWords {
  forbidden: string;
  failed: string;
  /** The message for a schema issue (the schema names a message key in `issue.message`). */
  fieldMessage: (issue: { path: ReadonlyArray<PropertyKey>; message: string }) => string;
  /** The form's message when fields are wrong (default: the first field's). */
  invalid?: string;
  /** How a data-layer refusal reads (default: its localized message). */
  refusal?: (error: AppError, locale: Locale) => string;
}

export async function runAction<S extends z.ZodType, T extends ActionState>(args: {
  /** Names the action in the server log. */
  name: string;
  /** Checked before the form is read; the data layer checks again. Unset: any signed-in caller. */
  permission?: Permission;
  schema: S;
  values: unknown;
  words: (messages: Messages) => ActionWords;
  run: (context: { input: z.output<S>; caller: Caller; locale: Locale; messages: Messages }) => Promise<T>;
}): Promise<T> {
  const { locale, messages } = await getI18n();
  const words = args.words(messages);
  // A failure carries only the fields every action state has.
  const fail = (state: ActionState) => state as T;
  const caller = await getCaller();
  if (!caller) return fail({ ok: false, message: messages.errors.unauthenticated });
  if (args.permission && !can(caller.role, args.permission)) return fail({ ok: false, message: words.forbidden });
  const parsed = args.schema.safeParse(args.values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= words.fieldMessage(issue);
    return fail({ ok: false, message: words.invalid ?? Object.values(fieldErrors)[0] ?? words.failed, fieldErrors });
  }
  try {
    return await args.run({ input: parsed.data, caller, locale, messages });
  } catch (error) {
    if (error instanceof AppError) {
      return fail({ ok: false, message: words.refusal ? words.refusal(error, locale) : error.localizedMessage(locale) });
    }
    console.error(`[${args.name}] failed:`, describeError(error));
    return fail({ ok: false, message: words.failed });
  }
}
