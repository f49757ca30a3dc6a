import { requirePageCaller } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { pageTitle } from '@/server/page-title';
import { INDICATORS } from '@/domain/definitions';

export const generateMetadata = pageTitle('definitions');

/** Every indicator's one definition (PRODUCT.md "Indicators"), for every signed-in role. */
export default async function DefinitionsPage() {
  await requirePageCaller();
  const { messages } = await getI18n();
  const t = messages.definitions;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.title}</h1>
          <p>{t.intro}</p>
        </div>
      </div>
      <dl className="definitions" data-testid="definitions">
        {INDICATORS.map((key) => {
          const item: { name: string; definition: string; numerator?: string; denominator?: string } = t.items[key];
          return (
            <div key={key} id={key} className="definition">
              <dt>{item.name}</dt>
              <dd>
                <p>{item.definition}</p>
                {item.numerator ? (
                  <p>
                    <strong>{t.numerator}:</strong> {item.numerator}
                  </p>
                ) : null}
                {item.denominator ? (
                  <p>
                    <strong>{t.denominator}:</strong> {item.denominator}
                  </p>
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}
