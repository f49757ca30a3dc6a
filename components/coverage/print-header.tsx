/** Shown only on paper: what the report is, its filters and when it was printed. */
export function PrintHeader({ title, filters, printedOn }: { title: string; filters: string; printedOn: string }) {
  return (
    <div className="print-only print-header">
      <strong>Payung · {title}</strong>
      <span>{filters}</span>
      <span>{printedOn}</span>
    </div>
  );
}
