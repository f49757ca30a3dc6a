'use client';

import { ErrorView } from '@/components/error-view';

/** Every dashboard page's failure: the shell stays, the page says what happened (one boundary for all). */
export default function DashboardError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <ErrorView {...props} />;
}
