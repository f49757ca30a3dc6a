// Every parameter of every v1 endpoint is read by its contract's schema: hostile values (a NUL byte,
// fractions, 1e309, Infinity, ids past PostgreSQL's integer) answer 400 naming the parameter, never
// reach SQL, and the page and the API read the same URL to the same values or the same error.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/domain/errors';
import { agentContract, agentsContract } from '@/contracts/agents';
import { boundariesContract } from '@/contracts/boundaries';
import { claimsContract, claimsSummaryContract } from '@/contracts/claims';
import { communitiesContract, coverageContract, trendContract } from '@/contracts/coverage';
import { mapContract } from '@/contracts/map';
import { membersContract } from '@/contracts/members';
import { AGENT_CODE_PATTERN, parseIdSegment, parseParams } from '@/contracts/params';
import { summaryContract } from '@/contracts/summary';
import { latestCompleteMonth } from '@/domain/month';

const CONTRACTS = {
  summary: summaryContract,
  coverage: coverageContract,
  communities: communitiesContract,
  trend: trendContract,
  map: mapContract,
  agents: agentsContract,
  agent: agentContract,
  claims: claimsContract,
  claimsSummary: claimsSummaryContract,
  members: membersContract,
  boundaries: boundariesContract,
};

/** The parameter names a contract reads (its object schema's keys, under any transform). */
function paramNames(schema: z.ZodType): string[] {
  let inner: unknown = schema;
  while (inner && !(inner instanceof z.ZodObject)) inner = (inner as { def?: { in?: unknown } }).def?.in;
  expect(inner, 'an object schema').toBeInstanceOf(z.ZodObject);
  return Object.keys((inner as z.ZodObject).shape);
}

function refusal(run: () => unknown): AppError | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
}

const HOSTILE = ['a\u0000b', '1.5', '1e309', 'Infinity', '-1', '99999999999', '2147483648', '0x10', ' 7', '2026-13', "'; drop table members;--"];
/** What some parameters rightly accept: free text anything printable, an agent's code letters, digits and hyphens. */
const ACCEPTS: Record<string, (value: string) => boolean> = {
  q: (value) => !value.includes('\u0000'),
  agent: (value) => AGENT_CODE_PATTERN.test(value),
};

describe('v1 contracts: parameters', () => {
  for (const [name, contract] of Object.entries(CONTRACTS)) {
    it(`${name}: every parameter refuses hostile values with a 400 naming it`, () => {
      const names = paramNames(contract.params);
      expect(names.length).toBeGreaterThan(0);
      for (const param of names) {
        for (const value of HOSTILE) {
          const error = refusal(() => parseParams(contract.params, { [param]: value }));
          if (ACCEPTS[param]?.(value)) {
            expect(error, `${param}=${value}`).toBeNull();
            continue;
          }
          expect(error, `${param}=${JSON.stringify(value)}`).not.toBeNull();
          expect(error!.status).toBe(400);
          expect(error!.param, `${param}=${value}`).toBe(param);
          expect(error!.localizedMessage('id')).toContain(`Parameter "${param}"`);
          expect(error!.localizedMessage('en')).toContain(`Parameter "${param}"`);
          // The message echoes at most a short, printable part of what was sent.
          expect(error!.localizedMessage('id')).not.toContain('\u0000');
        }
      }
    });
  }

  it('names the fault finding 10 listed, parameter by parameter', () => {
    const cases: Array<[z.ZodType, Record<string, string>, string, string]> = [
      [membersContract.params, { q: 'budi\u0000' }, 'q', 'bad_text'],
      [claimsContract.params, { agent: 'PRS\u0000001' }, 'agent', 'bad_agent_code'],
      [membersContract.params, { page: '1.5' }, 'page', 'bad_page'],
      [claimsContract.params, { page: '1e309' }, 'page', 'bad_page'],
      [claimsContract.params, { page: 'Infinity' }, 'page', 'bad_page'],
      [claimsContract.params, { community: '99999999999' }, 'community', 'bad_community'],
      [agentsContract.params, { supervisor: '2147483648' }, 'supervisor', 'bad_supervisor'],
      [coverageContract.params, { community: '1e3' }, 'community', 'bad_community'],
      [trendContract.params, { from: '2026-06', to: '2026-01' }, 'from', 'bad_range'],
      [summaryContract.params, { compare: 'yes' }, 'compare', 'bad_flag'],
      [claimsContract.params, { dir: 'sideways' }, 'dir', 'bad_direction'],
      [mapContract.params, { format: 'pdf' }, 'format', 'bad_format'],
      [summaryContract.params, { explain: 'yes' }, 'explain', 'bad_flag'],
      [summaryContract.params, { nowcast: 'yes' }, 'nowcast', 'bad_flag'],
      [membersContract.params, { status: 'gone' }, 'status', 'bad_status'],
      [membersContract.params, { enrolled: '2' }, 'enrolled', 'bad_flag'],
      [claimsContract.params, { basis: 'incident' }, 'basis', 'bad_basis'],
    ];
    for (const [schema, input, param, code] of cases) {
      expect(refusal(() => parseParams(schema, input)), JSON.stringify(input)).toMatchObject({ status: 400, param, code });
    }
    expect(refusal(() => parseIdSegment('id', '99999999999'))).toMatchObject({ status: 400, param: 'id', code: 'bad_id' });
    expect(refusal(() => parseIdSegment('id', '1e309'))).toMatchObject({ status: 400, param: 'id' });
    expect(parseIdSegment('id', '2147483647')).toBe(2_147_483_647);
  });

  it('reads good values and defaults as the endpoints document them', () => {
    expect(parseParams(summaryContract.params, {})).toEqual({ period: latestCompleteMonth(), region: undefined, compare: false, explain: false, nowcast: false, format: 'json' });
    expect(parseParams(claimsContract.params, { page: '3', community: '12', agent: 'PRS-001', sort: 'amount', dir: 'asc' })).toMatchObject({
      page: 3,
      community: 12,
      agent: 'PRS-001',
      sort: 'amount',
      dir: 'asc',
      from: latestCompleteMonth(),
      to: latestCompleteMonth(),
    });
    expect(parseParams(trendContract.params, { to: '2026-06' })).toMatchObject({ from: '2025-07', to: '2026-06', metric: 'activeMembers' });
    expect(parseParams(membersContract.params, { q: 'Siti Aminah', page: '2' })).toMatchObject({ q: 'Siti Aminah', page: 2 });
    // The filters an explanation's link sets: the rows behind a figure.
    expect(parseParams(membersContract.params, { region: '33.02.14.2001', status: 'stopped', enrolled: '1', agent: 'PRS-001' })).toMatchObject({
      region: '33.02.14.2001',
      status: 'stopped',
      enrolled: true,
      paid: false,
      agent: 'PRS-001',
    });
    expect(parseParams(claimsContract.params, { basis: 'paid', status: 'paid' })).toMatchObject({ basis: 'paid', status: 'paid' });
    expect(parseParams(claimsContract.params, {})).toMatchObject({ basis: 'submitted' });
    expect(parseParams(coverageContract.params, { by: 'ageBand', region: '33.02.14' })).toMatchObject({ by: 'ageBand', region: '33.02.14' });
  });

  it('reads a page URL (Next searchParams) and an API URL (URLSearchParams) alike', () => {
    const query = 'period=2026-13&region=33.02.14';
    const fromApi = refusal(() => parseParams(coverageContract.params, new URLSearchParams(query)));
    const fromPage = refusal(() => parseParams(coverageContract.params, { period: '2026-13', region: '33.02.14' }));
    expect(fromApi).not.toBeNull();
    expect([fromPage!.status, fromPage!.code, fromPage!.param, fromPage!.localizedMessage('id')]).toEqual([
      fromApi!.status,
      fromApi!.code,
      fromApi!.param,
      fromApi!.localizedMessage('id'),
    ]);
    // A repeated parameter counts once, its first value, on both paths.
    expect(parseParams(coverageContract.params, new URLSearchParams('period=2026-01&period=2026-02')).period).toBe('2026-01');
    expect(parseParams(coverageContract.params, { period: ['2026-01', '2026-02'] }).period).toBe('2026-01');
  });
});
