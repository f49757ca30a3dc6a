import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getClaim } from '@/server/claims';
import { ClaimStepForm } from '@/components/claims/claim-forms';
import { can } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { formatDate, formatNumber, formatPeriod, formatRupiah } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { CLAIM_TRANSITIONS } from '@/domain/claims';
import { todayInJakarta } from '@/domain/month';
import { advanceClaimAction } from '../actions';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('claim');

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** One claim: timeline, amount and its breakdown, member and coverage, agent, solidarity, next step. */
export default async function ClaimPage({ params }: { params: Promise<{ number: string }> }) {
  // Personal data: district officials get the register and the figures, never one claimant's page.
  const caller = await requirePagePermission('view:personal-data');
  const { number } = await params;
  if (!/^[A-Za-z0-9-]{1,40}$/.test(number)) notFound();
  const { locale, messages } = await getI18n();
  const t = messages.claims;
  const claim = await getClaim(await getDb(), { caller, number });
  if (!claim) notFound();

  const timeline: Array<{ key: string; label: string; date: string | null }> = [
    { key: 'incident', label: t.step_incident, date: claim.incidentDate },
    { key: 'submitted', label: t.step_submitted, date: claim.submittedOn },
    { key: 'verified', label: t.step_verified, date: claim.verifiedOn },
    { key: 'approved', label: t.step_approved, date: claim.approvedOn },
    claim.status === 'rejected'
      ? { key: 'rejected', label: t.step_rejected, date: claim.rejectedOn }
      : { key: 'paid', label: t.step_paid, date: claim.paidOn },
  ];
  const steps = CLAIM_TRANSITIONS[claim.status] as ReadonlyArray<'verified' | 'approved' | 'paid' | 'rejected'>;
  const ruling = claim.ruling;
  const incidentMonth = formatPeriod(claim.incidentDate.slice(0, 7), locale);
  const sol = claim.solidarity;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {t.number} {claim.number}{' '}
            <span className={`status claim-status-${claim.status}`} data-testid="claim-status">
              {t.statuses[claim.status]}
            </span>
          </h1>
          <p>
            {claim.program} · {claim.benefitType ? (t.benefits[claim.benefitType as keyof typeof t.benefits] ?? claim.benefitType) : '–'}
            {claim.coveredAtIncident ? null : (
              <>
                {' · '}
                <strong className="claim-not-covered">{t.notCovered}</strong>
              </>
            )}
          </p>
        </div>
        <Link href="/claims" className="no-print">
          {t.back}
        </Link>
      </div>

      <div className="breakdown-grid claims-grid">
        <section className="panel" aria-labelledby="timeline-head">
          <h2 id="timeline-head">{t.timeline}</h2>
          <ol className="claim-timeline" data-testid="claim-timeline">
            {timeline.map((step) => (
              <li key={step.key} className={step.date ? 'done' : 'pending'}>
                <span className="claim-timeline-label">{step.label}</span>
                <span>
                  {step.date ? formatDate(step.date, locale) : t.notYet}
                  {step.date && step.key !== 'incident' && step.key !== 'submitted' ? (
                    <span className="muted"> · {interpolate(t.daysAfterSubmission, { value: daysBetween(claim.submittedOn, step.date) })}</span>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
          {claim.rejectionReason ? (
            <p>
              <strong>{t.rejectionReason}:</strong> {claim.rejectionReason}
            </p>
          ) : null}
        </section>

        <section className="panel" aria-labelledby="amount-head">
          <h2 id="amount-head">{t.amountTitle}</h2>
          <dl className="claim-facts">
            <dt>{t.recordedAmount}</dt>
            <dd data-testid="claim-amount" data-empty={claim.amount === null ? '' : undefined}>{claim.amount === null ? t.noAmountYet : formatRupiah(claim.amount, locale)}</dd>
          </dl>
          {ruling.kind === 'rule' ? (
            <table className="data-table" data-testid="claim-breakdown">
              <caption>{t.ruleTotal}</caption>
              <tbody>
                {ruling.components.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">
                      {interpolate(t.components[c.key as keyof typeof t.components] ?? c.key, {
                        percent: formatNumber(claim.disabilityPercent, locale, 0),
                        days: formatNumber(claim.inabilityDays, locale),
                      })}
                    </th>
                    <td className="num">{formatRupiah(c.amount, locale)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t.ruleTotal}</th>
                  <td className="num">{formatRupiah(ruling.total, locale)}</td>
                </tr>
              </tfoot>
            </table>
          ) : (
            <p className="note">
              {ruling.kind === 'as_billed'
                ? t.asBilled
                : ruling.what === 'disabilityPercent'
                  ? t.missingPercent
                  : ruling.what === 'inabilityDays'
                    ? t.missingDays
                    : interpolate(t.missingRate, { key: ruling.key ?? '' })}
            </p>
          )}
          <p className="muted">
            {t.declaredIncome}: {formatRupiah(claim.member.declaredIncome, locale)}.{' '}
            {interpolate(t.ratesOn, { date: formatDate(claim.incidentDate, locale) })}
          </p>
          {claim.amountOverrideReason ? <p className="note">{interpolate(t.amountOverride, { reason: claim.amountOverrideReason })}</p> : null}
          {claim.coverageOverrideReason ? <p className="note">{interpolate(t.coverageOverride, { reason: claim.coverageOverrideReason })}</p> : null}
        </section>

        <section className="panel" aria-labelledby="member-head">
          <h2 id="member-head">{t.memberTitle}</h2>
          <dl className="claim-facts">
            <dt>{messages.members.name}</dt>
            <dd>{claim.member.name}</dd>
            <dt>{t.nik}</dt>
            <dd className="nik">{claim.member.nikMasked}</dd>
            <dt>{messages.members.kpj}</dt>
            <dd>{claim.member.kpj ?? '–'}</dd>
            <dt>{t.village}</dt>
            <dd>{claim.member.villageName}</dd>
            <dt>{t.community}</dt>
            <dd>
              {claim.member.communityId ? (
                <Link href={`/communities/${claim.member.communityId}`}>{claim.member.communityName}</Link>
              ) : (
                '–'
              )}
            </dd>
            <dt>{t.enrolledOn}</dt>
            <dd>{formatDate(claim.member.enrolledOn, locale)}</dd>
            <dt>{t.agentTitle}</dt>
            <dd>{claim.agent ? `${claim.agent.name} (${claim.agent.code})` : t.noAgent}</dd>
          </dl>
          <h3>{t.coverageTitle}</h3>
          <p data-testid="claim-coverage" className={claim.coveredAtIncident ? undefined : 'claim-not-covered'}>
            {interpolate(claim.coveredAtIncident ? t.coveredText : t.notCoveredText, { month: incidentMonth })}
          </p>
        </section>

        <section className="panel" aria-labelledby="solidarity-head">
          <h2 id="solidarity-head">{t.solidarityTitle}</h2>
          {claim.status !== 'paid' ? (
            <p className="muted">{t.solidarityNotPaid}</p>
          ) : !sol ? (
            <p className="muted">{t.solidarityNoCommunity}</p>
          ) : (
            <>
              <p className="stat-value" data-testid="claim-solidarity">
                {sol.effect === null ? '–' : interpolate(t.times, { value: formatNumber(sol.effect, locale, 2) })}
              </p>
              <p>
                {interpolate(t.solidarityClaim, {
                  after: formatNumber(sol.enrolmentsAfter, locale),
                  community: claim.member.communityName ?? '',
                  baseline: formatNumber(sol.baseline, locale, 1),
                  before: formatNumber(sol.enrolmentsYearBefore, locale),
                })}
              </p>
              {sol.effect === null ? <p className="muted">{t.solidarityNoBaseline}</p> : null}
              {!sol.windowComplete ? <p className="note">{t.solidarityOpen}</p> : null}
            </>
          )}
        </section>
      </div>

      {can(caller.role, 'manage:claims') ? (
        <section className="panel no-print" aria-labelledby="work-head">
          <h2 id="work-head">{t.workTitle}</h2>
          {steps.length === 0 ? (
            <p className="muted">{interpolate(t.finalState, { status: t.statuses[claim.status] })}</p>
          ) : (
            <ClaimStepForm
              key={claim.version}
              action={advanceClaimAction}
              number={claim.number}
              version={claim.version}
              steps={steps}
              today={todayInJakarta()}
              ruleTotal={ruling.kind === 'rule' ? formatRupiah(ruling.total, locale) : null}
              covered={claim.coveredAtIncident}
            />
          )}
        </section>
      ) : null}
    </>
  );
}
