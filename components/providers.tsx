'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nProvider } from './i18n-provider';
import type { Locale } from '@/i18n';

export function Providers({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  // One client per browser tab; server-rendered data is handed in as initial data.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale}>
        {children}
      </I18nProvider>
    </QueryClientProvider>
  );
}
