'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useI18n } from './i18n-provider';
import { formatTimeInJakarta } from '@/domain/format';
import { interpolate } from '@/i18n';
import { THROTTLED_ERROR_PREFIX } from '@/domain/sign-in-errors';

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
      const blockedUntil = result?.error?.startsWith(THROTTLED_ERROR_PREFIX)
        ? new Date(result.error.slice(THROTTLED_ERROR_PREFIX.length))
        : null;
      setError(
        blockedUntil && !Number.isNaN(blockedUntil.getTime())
          ? interpolate(messages.login.throttled, { time: formatTimeInJakarta(blockedUntil) })
          : messages.login.failed,
      );
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
