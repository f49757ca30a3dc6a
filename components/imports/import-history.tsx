'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { DataTable } from '@/components/ui/data-table';
import type { ImportHistoryRow } from '@/contracts/imports';
import { formatDateTimeInJakarta, formatNumber } from '@/domain/format';
import { interpolate } from '@/i18n';

/** The import history, newest first, each with an undo of the whole import. */
export function ImportHistory({ rows }: { rows: ImportHistoryRow[] }) {
  const { locale, messages } = useI18n();
  const t = messages.imports;
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  async function undo(row: ImportHistoryRow) {
    if (!window.confirm(interpolate(t.undoConfirm, { id: row.id, file: row.fileName }))) return;
    setBusy(row.id);
    try {
      const response = await fetch(`/api/v1/imports/${row.id}/undo?lang=${locale}`, { method: 'POST' });
      const json = (await response.json().catch(() => null)) as { removed?: number; restored?: number; error?: { message?: string } } | null;
      if (!response.ok) setMessage({ ok: false, text: json?.error?.message ?? messages.errors.internal });
      else setMessage({ ok: true, text: interpolate(t.undoDone, { id: row.id, removed: json?.removed ?? 0, restored: json?.restored ?? 0 }) });
      router.refresh();
    } catch {
      setMessage({ ok: false, text: messages.errors.internal });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="import-history-title">
      <h2 id="import-history-title">{t.history}</h2>
      {message ? (
        <p className={message.ok ? 'form-ok' : 'form-error'} role="status">
          {message.text}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">{t.historyEmpty}</p>
      ) : (
        <div className="table-wrap">
          <DataTable
            className="data-table import-history-table"
            testId="import-history"
            rowHeaders={false}
            data={rows}
            columns={[
              { id: 'id', header: '#', cell: ({ row }) => row.original.id },
              { id: 'when', header: t.when, cell: ({ row }) => formatDateTimeInJakarta(new Date(row.original.createdAt), locale) },
              { id: 'who', header: t.who, cell: ({ row }) => row.original.userName ?? '—' },
              {
                id: 'kind',
                header: t.kind,
                cell: ({ row: { original } }) => (
                  <>
                    {t.kinds[original.kind]}
                    <br />
                    <span className="muted">{t.modes[original.mode as keyof typeof t.modes] ?? original.mode}</span>
                  </>
                ),
              },
              { id: 'fileName', header: t.fileName, meta: { cellClassName: 'import-file-name' }, cell: ({ row }) => row.original.fileName },
              {
                id: 'counts',
                header: t.counts,
                meta: { numeric: true },
                cell: ({ row: { original } }) => (
                  <>
                    {[original.added, original.updated, original.unchanged, original.rejected].map((n) => formatNumber(n, locale)).join(' / ')}
                    {original.hasReport ? (
                      <>
                        <br />
                        <a href={`/api/v1/imports/${original.id}?format=csv`} download>
                          {t.report_}
                        </a>
                      </>
                    ) : null}
                  </>
                ),
              },
              {
                id: 'status',
                header: t.status,
                cell: ({ row: { original } }) =>
                  original.undoneAt ? (
                    <span className="muted">{interpolate(t.undone, { at: formatDateTimeInJakarta(new Date(original.undoneAt), locale) })}</span>
                  ) : (
                    <button
                      type="button"
                      className="secondary-button"
                      disabled={busy !== null}
                      onClick={() => undo(original)}
                      aria-label={`${t.undo} #${original.id}`}
                    >
                      {t.undo}
                    </button>
                  ),
              },
            ]}
          />
        </div>
      )}
    </section>
  );
}
