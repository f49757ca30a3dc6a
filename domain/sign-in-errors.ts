/** Prefix of the sign-in error that tells the form when to retry; the rest is an ISO instant. */
export const THROTTLED_ERROR_PREFIX = 'throttled:';
/** A fault of the server during sign-in (the database's absence has its own code, DATABASE_UNAVAILABLE). */
export const SIGN_IN_FAILED_INTERNAL = 'internal';
