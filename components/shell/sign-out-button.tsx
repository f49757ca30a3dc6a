'use client';

import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useI18n } from '../i18n-provider';

export function SignOutButton() {
  const { messages } = useI18n();
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={() =>
        // No redirect by next-auth: stay on the host the user typed, whatever NEXTAUTH_URL says.
        void signOut({ redirect: false }).finally(() => {
          router.replace('/login');
          router.refresh();
        })
      }
    >
      {messages.app.signOut}
    </button>
  );
}
