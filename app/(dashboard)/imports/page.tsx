import { getDb } from '@/db';
import { listImports } from '@/server/imports/pipeline';
import { ImportHistory } from '@/components/imports/import-history';
import { ImportPanel } from '@/components/imports/import-panel';
import { ImportTemplates } from '@/components/imports/import-templates';
import { ManualEntry } from '@/components/imports/manual-entry';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { pageTitle } from '@/server/page-title';
import { importKindsFor } from '@/domain/import-kinds';

export const generateMetadata = pageTitle('imports');

/** Imports of members, contributions, claims and master data (admin and officer), with their history and undo. */
export default async function ImportsPage() {
  // The page answers 403; the API and the data layer refuse on their own.
  const caller = await requirePagePermission('import:data');
  const kinds = importKindsFor(caller.role);
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
      <ImportPanel kinds={kinds} />
      <ImportTemplates kinds={kinds} />
      <ManualEntry />
      <ImportHistory rows={history} />
    </>
  );
}
