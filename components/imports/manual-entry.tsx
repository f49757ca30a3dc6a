'use client';

import { useActionState } from 'react';
import { saveManualEntry } from '@/app/(dashboard)/imports/actions';
import { useI18n } from '@/components/i18n-provider';
import { IMPORT_COLUMNS } from '@/domain/import-kinds';

const HINTS: Record<string, string> = {
  nik: '3302…  (16 digit)',
  jenis_kelamin: 'L / P',
  tanggal_lahir: 'YYYY-MM-DD / DD/MM/YYYY',
  tanggal_daftar: 'YYYY-MM-DD / DD/MM/YYYY',
  tanggal_bayar: 'YYYY-MM-DD / DD/MM/YYYY',
  kode_desa: '33.02.14.2011',
  kanal: 'agent, community, cooperative, citizens_forum, formal_socialisation, walk_in',
  bulan_mulai: 'YYYY-MM',
  jumlah_bulan: '1–12',
  iuran_jkk: 'Rp 10.000',
  iuran_jkm: 'Rp 6.800',
  penghasilan: 'Rp 1.000.000',
};

const label = (name: string) => name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

function EntryForm({ kind, title }: { kind: 'members' | 'contributions'; title: string }) {
  const { messages } = useI18n();
  const [state, action, pending] = useActionState(saveManualEntry, null);
  return (
    <details className="manual-entry">
      <summary>{title}</summary>
      <form action={action} className="form-grid" aria-label={title}>
        <input type="hidden" name="kind" value={kind} />
        {IMPORT_COLUMNS[kind].map((column) => {
          const id = `${kind}-${column.name}`;
          const error = state?.fieldErrors[column.name];
          return (
            <div className="field" key={column.name}>
              <label htmlFor={id}>
                {label(column.name)}
                {column.required ? ' *' : ''}
              </label>
              <input
                id={id}
                name={column.name}
                required={column.required}
                placeholder={HINTS[column.name]}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                autoComplete="off"
              />
              {error ? (
                <span className="field-error" id={`${id}-error`}>
                  {error}
                </span>
              ) : null}
            </div>
          );
        })}
        <div className="field">
          <button type="submit" className="primary-button" disabled={pending}>
            {messages.imports.save}
          </button>
        </div>
        {state ? (
          <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'form-ok' : 'form-error'}>
            {state.message}
            {state.fieldErrors.form ? ` ${state.fieldErrors.form}` : ''}
          </p>
        ) : null}
        {state?.warnings.map((warning) => (
          <p key={warning} className="muted">
            {warning}
          </p>
        ))}
      </form>
    </details>
  );
}

/** Adding or correcting one member, or recording one contribution, by hand: the same rules as a file. */
export function ManualEntry() {
  const { messages } = useI18n();
  const t = messages.imports;
  return (
    <section className="admin-section" aria-labelledby="manual-entry-heading">
      <h2 id="manual-entry-heading">{t.manualTitle}</h2>
      <EntryForm kind="members" title={t.manualMember} />
      <EntryForm kind="contributions" title={t.manualContribution} />
    </section>
  );
}
