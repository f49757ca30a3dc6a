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
      <ChoiceField id="f-program" label={t.program} name="program" value={params.program} all={t.all} options={PROGRAMS.map((p) => [p, p])} />
      <ChoiceField
        id="f-status"
        label={t.status}
        name="status"
        value={params.status}
        all={t.all}
        options={CLAIM_STATUSES.map((status) => [status, t.statuses[status]])}
      />
      <ChoiceField id="f-village" label={t.village} name="region" value={params.region} all={t.all} options={choices.villages.map((v) => [v.code, v.name])} />
      {personal ? (
        <>
          <ChoiceField
            id="f-community"
            label={t.community}
            name="community"
            value={params.community}
            all={t.all}
            options={choices.communities.map((c) => [String(c.id), c.name])}
          />
          <ChoiceField
            id="f-agent"
            label={t.agent}
            name="agent"
            value={params.agent}
            all={t.all}
            options={choices.agents.map((a) => [a.code, `${a.name} (${a.code})`])}
          />
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

/** One filter select: "all" first, then the options as [value, label]. */
function ChoiceField({
  id,
  label,
  name,
  value,
  all,
  options,
}: {
  id: string;
  label: string;
  name: string;
  value: string;
  all: string;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">{all}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}
