'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { DataTable, type DataColumn } from '@/components/ui/data-table';
import type { ImportIssue, ImportReport, ImportSource } from '@/contracts/imports';
import type { Messages } from '@/i18n';
import type { ImportKind } from '@/domain/enums';
import { formatDateTimeInJakarta, formatNumber } from '@/domain/format';
import { interpolate } from '@/i18n';
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES } from '@/domain/import-kinds';

type Step =
  | { step: 'idle' }
  | { step: 'busy'; percent: number; label: string }
  | { step: 'error'; message: string }
  | { step: 'report'; report: ImportReport };

/**
 * Choose a kind, upload, see the file as Payung understood it and its report, then import it: the whole
 * file, or (explicitly) only the valid rows. The upload is sent with XMLHttpRequest so the bar shows how
 * far the server has read: it checks the file as the bytes arrive.
 */
export function ImportPanel({ kinds }: { kinds: readonly ImportKind[] }) {
  const { locale, messages } = useI18n();
  const t = messages.imports;
  const router = useRouter();
  const kindId = useId();
  const fileId = useId();
  const [kind, setKind] = useState<ImportKind>('members');
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<Step>({ step: 'idle' });
  const [confirmPartial, setConfirmPartial] = useState(false);
  const limitMb = Math.round(MAX_IMPORT_BYTES / 1024 / 1024);

  function send(mode: 'preview' | 'all' | 'valid_only') {
    if (!file) {
      setState({ step: 'error', message: t.noFile });
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setState({ step: 'error', message: interpolate(messages.errors.importTooLarge, { limit: limitMb }) });
      return;
    }
    const label = mode === 'preview' ? t.checking : t.importing;
    setState({ step: 'busy', percent: 0, label });
    const body = new FormData();
    body.set('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports?kind=${kind}&mode=${mode}&lang=${locale}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) setState({ step: 'busy', percent: Math.round((event.loaded / event.total) * 100), label });
    };
    xhr.onerror = () => setState({ step: 'error', message: messages.errors.internal });
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = null;
      }
      if (json && typeof json === 'object' && 'kind' in json) {
        const received = json as ImportReport;
        setState({ step: 'report', report: received });
        setConfirmPartial(false);
        if (received.committed) router.refresh();
        return;
      }
      const failure = json as { error?: { message?: string } } | null;
      setState({ step: 'error', message: failure?.error?.message ?? messages.errors.internal });
    };
    xhr.send(body);
  }

  const busy = state.step === 'busy';
  const report = state.step === 'report' ? state.report : null;
  return (
    <section className="panel" aria-labelledby={`${kindId}-title`}>
      <h2 id={`${kindId}-title`}>{t.uploadTitle}</h2>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          send('preview');
        }}
      >
        <div className="field">
          <label htmlFor={kindId}>{t.kind}</label>
          <select
            id={kindId}
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as ImportKind);
              setState({ step: 'idle' });
            }}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t.kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <span id={`${fileId}-title`}>{t.file}</span>
          {/* The native control speaks the browser's language: it stays focusable but hidden, and a
              labelled button and the chosen file's name speak the page's. */}
          <div className="file-picker">
            <input
              id={fileId}
              type="file"
              className="visually-hidden"
              accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-labelledby={`${fileId}-title ${fileId}-button`}
              aria-describedby={`${fileId}-name ${fileId}-hint`}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setState({ step: 'idle' });
              }}
            />
            <label htmlFor={fileId} id={`${fileId}-button`} className="secondary-button file-button">
              {t.chooseFile}
            </label>
            <span id={`${fileId}-name`} className={file ? 'file-name' : 'file-name muted'} data-testid="file-name">
              {file ? file.name : t.noFileChosen}
            </span>
          </div>
          <small id={`${fileId}-hint`} className="muted">
            {interpolate(t.fileHint, { limit: limitMb })}
          </small>
        </div>
        <div className="import-actions">
          <button type="submit" className="secondary-button" disabled={busy}>
            {t.check}
          </button>
        </div>
      </form>
      <p className="muted import-columns">
        {t.expectedColumns}: <code>{IMPORT_COLUMNS[kind].map((c) => `${c.name}${c.required ? '*' : ''}`).join(', ')}</code>
      </p>

      {state.step === 'busy' ? (
        <div className="import-progress">
          <label>
            {interpolate(t.uploading, { percent: state.percent })}
            <progress max={100} value={state.percent} aria-label={t.progress} />
          </label>
          <span className="muted">{state.label}</span>
        </div>
      ) : null}
      {state.step === 'error' ? (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      ) : null}

      {report ? (
        <div className="import-report" data-testid="import-report">
          {report.committed ? (
            <p className="form-ok" role="status">
              {interpolate(t.done, { added: report.added, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected })}{' '}
              {report.figuresRefreshedAt ? interpolate(t.figuresRefreshed, { at: formatDateTimeInJakarta(new Date(report.figuresRefreshedAt), locale) }) : null}
            </p>
          ) : null}
          {report.committed && report.importId && report.rejected > 0 ? (
            <p>
              <a href={`/api/v1/imports/${report.importId}?format=csv`} download>
                {t.downloadRejected}
              </a>
            </p>
          ) : null}
          <h3>{t.report}</h3>
          {report.source ? <p className="muted" data-testid="import-source">{interpolate(t.readAs, { format: describeSource(report.source, t) })}</p> : null}
          <p role={report.committed ? undefined : 'status'}>
            {interpolate(t.summary, {
              rows: formatNumber(report.rows, locale),
              added: formatNumber(report.added, locale),
              updated: formatNumber(report.updated, locale),
              unchanged: formatNumber(report.unchanged, locale),
              rejected: formatNumber(report.rejected, locale),
            })}
          </p>

          {report.columns.length > 0 ? (
            <details open={!report.committed}>
              <summary>{t.mapping}</summary>
              <div className="table-wrap">
                <DataTable
                  data={report.columns}
                  columns={[
                    { id: 'header', header: t.header, cell: ({ row }) => row.original.header },
                    { id: 'field', header: t.field, cell: ({ row }) => row.original.field ?? <span className="muted">{t.ignored}</span> },
                  ]}
                />
              </div>
            </details>
          ) : null}

          {report.preview.length > 0 && !report.committed ? <PreviewTable report={report} /> : null}

          <IssueList title={interpolate(t.errorsTitle, { count: formatNumber(report.errorCount, locale) })} issues={report.errors} total={report.errorCount} tone="error" />
          <IssueList title={interpolate(t.warningsTitle, { count: formatNumber(report.warningCount, locale) })} issues={report.warnings} total={report.warningCount} tone="warning" />

          {report.mode === 'preview' ? (
            <div className="import-actions">
              {report.errorCount === 0 ? (
                <>
                  <p className="form-ok">{t.noIssues}</p>
                  <button type="button" className="primary-button" disabled={busy} onClick={() => send('all')}>
                    {interpolate(t.importAll, { count: formatNumber(report.rows, locale) })}
                  </button>
                </>
              ) : (
                <>
                  <p className="note">{t.hasErrors}</p>
                  <label className="checkbox">
                    <input type="checkbox" checked={confirmPartial} onChange={(event) => setConfirmPartial(event.target.checked)} />{' '}
                    {interpolate(t.validOnlyConfirm, { rejected: formatNumber(report.rejected, locale) })}
                  </label>
                  <button type="button" className="secondary-button" disabled={busy || !confirmPartial} onClick={() => send('valid_only')}>
                    {t.importValidOnly}
                  </button>
                </>
              )}
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function PreviewTable({ report }: { report: ImportReport }) {
  const { messages } = useI18n();
  const t = messages.imports;
  const keys = [...new Set(report.preview.flatMap((row) => Object.keys(row.values)))];
  return (
    <>
      <h3>{t.preview}</h3>
      <div className="table-wrap">
        <DataTable
          testId="import-preview"
          data={report.preview}
          rowKey={(row) => String(row.line)}
          columns={[
            { id: 'line', header: t.line, cell: ({ row }) => row.original.line },
            ...keys.map((k): DataColumn<ImportReport['preview'][number]> => ({ id: `value-${k}`, header: k, cell: ({ row }) => row.original.values[k] ?? '' })),
          ]}
        />
      </div>
    </>
  );
}

function IssueList({ title, issues, total, tone }: { title: string; issues: ImportIssue[]; total: number; tone: 'error' | 'warning' }) {
  const { messages } = useI18n();
  const t = messages.imports;
  if (total === 0) return null;
  return (
    <>
      <h3 className={tone === 'error' ? 'import-errors-title' : undefined}>{title}</h3>
      {issues.length < total ? <p className="muted">{interpolate(t.listCapped, { shown: issues.length, count: total })}</p> : null}
      <ul className={`import-issues import-issues-${tone}`} data-testid={`import-${tone}s`}>
        {issues.slice(0, 200).map((issue, i) => (
          <li key={`${issue.line}-${issue.column}-${i}`}>{issue.message}</li>
        ))}
      </ul>
    </>
  );
}

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

/** "CSV (Windows-1252, semicolon-delimited)" or "Excel (.xlsx), first sheet". */
function describeSource(source: ImportSource, t: Messages['imports']): string {
  if (source.format === 'xlsx') return t.formats.xlsx;
  const parts = [source.encoding ? t.encodings[source.encoding] : null, source.delimiter ? t.delimiters[DELIMITER_NAMES[source.delimiter]] : null].filter(Boolean);
  return parts.length > 0 ? `${t.formats.csv} (${parts.join(', ')})` : t.formats.csv;
}
