import type { ReactNode } from 'react';

/**
 * One headline figure with its label, a line that says what it means and how it changed; `explain` is the
 * control beside the label that opens what the figure is made of.
 */
export function StatCard({
  label,
  value,
  help,
  changes,
  explain,
  provisional,
  estimate,
  changesNote,
}: {
  label: string;
  value: string;
  help?: string;
  explain?: ReactNode;
  changes?: Array<{ text: string; direction: 'up' | 'down' | 'flat'; tone: 'good' | 'bad' | 'neutral' }>;
  /** A provisional value's badge, and what it means (read by screen readers, shown on hover). */
  provisional?: { badge: string; explanation: string };
  /** The expected final value of a provisional figure, shown beside the observed one. */
  estimate?: string;
  /** Said once under the changes when one of the months compared is provisional. */
  changesNote?: string;
}) {
  const badge = provisional ? (
    <>
      {' '}
      <span className="badge-provisional" data-testid="provisional-badge" title={provisional.explanation}>
        {provisional.badge}
        <span className="visually-hidden">: {provisional.explanation}</span>
      </span>
    </>
  ) : null;
  return (
    <section className="stat-card" aria-label={label}>
      {/* The provisional badge belongs to the label; the explain control sits beside both. */}
      {explain ? (
        <div className="stat-head">
          <h2>
            {label}
            {badge}
          </h2>
          {explain}
        </div>
      ) : (
        <h2>
          {label}
          {badge}
        </h2>
      )}
      <div className="stat-value" data-testid="stat-value">
        {value}
      </div>
      {/* Not a paragraph: the card's paragraph is its help line. */}
      {estimate ? (
        <div className="stat-estimate" data-testid="stat-estimate">
          {estimate}
        </div>
      ) : null}
      {changes && changes.length > 0 ? (
        <ul className="stat-changes">
          {changes.map((change) => (
            <li key={change.text} className={`change-${change.tone}`}>
              <span aria-hidden="true">{change.direction === 'up' ? '▲ ' : change.direction === 'down' ? '▼ ' : ''}</span>
              {change.text}
            </li>
          ))}
        </ul>
      ) : null}
      {changesNote && changes && changes.length > 0 ? (
        <div className="stat-changes-note" data-testid="stat-changes-note">
          {changesNote}
        </div>
      ) : null}
      {help ? <p>{help}</p> : null}
    </section>
  );
}
