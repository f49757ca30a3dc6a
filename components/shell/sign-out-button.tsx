'use client';

import { signOut } from 'next-auth/react';
import { useI18n } from '../i18n-provider';

export function SignOutButton() {
  const { messages } = useI18n();
  return (
    <button
      type="button"
      onClick={() =>
        // Stay on the host the user typed, whatever NEXTAUTH_URL says.
        void signOut({ redirect: false }).finally(() => window.location.assign('/login'))
      }
    >
      {messages.app.signOut}
    </button>
  );
}
