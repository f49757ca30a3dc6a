import { z } from 'zod';
import { ROLES } from '@/domain/enums';
import { MAX_PASSWORD_LENGTH } from '@/domain/passwords';

/** One schema for the admin forms and the server: error messages are catalogue keys under `admin`. */

const email = z.string().trim().toLowerCase().email('invalidEmail').max(200, 'invalidEmail');
const name = z.string().trim().min(2, 'invalidName').max(100, 'invalidName');
const role = z.enum(ROLES, { message: 'invalidRole' });
const regionCode = z
  .string()
  .trim()
  .regex(/^(\d{2}(\.\d{2}){0,2}(\.\d{4})?)?$/, 'invalidRegion')
  .transform((value) => (value === '' ? null : value));
// Only its shape here: the rules (length, the list of common passwords, the account's own e-mail and
// name) are checked on the server, which holds the list (domain/passwords.ts, server/auth/password-policy.ts).
/** An agent account's Perisai agent code (empty for the other roles). */
const agentCode = z
  .string()
  .trim()
  .max(40, 'invalidAgent')
  .optional()
  .transform((value) => (value ? value : null));
const password = z.string().max(MAX_PASSWORD_LENGTH * 4, 'passwordTooLong');

export const createUserSchema = z.object({ email, name, role, regionCode, agentCode, password });
export const updateUserSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role,
  regionCode,
  agentCode,
  active: z.enum(['true', 'false']).transform((value) => value === 'true'),
});
export const resetPasswordSchema = z.object({ userId: z.coerce.number().int().positive(), password });

// Callers other than the form (scripts, tests) may leave the agent code out.
export type CreateUserInput = Omit<z.infer<typeof createUserSchema>, 'agentCode'> & { agentCode?: string | null };
export type UpdateUserInput = Omit<z.infer<typeof updateUserSchema>, 'agentCode'> & { agentCode?: string | null };
