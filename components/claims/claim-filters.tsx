'use client';

import { useI18n } from '@/components/i18n-provider';
import { CLAIM_PARAM_KEYS, type ClaimParams } from '@/components/claims/queries';
import { CLAIM_STATUSES, PROGRAMS } from '@/domain/enums';

export interface FilterChoices {
  villages: Array<{ code: string; name: string }>;
  communities: Array<{ id: number; name: string }>;
  agents: Array<{ code: string; name: string }>;
}

export type SetClaimParams = (changes: Partial<Record<keyof ClaimParams, string | null>>) => void;

/** The claims filters: applied together on submit (back to page 1), or all reset. Community and agent only for personal roles. */
export function ClaimFilters({
  params,
  choices,
  personal,
  setParams,
}: {
  params: ClaimParams;
  choices: FilterChoices;
  personal: boolean;
  setParams: SetClaimParams;
}) {
  const { messages } = useI18n();
  const t = messages.claims;
  const onFilter = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (key: string) => (form.get(key) as string | null) ?? '';
    setParams({
      program: value('program'),
      status: value('status'),
      region: value('region'),
      community: value('community'),
      agent: value('agent'),
      from: value('from'),
      to: value('to'),
      page: null,
    });
  };

  return (
    <form className="form-grid claims-filters" onSubmit={onFilter} aria-label={t.filters} key={CLAIM_PARAM_KEYS.map((k) => params[k]).join('|')}>
      <div className="field">
        <label htmlFor="f-program">{t.program}</label>
        <select id="f-program" name="program" defaultValue={params.program}>
          <option value="">{t.all}</option>
          {PROGRAMS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-status">{t.status}</label>
        <select id="f-status" name="status" defaultValue={params.status}>
          <option value="">{t.all}</option>
          {CLAIM_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t.statuses[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-village">{t.village}</label>
        <select id="f-village" name="region" defaultValue={params.region}>
          <option value="">{t.all}</option>
          {choices.villages.map((v) => (
            <option key={v.code} value={v.code}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      {personal ? (
        <>
          <div className="field">
            <label htmlFor="f-community">{t.community}</label>
            <select id="f-community" name="community" defaultValue={params.community}>
              <option value="">{t.all}</option>
              {choices.communities.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-agent">{t.agent}</label>
            <select id="f-agent" name="agent" defaultValue={params.agent}>
              <option value="">{t.all}</option>
              {choices.agents.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name} ({a.code})
                </option>
              ))}
            </select>
          </div>
        </>
      ) : null}
      <div className="field">
        <label htmlFor="f-from">{t.from}</label>
        <input id="f-from" name="from" type="month" defaultValue={params.from} required />
      </div>
      <div className="field">
        <label htmlFor="f-to">{t.to}</label>
        <input id="f-to" name="to" type="month" defaultValue={params.to} required />
      </div>
      <div className="field claims-filter-buttons">
        <button type="submit" className="primary-button">
          {t.apply}
        </button>
        <button
          type="button"
          className="secondary-button"
          onClick={() => setParams(Object.fromEntries(CLAIM_PARAM_KEYS.map((key) => [key, null])))}
        >
          {t.reset}
        </button>
      </div>
    </form>
  );
}
