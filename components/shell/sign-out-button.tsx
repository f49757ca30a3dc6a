'use client';

import { signOut } from 'next-auth/react';
import { useI18n } from '../i18n-provider';

export function SignOutButton() {
  const { messages } = useI18n();
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: '/login' })}>
      {messages.app.signOut}
    </button>
  );
}
