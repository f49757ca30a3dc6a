'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '@/components/i18n-provider';
import { usePeriod } from '@/components/url-state';
import { agentsQuery } from '@/components/agents/queries';
import type { AttentionRow } from '@/contracts/agents';
import { AttentionPanel } from './agents-explorer';

/**
 * A supervisor's landing: their own agents who need attention this month, above the overview. The page
 * brings only the fields the lists read (a whole agents table was most of the page); another month is
 * fetched through the agents API.
 */
export function SupervisorHome({ initialPeriod, initialRows }: { initialPeriod: string; initialRows: AttentionRow[] }) {
  const { messages } = useI18n();
  const period = usePeriod(initialPeriod);
  const { data } = useQuery({ ...agentsQuery(period, {}), enabled: period !== initialPeriod });
  const rows = period === initialPeriod ? initialRows : data?.rows;
  if (!rows) return null;
  return (
    <div data-testid="supervisor-home">
      <AttentionPanel rows={rows} period={period} />
      <p className="no-print">
        <Link href={`/agents?period=${period}`}>{messages.agents.openAgents} →</Link>
      </p>
    </div>
  );
}
