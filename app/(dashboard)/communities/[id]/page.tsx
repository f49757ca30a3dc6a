import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getCommunity, getCoverageView, listCommunities } from '@/server/coverage';
import { coverageContract, type CoverageBy } from '@/contracts/coverage';
import { parseParams, readId } from '@/contracts/params';
import { PeriodLink } from '@/components/period-text';
import { dashboardPage } from '../../dashboard-page';
import { breakdownColumns } from '@/components/coverage/columns';
import { CommunityFacts } from '@/components/coverage/communities-table';
import { CoverageTable } from '@/components/coverage/coverage-table';
import { PeriodPicker } from '@/components/period-picker';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { DEFAULT_REGION_CODE } from '@/server/config';
import { interpolate, type Messages } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { currentMonth, latestCompleteMonth } from '@/domain/month';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('community');

const BREAKDOWNS: Array<{ by: CoverageBy; title: (m: Messages) => string }> = [
  { by: 'occupation', title: (m) => m.villages.occupations },
  { by: 'channel', title: (m) => m.villages.channels },
  { by: 'sex', title: (m) => m.villages.sex },
  { by: 'ageBand', title: (m) => m.villages.ageBands },
];

export default dashboardPage<{ id: string }>(async ({ params, searchParams }) => {
  const caller = await requirePagePermission('view:aggregates');
  const id = readId(params.id);
  if (id === null) notFound();
  // The community's tables are /api/v1/coverage and /communities views: their parameters, read alike.
  const { period } = parseParams(coverageContract.params, searchParams);
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
            <PeriodLink href={`/villages/${community.villageCode}`} initialPeriod={period}>
              {community.villageName}
            </PeriodLink>
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
              initialProvisional={breakdowns[i]!.provisional}
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
});
