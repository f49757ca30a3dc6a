'use client';

import { useI18n } from '@/components/i18n-provider';

export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { messages } = useI18n();
  return (
    <div className="message-box" role="alert">
      <h1>{messages.errors.title}</h1>
      <p>{messages.errors.internal}</p>
      <button type="button" className="primary-button" style={{ width: 'auto' }} onClick={reset}>
        {messages.errors.retry}
      </button>
    </div>
  );
}
