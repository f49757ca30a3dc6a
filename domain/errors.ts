// One error shape for route handlers and the data layer: `{ error: { code, message, param? } }` with a status.
import { getMessages, interpolate, type Locale, type Messages } from '@/i18n';

export type ErrorMessageKey = keyof Messages['errors'];

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageKey: ErrorMessageKey,
    readonly values: Record<string, string | number> = {},
    /** The request parameter at fault, named in the message and the response. */
    readonly param?: string,
  ) {
    super(`${code}: ${describe('en', messageKey, values, param)}`);
    this.name = 'AppError';
  }

  localizedMessage(locale: Locale): string {
    return describe(locale, this.messageKey, this.values, this.param);
  }
}

function describe(locale: Locale, key: ErrorMessageKey, values: Record<string, string | number>, param?: string): string {
  const errors = getMessages(locale).errors;
  const message = interpolate(errors[key], values);
  return param ? interpolate(errors.inParameter, { param, message }) : message;
}

export const unauthenticated = () => new AppError('unauthenticated', 401, 'unauthenticated');
export const forbidden = () => new AppError('forbidden', 403, 'forbidden');

/**
 * The database cannot be reached: the API's 503 code, the sign-in form's error and the digest by which
 * a page's error boundary knows to show the outage page (Next.js passes a thrown error's digest along).
 */
export const DATABASE_UNAVAILABLE = 'database_unavailable';

export const databaseUnavailable = () =>
  Object.assign(new AppError(DATABASE_UNAVAILABLE, 503, 'databaseDown'), { digest: DATABASE_UNAVAILABLE });
