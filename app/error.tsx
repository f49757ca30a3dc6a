'use client';

import { ErrorView } from '@/components/error-view';

/** A failure outside a page's own content (the sign-in page, the dashboard's frame): a Payung page, not Next's. */
export default function RootError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main className="auth-page">
      <div className="error-page">
        <ErrorView {...props} />
      </div>
    </main>
  );
}
