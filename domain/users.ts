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
const password = z.string().max(MAX_PASSWORD_LENGTH * 4, 'passwordTooLong');

export const createUserSchema = z.object({ email, name, role, regionCode, password });
export const updateUserSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role,
  regionCode,
  active: z.enum(['true', 'false']).transform((value) => value === 'true'),
});
export const resetPasswordSchema = z.object({ userId: z.coerce.number().int().positive(), password });

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
