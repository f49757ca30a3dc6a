import Link from 'next/link';
import type { Locale, Messages } from '@/i18n';
import { interpolate } from '@/i18n';
import { formatNumber } from '@/domain/format';
import { setupStepFormHref, setupStepHref, type SetupProgress } from '@/domain/setup';

/**
 * An admin's first page on a database without an office's data: what to load, in which order, how much
 * of each is there, and where each is loaded.
 */
export function SetupGuide({
  progress,
  year,
  locale,
  messages,
}: {
  progress: SetupProgress;
  year: number;
  locale: Locale;
  messages: Messages;
}) {
  const t = messages.setup;
  const villages = progress.steps.find((step) => step.key === 'regions')?.count ?? 0;
  const number = (value: number) => formatNumber(value, locale);
  return (
    <section className="panel setup-guide" aria-labelledby="setup-title" data-testid="setup-guide">
      <h2 id="setup-title">{t.title}</h2>
      <p className="muted">{t.intro}</p>
      <ol className="setup-steps" aria-label={t.stepsLabel}>
        {progress.steps.map((step) => {
          const text = t.steps[step.key];
          return (
            <li key={step.key} className={`setup-step setup-step-${step.state}`} data-step={step.key} data-state={step.state}>
              <div className="setup-step-head">
                <h3>{text.title}</h3>
                <span className="status">{t.states[step.state]}</span>
                <span className="setup-count">{step.count > 0 ? interpolate(text.count, { count: number(step.count) }) : t.none}</span>
              </div>
              <p>{text.help}</p>
              <p className="setup-links">
                {step.key === 'agents' ? (
                  <>
                    {interpolate(t.supervisors, { count: number(progress.supervisors) })}{' '}
                    <Link href="/admin">{t.supervisorsLink}</Link>
                    {' · '}
                  </>
                ) : null}
                <Link href={setupStepHref(step.key)}>{interpolate(t.load, { what: text.title.toLowerCase() })}</Link>
                {setupStepFormHref(step.key) ? (
                  <>
                    {' · '}
                    <Link href={setupStepFormHref(step.key)!}>{t.addByForm}</Link>
                  </>
                ) : null}
              </p>
              {step.key === 'regions' ? (
                <ul className="setup-extras">
                  <li>
                    {interpolate(t.workforce, { count: number(progress.villagesWithWorkforce), villages: number(villages), year })}{' '}
                    <Link href="/imports?kind=workforce">{t.workforceLink}</Link>
                    {' · '}
                    <Link href="/admin/master/workforce">{t.workforceFormLink}</Link>
                  </li>
                  <li>
                    {t.rates} <Link href="/admin/master/rates">{t.ratesLink}</Link>
                  </li>
                  <li>
                    {interpolate(t.boundaries, { count: number(progress.villagesWithOfficialBoundary) })}{' '}
                    <Link href="/admin/boundaries">{t.boundariesLink}</Link>
                  </li>
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
