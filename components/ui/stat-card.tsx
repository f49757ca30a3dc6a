/** One headline figure with its label and a line that says what it means. */
export function StatCard({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <section className="stat-card" aria-label={label}>
      <h2>{label}</h2>
      <div className="stat-value" data-testid="stat-value">
        {value}
      </div>
      {help ? <p>{help}</p> : null}
    </section>
  );
}
