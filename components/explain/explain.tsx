'use client';

import { useEffect, useRef, type KeyboardEvent, type SyntheticEvent } from 'react';
import Link from 'next/link';
import { useI18n } from '@/components/i18n-provider';
import type { Explanation, ExplanationPart } from '@/contracts/explain';
import { definitionHref, type Indicator } from '@/domain/definitions';
import { formatExplained, formatRange, provisionalText } from '@/domain/explain';
import { formatDate } from '@/domain/format';
import { interpolate } from '@/i18n';

/** True between beforeprint and afterprint: every explanation is open then, not one at a time. */
let printing = false;

/** Opens before printing and closes after, so a printed page carries what each figure is made of. */
function useOpenInPrint(enabled: boolean) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (!enabled) return;
    let wasOpen = false;
    const before = () => {
      printing = true;
      if (!ref.current) return;
      wasOpen = ref.current.open;
      ref.current.open = true;
    };
    const after = () => {
      printing = false;
      if (ref.current && !wasOpen) ref.current.open = false;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [enabled]);
  return ref;
}

/** One explanation open at a time on screen: a box left open would cover the next one's figure. */
function closeOthers(event: SyntheticEvent<HTMLDetailsElement>) {
  const mine = event.currentTarget;
  if (printing || !mine.open) return;
  for (const other of document.querySelectorAll<HTMLDetailsElement>('details.explain[open]')) if (other !== mine) other.open = false;
}

/** Escape closes the box and gives the focus back to its button. */
function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
  if (event.key !== 'Escape' || !event.currentTarget.open) return;
  event.currentTarget.open = false;
  event.currentTarget.querySelector('summary')?.focus();
}

/**
 * The small "i" beside a figure: a native disclosure (keyboard and screen readers reach it without
 * script) with the figure's definition from the one catalogue and, when the figure's explanation is
 * given, its numerator and denominator with their sources, the period, the data's as-of date, whether it
 * is provisional, and a link to the rows behind it. Without an explanation (a table's column) it gives
 * the definition and what the numerator and denominator are. `print`: false leaves it out of a printout
 * (a table heading's, which would repeat each card's).
 */
export function Explain({
  label,
  explanation,
  indicator,
  noData = false,
  print = true,
}: {
  label: string;
  explanation?: Explanation | null;
  indicator?: Indicator;
  noData?: boolean;
  print?: boolean;
}) {
  const { locale, messages } = useI18n();
  const ref = useOpenInPrint(print);
  const key = explanation?.indicator ?? indicator;
  if (!key) return null;
  const item: { name: string; definition: string; numerator?: string; denominator?: string } = messages.definitions.items[key];
  const e = messages.explain;
  const part = (p: ExplanationPart, testId: string) => (
    <>
      <span className="explain-figure" data-testid={testId}>
        {formatExplained(p.value, p.unit, locale, messages)}
      </span>
      {p.year !== undefined && p.year !== null ? (
        <span className="explain-source">
          {' '}
          ({interpolate(e.estimate, { year: p.year })}; {p.source ? interpolate(e.source, { source: p.source }) : e.noSource})
        </span>
      ) : null}
    </>
  );
  return (
    <details
      ref={ref}
      className={print ? 'explain' : 'explain no-print'}
      data-testid="explain"
      data-indicator={key}
      onToggle={closeOthers}
      onKeyDown={closeOnEscape}
    >
      <summary aria-label={interpolate(e.open, { figure: label })} title={interpolate(e.open, { figure: label })}>
        <span aria-hidden="true">i</span>
      </summary>
      <div className="explain-body">
        <button
          type="button"
          className="explain-close no-print"
          aria-label={e.close}
          onClick={() => {
            if (!ref.current) return;
            ref.current.open = false;
            ref.current.querySelector('summary')?.focus();
          }}
        >
          ×
        </button>
        <p>
          <strong>{item.name}.</strong> {item.definition}{' '}
          <Link href={definitionHref(key)} className="no-print">
            {e.more}
          </Link>
        </p>
        {explanation && noData ? <p className="explain-state">{e.noData}</p> : null}
        {explanation?.population === 'agents' ? (
          <p className="explain-state">
            {e.agentsOnly}
            {explanation.denominator?.year ? ` ${e.agentsWorkforce}` : ''}
          </p>
        ) : null}
        {explanation ? (
          <dl>
            <dt>{e.value}</dt>
            <dd className="explain-figure" data-testid="explain-value">
              {formatExplained(explanation.value, explanation.unit, locale, messages)}
            </dd>
            {explanation.numerator ? (
              <>
                <dt>
                  {e.numerator}: {item.numerator ?? item.name}
                </dt>
                <dd>{part(explanation.numerator, 'explain-numerator')}</dd>
              </>
            ) : null}
            {explanation.denominator ? (
              <>
                <dt>
                  {e.denominator}: {item.denominator ?? ''}
                </dt>
                <dd>{part(explanation.denominator, 'explain-denominator')}</dd>
              </>
            ) : null}
            <dt>{e.period}</dt>
            <dd>{formatRange(explanation.from, explanation.to, locale)}</dd>
            <dt>{e.asOf}</dt>
            <dd>{explanation.asOf ? formatDate(explanation.asOf, locale) : e.noAsOf}</dd>
            <dt>{e.status}</dt>
            <dd data-testid="explain-status" data-provisional={explanation.provisional}>
              {provisionalText(explanation.provisional, explanation.to, locale, messages)}
            </dd>
          </dl>
        ) : (
          <>
            {item.numerator ? (
              <p>
                <strong>{e.numerator}:</strong> {item.numerator}
              </p>
            ) : null}
            {item.denominator ? (
              <p>
                <strong>{e.denominator}:</strong> {item.denominator}
              </p>
            ) : null}
            {item.denominator ? <p className="muted">{e.perRow}</p> : null}
          </>
        )}
        {explanation?.rowsHref ? (
          <p className="no-print">
            <Link href={explanation.rowsHref} data-testid="explain-rows">
              {e.rows}
            </Link>
          </p>
        ) : null}
      </div>
    </details>
  );
}
