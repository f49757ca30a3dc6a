'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import styles from '@/components/map/map.module.css';
import { DataTable } from '@/components/ui/data-table';
import type { BoundaryPreview } from '@/contracts/boundaries';
import { formatNumber } from '@/domain/format';
import { MAX_BOUNDARY_FILE_BYTES } from '@/domain/geo/boundary-file';
import { interpolate } from '@/i18n';
import { mapKeys } from '@/components/map/queries';

type State =
  | { step: 'idle' }
  | { step: 'busy'; mode: 'preview' | 'apply' }
  | { step: 'error'; message: string }
  | { step: 'preview'; preview: BoundaryPreview }
  | { step: 'applied'; count: number };

/**
 * Official boundaries in two steps: check the file and show what will change, then apply it. The server
 * checks the file (and the admin's permission) again on apply; nothing changes until then.
 */
export function BoundaryUploadForm() {
  const { locale, messages } = useI18n();
  const t = messages.boundaries;
  const router = useRouter();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: 'idle' });
  const limitMb = MAX_BOUNDARY_FILE_BYTES / 1024 / 1024;

  async function send(mode: 'preview' | 'apply') {
    if (!file) {
      setState({ step: 'error', message: t.noFile });
      return;
    }
    if (file.size > MAX_BOUNDARY_FILE_BYTES) {
      setState({
        step: 'error',
        message: interpolate(messages.errors.boundaryTooLarge, { size: (file.size / 1024 / 1024).toFixed(1), limit: limitMb }),
      });
      return;
    }
    setState({ step: 'busy', mode });
    const body = new FormData();
    body.set('file', file);
    try {
      const response = await fetch(`/api/v1/boundaries?mode=${mode}&lang=${locale}`, { method: 'POST', body });
      const json = (await response.json().catch(() => null)) as
        | (BoundaryPreview & { applied: boolean })
        | { error?: { message?: string } }
        | null;
      if (!response.ok || !json || 'error' in json) {
        const message = json && 'error' in json ? json.error?.message : undefined;
        setState({ step: 'error', message: message ?? messages.errors.internal });
        return;
      }
      const preview = json as BoundaryPreview;
      if (mode === 'apply') {
        setState({ step: 'applied', count: preview.changes.length });
        setFile(null);
        await queryClient.invalidateQueries({ queryKey: mapKeys.all });
        router.refresh();
      } else {
        setState({ step: 'preview', preview });
      }
    } catch {
      setState({ step: 'error', message: messages.errors.internal });
    }
  }

  const busy = state.step === 'busy';
  return (
    <div>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void send('preview');
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>{interpolate(t.file, { limit: limitMb })}</label>
          <input
            id={inputId}
            type="file"
            name="file"
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setState({ step: 'idle' });
            }}
          />
        </div>
        <button type="submit" className="primary-button" style={{ width: 'auto' }} disabled={busy}>
          {busy && state.mode === 'preview' ? t.checking : t.check}
        </button>
      </form>

      {state.step === 'error' ? (
        <p role="alert" className="form-error" data-testid="boundary-error" style={{ marginTop: '1rem' }}>
          {state.message}
        </p>
      ) : null}
      {state.step === 'applied' ? (
        <p role="status" data-testid="boundary-applied" style={{ marginTop: '1rem' }}>
          {interpolate(t.applied, { count: state.count })}
        </p>
      ) : null}

      {state.step === 'preview' || (state.step === 'busy' && state.mode === 'apply') ? (
        <PreviewTable
          preview={state.step === 'preview' ? state.preview : null}
          busy={busy}
          onApply={() => void send('apply')}
          onCancel={() => setState({ step: 'idle' })}
        />
      ) : null}
    </div>
  );
}

/** What loading the checked file will change, with the buttons to apply it or not. */
function PreviewTable({
  preview,
  busy: applying,
  onApply,
  onCancel,
}: {
  preview: BoundaryPreview | null;
  busy: boolean;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { locale, messages } = useI18n();
  const t = messages.boundaries;
  if (!preview) return <p aria-busy="true">{t.applying}</p>;
  const source = (value: string | null) => t.sources[(value ?? 'none') as keyof typeof t.sources];
  return (
    <section aria-labelledby="boundary-preview-title" style={{ marginTop: '1.25rem' }}>
      <h2 id="boundary-preview-title">{t.previewTitle}</h2>
      <p>{interpolate(t.previewIntro, { count: preview.changes.length, file: preview.fileName || '—' })}</p>
      <DataTable
        className={styles.table}
        numericClassName={styles.num}
        testId="boundary-preview"
        data={preview.changes}
        columns={[
          { id: 'code', header: t.code, cell: ({ row }) => row.original.code },
          {
            id: 'village',
            header: t.village,
            meta: { rowHeader: true },
            cell: ({ row: { original: change } }) => (
              <>
                {change.name}
                {change.repaired ? <span className="muted"> · {t.repaired}</span> : null}
              </>
            ),
          },
          { id: 'current', header: t.current, cell: ({ row }) => source(row.original.boundarySource) },
          { id: 'next', header: t.next, cell: () => t.sources.official },
          { id: 'vertices', header: t.vertices, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.vertices, locale) },
          { id: 'area', header: t.area, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.areaKm2, locale, 2) },
        ]}
      />
      {preview.unchanged.length > 0 ? (
        <p className="note">{interpolate(t.unchanged, { names: preview.unchanged.map((v) => v.name).join(', ') })}</p>
      ) : null}
      <div style={{ display: 'flex', gap: '.75rem', marginTop: '1rem', flexWrap: 'wrap' }}>
        <button type="button" className="primary-button" style={{ width: 'auto' }} disabled={applying} onClick={onApply}>
          {applying ? t.applying : interpolate(t.apply, { count: preview.changes.length })}
        </button>
        <button type="button" className={styles.secondaryButton} disabled={applying} onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </section>
  );
}
