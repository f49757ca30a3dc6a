// What the follow-ups achieved, as text (no chart library): each comparison with the counts behind it.
import type { FollowupEffectDto } from '@/contracts/followup';
import { formatNumber, formatPercent } from '@/domain/format';
import { interpolate, type Locale, type Messages } from '@/i18n';

export function EffectList({ effect, locale, messages }: { effect: FollowupEffectDto; locale: Locale; messages: Messages }) {
  const t = messages.followup;
  const share = (rate: number | null, n: number, d: number) =>
    `${formatPercent(rate, locale)} (${interpolate(t.countOf, { n: formatNumber(n, locale), d: formatNumber(d, locale) })})`;
  const perClaim = (n: number, d: number, rate: number | null) =>
    interpolate(t.perClaim, { n: formatNumber(n, locale), d: formatNumber(d, locale), rate: formatNumber(rate, locale, 1) });
  const rows = [
    ['on-time', t.onTime, share(effect.onTimeRate, effect.tasksDoneOnTime, effect.tasksDue)],
    ['recovery-revisited', t.recoveryRevisited, share(effect.recoveryRate, effect.revisitedRecovered, effect.revisited)],
    ['recovery-not-revisited', t.recoveryNotRevisited, share(effect.recoveryRateNotRevisited, effect.notRevisitedRecovered, effect.notRevisited)],
    ['uplift', t.uplift, formatNumber(effect.uplift, locale, 1)],
    ['after-meeting', t.enrolmentsAfterMeeting, perClaim(effect.enrolmentsAfterMeetings, effect.meetings, effect.enrolmentsPerMeeting)],
    ['without-meeting', t.enrolmentsWithoutMeeting, perClaim(effect.enrolmentsAfterClaimsWithoutMeeting, effect.claimsWithoutMeeting, effect.enrolmentsPerClaimWithoutMeeting)],
  ] as const;
  return (
    <dl className="effect-list" data-testid="effect-list">
      {rows.map(([key, label, value]) => (
        <div key={key} data-testid={`effect-${key}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
