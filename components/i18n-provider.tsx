'use client';

import { createContext, useContext, useMemo } from 'react';
import { getMessages, type Locale, type Messages } from '@/i18n';

const I18nContext = createContext<{ locale: Locale; messages: Messages } | null>(null);

/**
 * The dictionaries come with the client bundle (fetched once, then cached by the browser), not as a
 * prop: a prop put the whole dictionary (about 38 kB) into every page's HTML and cost its render.
 */
export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, messages: getMessages(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
