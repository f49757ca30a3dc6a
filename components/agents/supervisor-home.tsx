'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '@/components/i18n-provider';
import { usePeriod } from '@/components/url-state';
import type { AgentListView } from '@/db/queries/agents';
import { agentsQuery } from '@/lib/queries/agents';
import { AttentionPanel } from './agents-explorer';

/** A supervisor's landing: their own agents who need attention this month, above the overview. */
export function SupervisorHome({ initialPeriod, initial }: { initialPeriod: string; initial: AgentListView }) {
  const { messages } = useI18n();
  const period = usePeriod(initialPeriod);
  const { data } = useQuery({ ...agentsQuery(period, {}), initialData: period === initialPeriod ? initial : undefined });
  if (!data) return null;
  return (
    <div data-testid="supervisor-home">
      <AttentionPanel rows={data.rows} period={period} />
      <p className="no-print">
        <Link href={`/agents?period=${period}`}>{messages.agents.openAgents} →</Link>
      </p>
    </div>
  );
}
