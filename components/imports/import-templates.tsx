'use client';

import { useId } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { importTemplatePath } from '@/contracts/imports';
import type { ImportKind } from '@/domain/enums';

/** A template to download for each kind the user may load: xlsx (with its column sheet), CSV, and the column notes as CSV. */
export function ImportTemplates({ kinds }: { kinds: readonly ImportKind[] }) {
  const { locale, messages } = useI18n();
  const t = messages.imports;
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t.templates}</h2>
      <p className="muted">{t.templatesHint}</p>
      <ul className="import-templates">
        {kinds.map((kind) => (
          <li key={kind}>
            <span className="template-kind">{t.kinds[kind]}</span>
            <a href={importTemplatePath(kind, 'xlsx', locale)} download aria-label={`${t.templateFor.replace('{kind}', t.kinds[kind])}: ${t.templateXlsx}`}>
              {t.templateXlsx}
            </a>
            <a href={importTemplatePath(kind, 'csv', locale)} download aria-label={`${t.templateFor.replace('{kind}', t.kinds[kind])}: ${t.templateCsv}`}>
              {t.templateCsv}
            </a>
            <a href={importTemplatePath(kind, 'notes', locale)} download aria-label={`${t.templateFor.replace('{kind}', t.kinds[kind])}: ${t.templateNotes}`}>
              {t.templateNotes}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
