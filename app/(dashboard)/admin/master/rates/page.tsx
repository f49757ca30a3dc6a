import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { listReferenceRates } from '@/server/master-data/rates';
import { RateForm } from '@/components/master-data/master-forms';
import { MasterPageHead } from '@/components/master-data/master-nav';
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
          <table className="data-table" data-testid="master-rates">
            <thead>
              <tr>
                <th scope="col">{f.key}</th>
                <th scope="col">{f.category}</th>
                <th scope="col" className="num">
                  {f.value}
                </th>
                <th scope="col">{f.effectiveFrom}</th>
                <th scope="col">{f.effectiveTo}</th>
                <th scope="col">{f.status}</th>
                <th scope="col">{f.source}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-key={row.key}>
                  <th scope="row">
                    <code>{row.key}</code>
                  </th>
                  <td>{t.rateCategories[row.category]}</td>
                  <td className="num">{value(row)}</td>
                  <td>{formatDate(row.effectiveFrom, locale)}</td>
                  <td>{row.effectiveTo ? formatDate(row.effectiveTo, locale) : t.none}</td>
                  <td>{state(row)}</td>
                  <td className="muted">{row.source ?? t.none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
