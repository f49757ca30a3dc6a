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
}: {
  label: string;
  value: string;
  help?: string;
  explain?: ReactNode;
  changes?: Array<{ text: string; direction: 'up' | 'down' | 'flat'; tone: 'good' | 'bad' | 'neutral' }>;
}) {
  return (
    <section className="stat-card" aria-label={label}>
      {explain ? (
        <div className="stat-head">
          <h2>{label}</h2>
          {explain}
        </div>
      ) : (
        <h2>{label}</h2>
      )}
      <div className="stat-value" data-testid="stat-value">
        {value}
      </div>
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
      {help ? <p>{help}</p> : null}
    </section>
  );
}
