'use client';

// The master-data forms: each posts to its server action (which checks the caller and the region
// itself) and shows the answer beside the fields. Submitting from script keeps what was typed when the
// server refuses it; a successful "add" form is emptied for the next entry.
import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import {
  addRateAction,
  saveAgentAction,
  saveCommunityAction,
  saveWorkforceAction,
} from '@/app/(dashboard)/admin/master/actions';
import { useI18n } from '@/components/i18n-provider';
import { COMMUNITY_TYPES } from '@/domain/enums';
import { RATE_CATEGORIES, RATE_UNITS, type MasterActionState } from '@/domain/master-data';

type Action = (state: MasterActionState | null, form: FormData) => Promise<MasterActionState>;

export interface VillageChoice {
  code: string;
  name: string;
  districtName: string;
}
export interface OccupationChoice {
  code: string;
  nameId: string;
  nameEn: string;
}
export interface SupervisorChoice {
  id: number;
  name: string;
  email: string;
  active: boolean;
}
export interface CommunityChoice {
  id: number;
  name: string;
  villageCode: string;
  villageName: string;
}

function useMasterForm(action: Action, resetOnSuccess: boolean) {
  const [state, dispatch, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return { state, dispatch, pending, formRef, onSubmit };
}

function Field({
  id,
  label,
  state,
  name,
  help,
  wide,
  children,
}: {
  id: string;
  label: string;
  state: MasterActionState | null;
  name: string;
  help?: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const error = state?.fieldErrors?.[name];
  return (
    <div className={wide ? 'field form-grid-wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {help ? (
        <span id={`${id}-help`} className="muted">
          {help}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

function describedBy(id: string, state: MasterActionState | null, name: string, help = false) {
  const ids = [help ? `${id}-help` : '', state?.fieldErrors?.[name] ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function invalid(state: MasterActionState | null, name: string) {
  return state?.fieldErrors?.[name] ? true : undefined;
}

function StateMessage({ state }: { state: MasterActionState | null }) {
  if (!state) return null;
  return (
    <p role={state.ok ? 'status' : 'alert'} className={`form-grid-wide ${state.ok ? 'form-ok' : 'form-error'}`}>
      {state.message}
    </p>
  );
}

function VillageSelect({ id, villages, defaultValue, state }: { id: string; villages: VillageChoice[]; defaultValue: string; state: MasterActionState | null }) {
  const { messages } = useI18n();
  const districts = [...new Set(villages.map((v) => v.districtName))];
  return (
    <select id={id} name="villageCode" defaultValue={defaultValue} required aria-invalid={invalid(state, 'villageCode')} aria-describedby={describedBy(id, state, 'villageCode')}>
      <option value="">{messages.master.none}</option>
      {districts.map((district) => (
        <optgroup key={district} label={district}>
          {villages
            .filter((v) => v.districtName === district)
            .map((v) => (
              <option key={v.code} value={v.code}>
                {v.name} ({v.code})
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

function OccupationSelect({
  id,
  occupations,
  defaultValue,
  state,
  emptyLabel,
}: {
  id: string;
  occupations: OccupationChoice[];
  defaultValue: string;
  state: MasterActionState | null;
  emptyLabel: string;
}) {
  const { locale } = useI18n();
  return (
    <select id={id} name="occupationCode" defaultValue={defaultValue} aria-invalid={invalid(state, 'occupationCode')} aria-describedby={describedBy(id, state, 'occupationCode')}>
      <option value="">{emptyLabel}</option>
      {occupations.map((o) => (
        <option key={o.code} value={o.code}>
          {locale === 'en' ? o.nameEn : o.nameId}
        </option>
      ))}
    </select>
  );
}

export interface CommunityValues {
  id: number;
  name: string;
  type: string;
  villageCode: string;
  occupationCode: string | null;
  foundedOn: string | null;
}

export function CommunityForm({
  villages,
  occupations,
  initial,
}: {
  villages: VillageChoice[];
  occupations: OccupationChoice[];
  initial?: CommunityValues;
}) {
  const { messages } = useI18n();
  const t = messages.master;
  const f = t.fields;
  const { state, dispatch, pending, formRef, onSubmit } = useMasterForm(saveCommunityAction, !initial);
  const p = initial ? `community-${initial.id}` : 'community-new';
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} className="form-grid master-form" aria-label={initial ? t.save : t.communities.create}>
      {initial ? <input type="hidden" name="id" value={initial.id} /> : null}
      <Field id={`${p}-name`} label={f.name} state={state} name="name">
        <input id={`${p}-name`} name="name" defaultValue={initial?.name} required maxLength={120} aria-invalid={invalid(state, 'name')} aria-describedby={describedBy(`${p}-name`, state, 'name')} />
      </Field>
      <Field id={`${p}-type`} label={f.type} state={state} name="type">
        <select id={`${p}-type`} name="type" defaultValue={initial?.type ?? COMMUNITY_TYPES[0]} aria-invalid={invalid(state, 'type')}>
          {COMMUNITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {messages.communityTypes[type]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${p}-village`} label={f.village} state={state} name="villageCode">
        <VillageSelect id={`${p}-village`} villages={villages} defaultValue={initial?.villageCode ?? (villages.length === 1 ? villages[0]!.code : '')} state={state} />
      </Field>
      <Field id={`${p}-occupation`} label={f.occupation} state={state} name="occupationCode">
        <OccupationSelect id={`${p}-occupation`} occupations={occupations} defaultValue={initial?.occupationCode ?? ''} state={state} emptyLabel={f.noOccupation} />
      </Field>
      <Field id={`${p}-founded`} label={f.foundedOn} state={state} name="foundedOn">
        <input id={`${p}-founded`} name="foundedOn" type="date" defaultValue={initial?.foundedOn ?? ''} aria-invalid={invalid(state, 'foundedOn')} aria-describedby={describedBy(`${p}-founded`, state, 'foundedOn')} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={pending}>
          {pending ? t.saving : initial ? t.save : t.communities.create}
        </button>
      </div>
      <StateMessage state={state} />
    </form>
  );
}

export interface AgentValues {
  code: string;
  name: string;
  villageCode: string;
  communityIds: number[];
  supervisorId: number | null;
  phone: string | null;
  activeFrom: string;
  activeTo: string | null;
}

export function AgentForm({
  villages,
  communities,
  supervisors,
  initial,
}: {
  villages: VillageChoice[];
  communities: CommunityChoice[];
  supervisors: SupervisorChoice[];
  initial?: AgentValues;
}) {
  const { messages } = useI18n();
  const t = messages.master;
  const f = t.fields;
  const { state, dispatch, pending, formRef, onSubmit } = useMasterForm(saveAgentAction, !initial);
  const p = initial ? `agent-${initial.code}` : 'agent-new';
  const communityVillages = [...new Set(communities.map((c) => c.villageName))];
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} className="form-grid master-form" aria-label={initial ? t.save : t.agents.create}>
      {initial ? (
        <>
          <input type="hidden" name="editing" value="true" />
          <input type="hidden" name="code" value={initial.code} />
        </>
      ) : (
        <Field id={`${p}-code`} label={f.code} state={state} name="code">
          <input id={`${p}-code`} name="code" required maxLength={32} pattern="[A-Za-z0-9\-]{1,32}" aria-invalid={invalid(state, 'code')} aria-describedby={describedBy(`${p}-code`, state, 'code')} />
        </Field>
      )}
      <Field id={`${p}-name`} label={f.name} state={state} name="name">
        <input id={`${p}-name`} name="name" defaultValue={initial?.name} required maxLength={120} aria-invalid={invalid(state, 'name')} aria-describedby={describedBy(`${p}-name`, state, 'name')} />
      </Field>
      <Field id={`${p}-village`} label={f.village} state={state} name="villageCode">
        <VillageSelect id={`${p}-village`} villages={villages} defaultValue={initial?.villageCode ?? (villages.length === 1 ? villages[0]!.code : '')} state={state} />
      </Field>
      <Field id={`${p}-supervisor`} label={f.supervisor} state={state} name="supervisorId">
        <select id={`${p}-supervisor`} name="supervisorId" defaultValue={initial?.supervisorId ?? ''} aria-invalid={invalid(state, 'supervisorId')} aria-describedby={describedBy(`${p}-supervisor`, state, 'supervisorId')}>
          <option value="">{f.noSupervisor}</option>
          {supervisors.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.email}){s.active ? '' : ` — ${f.inactive}`}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${p}-phone`} label={f.phone} state={state} name="phone">
        <input id={`${p}-phone`} name="phone" type="tel" defaultValue={initial?.phone ?? ''} maxLength={20} aria-invalid={invalid(state, 'phone')} aria-describedby={describedBy(`${p}-phone`, state, 'phone')} />
      </Field>
      <Field id={`${p}-from`} label={f.activeFrom} state={state} name="activeFrom">
        <input id={`${p}-from`} name="activeFrom" type="date" required defaultValue={initial?.activeFrom ?? ''} aria-invalid={invalid(state, 'activeFrom')} aria-describedby={describedBy(`${p}-from`, state, 'activeFrom')} />
      </Field>
      <Field id={`${p}-to`} label={f.activeTo} state={state} name="activeTo" help={f.activeToHelp}>
        <input id={`${p}-to`} name="activeTo" type="date" defaultValue={initial?.activeTo ?? ''} aria-invalid={invalid(state, 'activeTo')} aria-describedby={describedBy(`${p}-to`, state, 'activeTo', true)} />
      </Field>
      <Field id={`${p}-communities`} label={f.communities} state={state} name="communityIds" help={f.communitiesHelp} wide>
        <select
          id={`${p}-communities`}
          name="communityIds"
          multiple
          size={Math.min(8, Math.max(3, communities.length + communityVillages.length))}
          defaultValue={(initial?.communityIds ?? []).map(String)}
          aria-invalid={invalid(state, 'communityIds')}
          aria-describedby={describedBy(`${p}-communities`, state, 'communityIds', true)}
        >
          {communityVillages.map((village) => (
            <optgroup key={village} label={village}>
              {communities
                .filter((c) => c.villageName === village)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={pending}>
          {pending ? t.saving : initial ? t.save : t.agents.create}
        </button>
      </div>
      <StateMessage state={state} />
    </form>
  );
}

export function WorkforceForm({
  regions,
  occupations,
  year,
}: {
  regions: { code: string; name: string; level: string }[];
  occupations: OccupationChoice[];
  year: number;
}) {
  const { messages } = useI18n();
  const t = messages.master;
  const f = t.fields;
  const { state, dispatch, pending, formRef, onSubmit } = useMasterForm(saveWorkforceAction, false);
  const p = 'workforce';
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} className="form-grid master-form" aria-label={t.workforce.create}>
      <Field id={`${p}-region`} label={f.region} state={state} name="regionCode">
        <select id={`${p}-region`} name="regionCode" required defaultValue="" aria-invalid={invalid(state, 'regionCode')} aria-describedby={describedBy(`${p}-region`, state, 'regionCode')}>
          <option value="">{t.none}</option>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.level === 'district' ? `${r.name} (${r.code})` : `\u00a0\u00a0${r.name} (${r.code})`}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${p}-year`} label={f.year} state={state} name="year">
        <input id={`${p}-year`} name="year" type="number" min={2000} max={2100} required defaultValue={year} aria-invalid={invalid(state, 'year')} aria-describedby={describedBy(`${p}-year`, state, 'year')} />
      </Field>
      <Field id={`${p}-occupation`} label={f.occupation} state={state} name="occupationCode">
        <OccupationSelect id={`${p}-occupation`} occupations={occupations} defaultValue="" state={state} emptyLabel={f.allOccupations} />
      </Field>
      <Field id={`${p}-workers`} label={f.informalWorkers} state={state} name="informalWorkers">
        <input id={`${p}-workers`} name="informalWorkers" inputMode="numeric" required aria-invalid={invalid(state, 'informalWorkers')} aria-describedby={describedBy(`${p}-workers`, state, 'informalWorkers')} />
      </Field>
      <Field id={`${p}-source`} label={f.source} state={state} name="source" wide>
        <input id={`${p}-source`} name="source" maxLength={500} aria-invalid={invalid(state, 'source')} aria-describedby={describedBy(`${p}-source`, state, 'source')} />
      </Field>
      <div className="field form-grid-wide">
        <label className="checkbox">
          <input type="checkbox" name="estimate" defaultChecked /> {f.estimate}
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={pending}>
          {pending ? t.saving : t.workforce.create}
        </button>
      </div>
      <StateMessage state={state} />
    </form>
  );
}

export function RateForm({ keys }: { keys: { key: string; category: string; unit: string }[] }) {
  const { messages } = useI18n();
  const t = messages.master;
  const f = t.fields;
  const { state, dispatch, pending, formRef, onSubmit } = useMasterForm(addRateAction, true);
  const p = 'rate';
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} className="form-grid master-form" aria-label={t.rates.create}>
      <Field id={`${p}-key`} label={f.key} state={state} name="key">
        <input id={`${p}-key`} name="key" list={`${p}-keys`} required autoComplete="off" aria-invalid={invalid(state, 'key')} aria-describedby={describedBy(`${p}-key`, state, 'key')} />
        <datalist id={`${p}-keys`}>
          {keys.map((k) => (
            <option key={k.key} value={k.key} />
          ))}
        </datalist>
      </Field>
      <Field id={`${p}-value`} label={f.value} state={state} name="value" help={t.rates.valueHelp}>
        <input id={`${p}-value`} name="value" inputMode="decimal" required aria-invalid={invalid(state, 'value')} aria-describedby={describedBy(`${p}-value`, state, 'value', true)} />
      </Field>
      <Field id={`${p}-from`} label={f.effectiveFrom} state={state} name="effectiveFrom">
        <input id={`${p}-from`} name="effectiveFrom" type="date" required aria-invalid={invalid(state, 'effectiveFrom')} aria-describedby={describedBy(`${p}-from`, state, 'effectiveFrom')} />
      </Field>
      <Field id={`${p}-source`} label={f.source} state={state} name="source" wide>
        <input id={`${p}-source`} name="source" required maxLength={500} aria-invalid={invalid(state, 'source')} aria-describedby={describedBy(`${p}-source`, state, 'source')} />
      </Field>
      <Field id={`${p}-category`} label={f.category} state={state} name="category" help={t.rates.newKeyHelp}>
        <select id={`${p}-category`} name="category" defaultValue="contribution" aria-describedby={describedBy(`${p}-category`, state, 'category', true)}>
          {RATE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t.rateCategories[c]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${p}-unit`} label={f.unit} state={state} name="unit">
        <select id={`${p}-unit`} name="unit" defaultValue="rupiah">
          {RATE_UNITS.map((u) => (
            <option key={u} value={u}>
              {t.rateUnits[u]}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={pending}>
          {pending ? t.saving : t.rates.create}
        </button>
      </div>
      <StateMessage state={state} />
    </form>
  );
}
