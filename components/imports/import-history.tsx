'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
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
          <table className="data-table import-history-table" data-testid="import-history">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.when}</th>
                <th scope="col">{t.who}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.fileName}</th>
                <th scope="col" className="num">
                  {t.counts}
                </th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.id}</td>
                  <td>{formatDateTimeInJakarta(new Date(row.createdAt), locale)}</td>
                  <td>{row.userName ?? '—'}</td>
                  <td>
                    {t.kinds[row.kind]}
                    <br />
                    <span className="muted">{t.modes[row.mode as keyof typeof t.modes] ?? row.mode}</span>
                  </td>
                  <td className="import-file-name">{row.fileName}</td>
                  <td className="num">
                    {[row.added, row.updated, row.unchanged, row.rejected].map((n) => formatNumber(n, locale)).join(' / ')}
                    {row.hasReport ? (
                      <>
                        <br />
                        <a href={`/api/v1/imports/${row.id}?format=csv`} download>
                          {t.report_}
                        </a>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {row.undoneAt ? (
                      <span className="muted">{interpolate(t.undone, { at: formatDateTimeInJakarta(new Date(row.undoneAt), locale) })}</span>
                    ) : (
                      <button
                        type="button"
                        className="secondary-button"
                        disabled={busy !== null}
                        onClick={() => undo(row)}
                        aria-label={`${t.undo} #${row.id}`}
                      >
                        {t.undo}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
