/** Said on every page while the data is the synthetic demo. */
export function DemoBanner({ text }: { text: string }) {
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      {text}
    </div>
  );
}
