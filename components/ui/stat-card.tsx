/** One headline figure with its label, a line that says what it means and how it changed. */
export function StatCard({
  label,
  value,
  help,
  changes,
  provisional,
  estimate,
  changesNote,
}: {
  label: string;
  value: string;
  help?: string;
  changes?: Array<{ text: string; direction: 'up' | 'down' | 'flat'; tone: 'good' | 'bad' | 'neutral' }>;
  /** A provisional value's badge, and what it means (read by screen readers, shown on hover). */
  provisional?: { badge: string; explanation: string };
  /** The expected final value of a provisional figure, shown beside the observed one. */
  estimate?: string;
  /** Said once under the changes when one of the months compared is provisional. */
  changesNote?: string;
}) {
  return (
    <section className="stat-card" aria-label={label}>
      <h2>
        {label}
        {provisional ? (
          <>
            {' '}
            <span className="badge-provisional" data-testid="provisional-badge" title={provisional.explanation}>
              {provisional.badge}
              <span className="visually-hidden">: {provisional.explanation}</span>
            </span>
          </>
        ) : null}
      </h2>
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
