'use client';

import { useActionState } from 'react';
import {
  createUserAction,
  resetPasswordAction,
  updateUserAction,
  type FormState,
} from '@/app/(dashboard)/admin/actions';
import { useI18n } from '@/components/i18n-provider';
import { ROLES, type Role } from '@/domain/enums';

export interface RegionOption {
  code: string;
  name: string;
  level: string;
}

function StateMessage({ state }: { state: FormState | null }) {
  if (!state) return null;
  return (
    <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'form-ok' : 'form-error'}>
      {state.message}
    </p>
  );
}

function RegionSelect({
  id,
  name,
  regions,
  defaultValue,
  label,
}: {
  id: string;
  name: string;
  regions: RegionOption[];
  defaultValue: string;
  label?: string;
}) {
  const { messages } = useI18n();
  return (
    <select id={id} name={name} defaultValue={defaultValue} aria-label={label}>
      <option value="">{messages.admin.allRegions}</option>
      {regions.map((region) => (
        <option key={region.code} value={region.code}>
          {region.code} {region.name}
        </option>
      ))}
    </select>
  );
}

export function CreateUserForm({ regions }: { regions: RegionOption[] }) {
  const { messages } = useI18n();
  const t = messages.admin;
  const [state, action, pending] = useActionState(createUserAction, null);
  const error = (field: string) =>
    state?.fieldErrors?.[field] ? (
      <span className="field-error" id={`new-${field}-error`}>
        {state.fieldErrors[field]}
      </span>
    ) : null;

  return (
    <form action={action} className="form-grid" aria-label={t.create}>
      <div className="field">
        <label htmlFor="new-email">{t.email}</label>
        <input id="new-email" name="email" type="email" required aria-describedby="new-email-error" />
        {error('email')}
      </div>
      <div className="field">
        <label htmlFor="new-name">{t.name}</label>
        <input id="new-name" name="name" required aria-describedby="new-name-error" />
        {error('name')}
      </div>
      <div className="field">
        <label htmlFor="new-role">{t.role}</label>
        <select id="new-role" name="role" defaultValue="bpjs_officer">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {messages.roles[role]}
            </option>
          ))}
        </select>
        {error('role')}
      </div>
      <div className="field">
        <label htmlFor="new-region">{t.region}</label>
        <RegionSelect id="new-region" name="regionCode" regions={regions} defaultValue="" />
        {error('regionCode')}
      </div>
      <div className="field">
        <label htmlFor="new-agent-code">{t.agentCode}</label>
        <input id="new-agent-code" name="agentCode" aria-describedby="new-agentCode-error" />
        {error('agentCode')}
      </div>
      <div className="field">
        <label htmlFor="new-password">{t.password}</label>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby="new-password-help new-password-error"
        />
        <span id="new-password-help" className="muted">
          {t.passwordHelp}
        </span>
        {error('password')}
      </div>
      <div className="field">
        <button type="submit" className="primary-button" disabled={pending}>
          {t.create}
        </button>
      </div>
      <StateMessage state={state} />
    </form>
  );
}

export function UserRowForms({
  user,
  regions,
}: {
  user: { id: number; email: string; role: Role; regionCode: string | null; active: boolean };
  regions: RegionOption[];
}) {
  const { messages } = useI18n();
  const t = messages.admin;
  const [updateState, updateAction, updating] = useActionState(updateUserAction, null);
  const [resetState, resetAction, resetting] = useActionState(resetPasswordAction, null);

  return (
    <div>
      <form action={updateAction} className="row-form">
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="active" value={String(user.active)} />
        <select name="role" defaultValue={user.role} aria-label={`${t.role} ${user.email}`}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {messages.roles[role]}
            </option>
          ))}
        </select>
        <RegionSelect
          id={`region-${user.id}`}
          name="regionCode"
          regions={regions}
          defaultValue={user.regionCode ?? ''}
          label={`${t.region} ${user.email}`}
        />
        <button type="submit" className="secondary-button" disabled={updating}>
          {t.save}
        </button>
      </form>
      <form action={updateAction} className="row-form">
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="role" value={user.role} />
        <input type="hidden" name="regionCode" value={user.regionCode ?? ''} />
        <input type="hidden" name="active" value={String(!user.active)} />
        <button type="submit" className="secondary-button" disabled={updating} aria-label={`${user.active ? t.deactivate : t.activate} ${user.email}`}>
          {user.active ? t.deactivate : t.activate}
        </button>
      </form>
      <StateMessage state={updateState} />
      <form action={resetAction} className="row-form">
        <input type="hidden" name="userId" value={user.id} />
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          placeholder={t.newPassword}
          aria-label={`${t.newPassword} ${user.email}`}
        />
        <button type="submit" className="secondary-button" disabled={resetting}>
          {t.resetPassword}
        </button>
      </form>
      <StateMessage state={resetState} />
    </div>
  );
}
