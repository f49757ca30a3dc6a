'use client';

import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { MessageBox } from '@/components/ui/message-box';
import { DATABASE_UNAVAILABLE } from '@/domain/errors';

/** How often a page showing the outage asks whether the database is back. */
const HEALTH_POLL_MS = 3_000;

async function databaseReachable(): Promise<boolean | null> {
  try {
    const response = await fetch('/api/health', { cache: 'no-store' });
    return response.ok ? true : response.status === 503 ? false : null;
  } catch {
    return null;
  }
}

/**
 * What a page shows when its render failed. A database outage (recognised by the error's digest, or by
 * the health check when the failure came from elsewhere) gets its own page that waits for the database
 * and reloads by itself; anything else, the general message and a retry.
 */
export function ErrorView({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const { messages } = useI18n();
  const [outage, setOutage] = useState(error.digest === DATABASE_UNAVAILABLE);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const reachable = await databaseReachable();
      if (stopped) return;
      if (reachable === false) setOutage(true);
      if (reachable === true && outage) {
        retry();
        return;
      }
      if (reachable === false || outage) timer = setTimeout(check, HEALTH_POLL_MS);
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [outage, retry]);

  if (outage) {
    return (
      <MessageBox title={messages.errors.databaseDownTitle}>
        <p>{messages.errors.databaseDown}</p>
        <p className="muted" role="status">
          {messages.errors.databaseDownWaiting}
        </p>
      </MessageBox>
    );
  }
  return (
    <MessageBox title={messages.errors.title}>
      <p>{messages.errors.internal}</p>
      <button type="button" className="primary-button" style={{ width: 'auto' }} onClick={retry}>
        {messages.errors.retry}
      </button>
    </MessageBox>
  );
}
