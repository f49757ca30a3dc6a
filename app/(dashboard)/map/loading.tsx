export default function Loading() {
  return (
    <div aria-busy="true">
      <div className="skeleton" style={{ minHeight: '2rem', maxWidth: '20rem', marginBottom: '1rem' }} />
      <div className="skeleton" style={{ minHeight: '420px' }} />
    </div>
  );
}
