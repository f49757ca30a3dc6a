'use client';

import { useI18n } from '@/components/i18n-provider';
import { usePeriod } from '@/components/url-state';

/**
 * CSV and Excel downloads of a v1 endpoint for the period in the URL (the API checks the role and
 * audits the export), and a print button that turns the page into a report.
 */
export function ExportLinks({
  path,
  params,
  initialPeriod,
  withPrint = false,
  label,
}: {
  path: string;
  params: Record<string, string>;
  initialPeriod: string;
  withPrint?: boolean;
  label?: string;
}) {
  const { messages } = useI18n();
  const period = usePeriod(initialPeriod);
  const href = (format: 'csv' | 'xlsx') =>
    `${path}?${new URLSearchParams({ ...params, period, format }).toString()}`;
  return (
    <div className="export-links no-print" role="group" aria-label={label}>
      <a href={href('csv')} download data-testid="export-csv">
        {messages.coverage.downloadCsv}
      </a>
      <a href={href('xlsx')} download>
        {messages.coverage.downloadExcel}
      </a>
      {withPrint ? (
        <button type="button" onClick={() => window.print()}>
          {messages.coverage.print}
        </button>
      ) : null}
    </div>
  );
}
