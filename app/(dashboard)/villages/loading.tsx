export default function Loading() {
  return (
    <div className="stat-grid" aria-busy="true">
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="stat-card">
          <div className="skeleton" />
        </div>
      ))}
    </div>
  );
}
