import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getCommunity, getCoverageView, listCommunities } from '@/server/coverage';
import { type CoverageBy } from '@/contracts/coverage';
import { breakdownColumns } from '@/components/coverage/columns';
import { CommunityFacts } from '@/components/coverage/communities-table';
import { CoverageTable } from '@/components/coverage/coverage-table';
import { PeriodPicker } from '@/components/period-picker';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePageCaller } from '@/server/auth/session';
import { DEFAULT_REGION_CODE } from '@/server/config';
import { interpolate, type Messages } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { currentMonth, isPeriod, latestCompleteMonth } from '@/domain/month';

export const metadata: Metadata = { title: 'Komunitas' };

const BREAKDOWNS: Array<{ by: CoverageBy; title: (m: Messages) => string }> = [
  { by: 'occupation', title: (m) => m.villages.occupations },
  { by: 'channel', title: (m) => m.villages.channels },
  { by: 'sex', title: (m) => m.villages.sex },
  { by: 'ageBand', title: (m) => m.villages.ageBands },
];

export default async function CommunityPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ period?: string }>;
}) {
  const caller = await requirePageCaller();
  const { id: rawId } = await params;
  const query = await searchParams;
  const period = query.period && isPeriod(query.period) ? query.period : latestCompleteMonth();
  if (!/^[1-9][0-9]{0,8}$/.test(rawId)) notFound();
  const id = Number(rawId);
  const db = await getDb();
  const community = await getCommunity(db, { caller, id });
  if (!community) notFound();
  const { locale, messages } = await getI18n();
  // The community's members wherever they live within the caller's region.
  const region = caller.regionCode ?? DEFAULT_REGION_CODE;
  const [rows, ...breakdowns] = await Promise.all([
    listCommunities(db, { caller, period, regionCode: region, locale, communityId: id }),
    ...BREAKDOWNS.map(({ by }) => getCoverageView(db, { caller, period, regionCode: region, by, locale, communityId: id })),
  ]);
  const type = messages.communityTypes[community.type as keyof Messages['communityTypes']] ?? community.type;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{community.name}</h1>
          <p>
            {interpolate(messages.communities.about, { type, village: community.villageName })} ·{' '}
            <Link href={`/villages/${community.villageCode}?period=${period}`}>{community.villageName}</Link>
          </p>
        </div>
        <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
      </div>
      <CommunityFacts region={region} id={id} initialPeriod={period} initial={rows[0] ?? null} />
      {suppressesSmallCells(caller.role) ? <p className="note">{messages.overview.suppressedNote}</p> : null}
      <div className="breakdown-grid">
        {BREAKDOWNS.map(({ by, title }, i) => (
          <section key={by} className="panel" aria-labelledby={`breakdown-${by}`}>
            <h2 id={`breakdown-${by}`}>{title(messages)}</h2>
            <CoverageTable
              region={region}
              by={by}
              community={id}
              initialPeriod={period}
              initialRows={breakdowns[i]!.rows}
              columns={breakdownColumns(messages, title(messages))}
              caption={interpolate(messages.villages.breakdownCaption, { dimension: title(messages).toLowerCase(), period: '{period}' })}
              initialSort={{ key: 'activeMembers', direction: 'desc' }}
              testId={`community-${by}`}
            />
          </section>
        ))}
      </div>
    </>
  );
}
