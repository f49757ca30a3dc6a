'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ClaimActionState, ClaimFormField } from '@/domain/claims';

type Action = (state: ClaimActionState, form: FormData) => Promise<ClaimActionState>;

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <span className="muted" id={`${id}-hint`}>
          {hint}
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

const describe = (id: string, state: ClaimActionState, field: ClaimFormField, hint = false) => ({
  'aria-invalid': state.fieldErrors?.[field] ? true : undefined,
  'aria-describedby': [state.fieldErrors?.[field] ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined,
});

function Outcome({ state }: { state: ClaimActionState }) {
  const { messages } = useI18n();
  if (!state.message) return null;
  return (
    <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'form-ok' : 'form-error'} data-testid="claim-form-message">
      {state.message}{' '}
      {state.ok && state.number ? (
        <Link href={`/claims/${encodeURIComponent(state.number)}`}>{messages.claims.openClaim.replace('{number}', state.number)}</Link>
      ) : null}
    </p>
  );
}

/** Records a new claim (status submitted); the server action checks the role and everything else. */
export function RecordClaimForm({ action, today }: { action: Action; today: string }) {
  const { messages } = useI18n();
  const t = messages.claims;
  const [state, formAction, pending] = useActionState(action, { ok: true, message: '' });
  const [program, setProgram] = useState<'JKK' | 'JKM'>('JKM');
  const [benefit, setBenefit] = useState('death');
  return (
    <form action={formAction} className="form-grid" aria-label={t.newTitle}>
      <Field id="c-member" label={t.memberInput} error={state.fieldErrors?.member}>
        <input id="c-member" name="member" required autoComplete="off" inputMode="numeric" {...describe('c-member', state, 'member')} />
      </Field>
      <Field id="c-program" label={t.program} error={state.fieldErrors?.program}>
        <select
          id="c-program"
          name="program"
          value={program}
          onChange={(event) => {
            const next = event.target.value as 'JKK' | 'JKM';
            setProgram(next);
            if (next === 'JKM') setBenefit('death');
          }}
        >
          <option value="JKM">JKM</option>
          <option value="JKK">JKK</option>
        </select>
      </Field>
      <Field id="c-benefit" label={t.benefit} error={state.fieldErrors?.benefitType}>
        <select id="c-benefit" name="benefitType" value={benefit} onChange={(event) => setBenefit(event.target.value)} {...describe('c-benefit', state, 'benefitType')}>
          {(program === 'JKM' ? (['death'] as const) : (['medical', 'temporary_disability', 'permanent_disability', 'death'] as const)).map((b) => (
            <option key={b} value={b}>
              {t.benefits[b]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="c-incident" label={t.incidentInput} error={state.fieldErrors?.incidentDate}>
        <input id="c-incident" name="incidentDate" type="date" max={today} required {...describe('c-incident', state, 'incidentDate')} />
      </Field>
      <Field id="c-submitted" label={t.submittedInput} error={state.fieldErrors?.submittedOn}>
        <input id="c-submitted" name="submittedOn" type="date" max={today} defaultValue={today} required {...describe('c-submitted', state, 'submittedOn')} />
      </Field>
      {program === 'JKK' && benefit === 'permanent_disability' ? (
        <Field id="c-percent" label={t.percentInput} error={state.fieldErrors?.disabilityPercent}>
          <input id="c-percent" name="disabilityPercent" inputMode="decimal" required {...describe('c-percent', state, 'disabilityPercent')} />
        </Field>
      ) : null}
      {program === 'JKK' && benefit === 'temporary_disability' ? (
        <Field id="c-days" label={t.daysInput} error={state.fieldErrors?.inabilityDays}>
          <input id="c-days" name="inabilityDays" inputMode="numeric" required {...describe('c-days', state, 'inabilityDays')} />
        </Field>
      ) : null}
      <Field id="c-agent" label={t.agentInput} error={state.fieldErrors?.agentCode}>
        <input id="c-agent" name="agentCode" autoComplete="off" {...describe('c-agent', state, 'agentCode')} />
      </Field>
      <div className="field">
        <button type="submit" className="primary-button" disabled={pending}>
          {pending ? t.saving : t.record}
        </button>
      </div>
      <div className="form-grid-wide">
        <Outcome state={state} />
      </div>
    </form>
  );
}

/**
 * The next step of a claim. The form carries the version it was drawn from, so a step taken on a claim
 * another officer has changed meanwhile is refused with a message instead of overwriting theirs.
 */
export function ClaimStepForm({
  action,
  number,
  version,
  steps,
  today,
  ruleTotal,
  covered,
}: {
  action: Action;
  number: string;
  version: number;
  steps: ReadonlyArray<'verified' | 'approved' | 'paid' | 'rejected'>;
  today: string;
  /** The rule amount, formatted; null when the claim has no formula. */
  ruleTotal: string | null;
  covered: boolean;
}) {
  const { messages } = useI18n();
  const t = messages.claims;
  const [state, formAction, pending] = useActionState(action, { ok: true, message: '' });
  const [step, setStep] = useState(steps[0] ?? 'verified');
  const withAmount = step === 'approved' || step === 'paid';
  return (
    <form action={formAction} className="form-grid" aria-label={t.workTitle}>
      <input type="hidden" name="number" value={number} />
      <input type="hidden" name="version" value={version} />
      <Field id="s-step" label={t.stepLabel}>
        <select id="s-step" name="to" value={step} onChange={(event) => setStep(event.target.value as typeof step)}>
          {steps.map((s) => (
            <option key={s} value={s}>
              {t.steps[s]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="s-date" label={t.stepDate} error={state.fieldErrors?.date}>
        <input id="s-date" name="date" type="date" max={today} defaultValue={today} required {...describe('s-date', state, 'date')} />
      </Field>
      {withAmount ? (
        <>
          <Field
            id="s-amount"
            label={t.amountInput}
            error={state.fieldErrors?.amount}
            hint={ruleTotal ? t.amountHint.replace('{rule}', ruleTotal) : t.amountHintNoRule}
          >
            <input id="s-amount" name="amount" inputMode="numeric" required={!ruleTotal} {...describe('s-amount', state, 'amount', true)} />
          </Field>
          <Field id="s-override" label={t.amountOverrideReason} error={state.fieldErrors?.amountOverrideReason}>
            <textarea id="s-override" name="amountOverrideReason" rows={2} maxLength={500} {...describe('s-override', state, 'amountOverrideReason')} />
          </Field>
        </>
      ) : null}
      {step === 'paid' && !covered ? (
        <Field id="s-coverage" label={t.coverageOverrideReason} error={state.fieldErrors?.coverageOverrideReason}>
          <textarea id="s-coverage" name="coverageOverrideReason" rows={2} maxLength={500} {...describe('s-coverage', state, 'coverageOverrideReason')} />
        </Field>
      ) : null}
      {step === 'rejected' ? (
        <Field id="s-reason" label={t.rejectionReason} error={state.fieldErrors?.rejectionReason}>
          <textarea id="s-reason" name="rejectionReason" rows={2} maxLength={500} required {...describe('s-reason', state, 'rejectionReason')} />
        </Field>
      ) : null}
      <div className="field">
        <button type="submit" className="primary-button" disabled={pending}>
          {pending ? t.saving : t.submitStep}
        </button>
      </div>
      <div className="form-grid-wide">
        <Outcome state={state} />
      </div>
    </form>
  );
}
