import type { Metadata } from 'next';
import { getDb } from '@/db';
import { listImports } from '@/server/imports/pipeline';
import { ImportHistory } from '@/components/imports/import-history';
import { ImportPanel } from '@/components/imports/import-panel';
import { ManualEntry } from '@/components/imports/manual-entry';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { importKindsFor } from '@/domain/import-kinds';

export const metadata: Metadata = { title: 'Impor' };

/** Imports of members, contributions, claims and master data (admin and officer), with their history and undo. */
export default async function ImportsPage() {
  // The page answers 403; the API and the data layer refuse on their own.
  const caller = await requirePagePermission('import:data');
  const { messages } = await getI18n();
  const t = messages.imports;
  const history = await listImports(await getDb(), { caller });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.title}</h1>
          <p className="page-subtitle">{t.subtitle}</p>
        </div>
      </div>
      <ImportPanel kinds={importKindsFor(caller.role)} />
      <ManualEntry />
      <ImportHistory rows={history} />
    </>
  );
}
