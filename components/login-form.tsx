'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useI18n } from './i18n-provider';
import { formatTimeInJakarta } from '@/domain/format';
import { interpolate, type Messages } from '@/i18n';
import { SIGN_IN_FAILED_INTERNAL, THROTTLED_ERROR_PREFIX } from '@/domain/sign-in-errors';
import { DATABASE_UNAVAILABLE } from '@/domain/errors';

/** The sign-in error codes of server/auth/options.ts, in words; anything else is "wrong email or password". */
function signInErrorMessage(code: string | null, messages: Messages): string {
  if (code === DATABASE_UNAVAILABLE) return messages.login.databaseDown;
  if (code === SIGN_IN_FAILED_INTERNAL) return messages.login.internal;
  const blockedUntil = code?.startsWith(THROTTLED_ERROR_PREFIX) ? new Date(code.slice(THROTTLED_ERROR_PREFIX.length)) : null;
  return blockedUntil && !Number.isNaN(blockedUntil.getTime())
    ? interpolate(messages.login.throttled, { time: formatTimeInJakarta(blockedUntil) })
    : messages.login.failed;
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const { messages } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    }).catch(() => null);
    setPending(false);
    if (!result?.ok || result.error) {
      setError(signInErrorMessage(result?.error ?? null, messages));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="email">{messages.login.email}</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">{messages.login.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="primary-button" type="submit" disabled={pending}>
        {pending ? messages.login.submitting : messages.login.submit}
      </button>
    </form>
  );
}
