'use client';

import { useRouter } from 'next/navigation';
import { LOCALE_COOKIE } from '@/i18n';
import { useI18n } from './i18n-provider';

/** Switches between Bahasa Indonesia and English; the choice is kept in a cookie for a year. */
export function LanguageSwitch() {
  const { locale, messages } = useI18n();
  const router = useRouter();
  const next = locale === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      lang={next}
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax${location.protocol === 'https:' ? '; secure' : ''}`;
        router.refresh();
      }}
    >
      {messages.app.switchTo}
    </button>
  );
}
