'use client';

import { useQuery } from '@tanstack/react-query';
import { useI18n } from '@/components/i18n-provider';
import { StatCard } from '@/components/ui/stat-card';
import { Explain } from '@/components/explain/explain';
import { usePeriod } from '@/components/url-state';
import type { CommunityListRow } from '@/contracts/coverage';
import { formatNumber, formatPercent, formatPeriod, formatRupiah } from '@/domain/format';
import { interpolate } from '@/i18n';
import { communitiesQuery } from '@/components/coverage/queries';
import { SortableTable, type Column, type TableRow } from './sortable-table';

/** Communities drawn at first: all of a district's (about 135 at kabupaten scale), a regency's largest. */
const COMMUNITIES_SHOWN = 200;

/** The communities of a region for the month in the URL (server-rendered first, then React Query). */
export function CommunitiesTable({
  region,
  initialPeriod,
  initialRows,
  columns,
  caption,
}: {
  region: string;
  initialPeriod: string;
  initialRows: CommunityListRow[];
  columns: Column[];
  caption: string;
}) {
  const { locale } = useI18n();
  const period = usePeriod(initialPeriod);
  const { data, isFetching, error } = useQuery({
    ...communitiesQuery(region, period),
    initialData: period === initialPeriod ? { rows: initialRows, period } : undefined,
  });
  return (
    <div aria-busy={isFetching}>
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
      <SortableTable
        columns={columns}
        rows={(data?.rows ?? []) as unknown as TableRow[]}
        caption={interpolate(caption, { period: formatPeriod(period, locale) })}
        link={{ kind: 'path', base: '/communities/', period }}
        initialSort={{ key: 'activeMembers', direction: 'desc' }}
        pageSize={COMMUNITIES_SHOWN}
        testId="communities-table"
      />
    </div>
  );
}

/** One community's headline figures for the month in the URL. */
export function CommunityFacts({
  region,
  id,
  initialPeriod,
  initial,
}: {
  region: string;
  id: number;
  initialPeriod: string;
  initial: CommunityListRow | null;
}) {
  const { locale, messages } = useI18n();
  const c = messages.communities;
  const period = usePeriod(initialPeriod);
  const { data, isFetching } = useQuery({
    ...communitiesQuery(region, period, id),
    initialData: period === initialPeriod && initial ? { rows: [initial], period } : undefined,
  });
  const row = data?.rows[0];
  if (!row) return null;
  return (
    <div className="stat-grid" aria-busy={isFetching} aria-live="polite">
      <StatCard label={c.members} value={formatNumber(row.members, locale)} />
      <StatCard label={c.activeMembers} explain={<Explain label={c.activeMembers} indicator="activeMembers" />} value={formatNumber(row.activeMembers, locale)} />
      <StatCard label={messages.overview.newEnrolments} explain={<Explain label={messages.overview.newEnrolments} indicator="newEnrolments" />} value={formatNumber(row.newEnrolments, locale)} />
      <StatCard label={messages.overview.lapsedMembers} explain={<Explain label={messages.overview.lapsedMembers} indicator="lapsedMembers" />} value={formatNumber(row.lapsedMembers, locale)} />
      <StatCard label={c.retention6m} explain={<Explain label={c.retention6m} indicator="retention" />} value={formatPercent(row.retention6m, locale)} />
      <StatCard
        label={c.claimsPaid}
        explain={<Explain label={c.claimsPaid} indicator="claimsPaid" />}
        value={formatRupiah(row.claimsPaidAmount, locale)}
        help={interpolate(messages.overview.claimsPaidHelp, { count: formatNumber(row.claimsPaidCount, locale) })}
      />
      <StatCard label={c.agents} value={row.agents.length > 0 ? row.agents.join(', ') : c.none} />
    </div>
  );
}
