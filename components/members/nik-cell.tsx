'use client';

import { useState } from 'react';
import { useI18n } from '@/components/i18n-provider';

/** A masked NIK with a button to reveal it; the reveal is a POST the server audits. */
export function NikCell({ memberId, masked }: { memberId: number; masked: string }) {
  const { messages } = useI18n();
  const [nik, setNik] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');

  async function reveal() {
    setState('loading');
    const response = await fetch(`/api/v1/members/${memberId}/nik`, { method: 'POST' }).catch(() => null);
    const body = response?.ok ? ((await response.json()) as { nik?: string }) : null;
    if (body?.nik) {
      setNik(body.nik);
      setState('idle');
    } else {
      setState('failed');
    }
  }

  if (nik) return <span className="nik">{nik}</span>;
  return (
    <span className="nik-cell">
      <span className="nik">{masked}</span>{' '}
      <button type="button" className="inline-button" onClick={reveal} disabled={state === 'loading'}>
        {state === 'loading' ? messages.members.revealing : messages.members.reveal}
      </button>
      {state === 'failed' ? (
        <span role="alert" className="form-error">
          {' '}
          {messages.members.revealFailed}
        </span>
      ) : null}
    </span>
  );
}
