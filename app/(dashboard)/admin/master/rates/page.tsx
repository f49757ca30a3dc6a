import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { listReferenceRates } from '@/server/master-data/rates';
import { RateForm } from '@/components/master-data/master-forms';
import { MasterPageHead } from '@/components/master-data/master-nav';
import { DataTable } from '@/components/ui/data-table';
import { formatDate, formatNumber } from '@/domain/format';
import { todayInJakarta } from '@/domain/month';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('masterRates');

/** Every reference rate with its dates, and the form that adds a new one (never an edit of an old one). */
export default async function MasterRatesPage() {
  const caller = await requirePagePermission('manage:reference-data');
  const db = await getDb();
  const [{ locale, messages }, rows] = await Promise.all([getI18n(), listReferenceRates(db, { caller })]);
  const t = messages.master;
  const f = t.fields;
  const today = todayInJakarta();
  const keys = [...new Map(rows.map((row) => [row.key, { key: row.key, category: row.category, unit: row.unit }])).values()];
  // A discount's dates name contribution months (its last month's first day), so it ends with that month.
  const ended = (row: { category: string; effectiveTo: string | null }) =>
    row.effectiveTo !== null && (row.category === 'discount' ? row.effectiveTo.slice(0, 7) < today.slice(0, 7) : row.effectiveTo < today);
  const state = (row: { category: string; effectiveFrom: string; effectiveTo: string | null }) =>
    row.effectiveFrom > today ? t.rates.future : ended(row) ? t.rates.ended : t.rates.current;
  const value = (row: { value: number; unit: keyof typeof t.rateUnits }) =>
    row.unit === 'rupiah'
      ? `Rp ${formatNumber(row.value, locale)}`
      : row.unit === 'percent'
        ? `${formatNumber(row.value, locale, row.value % 1 === 0 ? 0 : 2)} %`
        : row.unit === 'times_income'
          ? `${formatNumber(row.value, locale)} ${t.rateUnits.times_income}`
          : formatNumber(row.value, locale);
  return (
    <>
      <MasterPageHead section="rates" role={caller.role} regionCode={null} messages={messages} />
      <section className="admin-section" aria-labelledby="rate-create-heading">
        <h2 id="rate-create-heading">{t.rates.create}</h2>
        {caller.regionCode ? <p className="note">{t.rates.regionLimited}</p> : <RateForm keys={keys} />}
      </section>
      <section className="admin-section" aria-labelledby="rate-list-heading">
        <h2 id="rate-list-heading">{t.rates.list}</h2>
        <div className="table-scroll">
          <DataTable
            testId="master-rates"
            data={rows}
            rowProps={(row) => ({ 'data-key': row.key })}
            columns={[
              { id: 'key', header: f.key, cell: ({ row }) => <code>{row.original.key}</code> },
              { id: 'category', header: f.category, cell: ({ row }) => t.rateCategories[row.original.category] },
              { id: 'value', header: f.value, meta: { numeric: true }, cell: ({ row }) => value(row.original) },
              { id: 'effectiveFrom', header: f.effectiveFrom, cell: ({ row }) => formatDate(row.original.effectiveFrom, locale) },
              {
                id: 'effectiveTo',
                header: f.effectiveTo,
                cell: ({ row: { original } }) => (original.effectiveTo ? formatDate(original.effectiveTo, locale) : t.none),
              },
              { id: 'status', header: f.status, cell: ({ row }) => state(row.original) },
              { id: 'source', header: f.source, meta: { cellClassName: 'muted' }, cell: ({ row }) => row.original.source ?? t.none },
            ]}
          />
        </div>
      </section>
    </>
  );
}
