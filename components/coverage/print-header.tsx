/** Shown only on paper: what the report is, its filters (with the month shown, see PeriodText) and when it was printed. */
export function PrintHeader({ title, filters, printedOn }: { title: string; filters: React.ReactNode; printedOn: string }) {
  return (
    <div className="print-only print-header" data-testid="print-header">
      <strong>Payung · {title}</strong>
      <span>{filters}</span>
      <span>{printedOn}</span>
    </div>
  );
}
