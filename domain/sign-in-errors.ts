/** Prefix of the sign-in error that tells the form when to retry; the rest is an ISO instant. */
export const THROTTLED_ERROR_PREFIX = 'throttled:';
