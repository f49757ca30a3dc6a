import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { agents, communities, occupations, referenceRates, regions } from '@/db/schema';
import type { RateLike } from '@/domain/rates';
import type { Caller } from '@/server/auth/caller';
import { closest, nameKey, normaliseVillageCode, type Candidate } from '@/server/imports/fields';
import { inScope, type RowCheck } from '@/server/imports/kinds/types';

// The reference sets several kinds look rows up in, each read in one query and limited to the caller's
// region, so neither a lookup nor a suggestion ever names something outside it.

export interface Villages {
  villages: Map<string, string>;
  villageCandidates: Candidate[];
}

export async function loadVillages(db: Database, caller: Caller): Promise<Villages> {
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.level, 'village'));
  const villages = new Map(rows.filter((v) => inScope(caller, v.code)).map((v) => [v.code, v.name]));
  return { villages, villageCandidates: [...villages].map(([code, name]) => ({ value: code, label: name })) };
}

export interface Occupations {
  occupations: Map<string, { code: string; isTransport: boolean }>;
  occupationCandidates: Candidate[];
}

export async function loadOccupations(db: Database): Promise<Occupations> {
  const rows = await db.select({ code: occupations.code, nameId: occupations.nameId, nameEn: occupations.nameEn, isTransport: occupations.isTransport }).from(occupations);
  const map = new Map<string, { code: string; isTransport: boolean }>();
  for (const o of rows) for (const key of [o.code, o.nameId, o.nameEn]) map.set(nameKey(key), { code: o.code, isTransport: o.isTransport });
  return { occupations: map, occupationCandidates: rows.map((o) => ({ value: o.code, label: o.nameId })) };
}

export interface CommunityRef {
  id: number;
  name: string;
  villageCode: string;
}

export interface Communities {
  communities: Map<string, CommunityRef[]>;
  communityIds: Map<number, CommunityRef>;
  communityCandidates: Candidate[];
}

export async function loadCommunities(db: Database, caller: Caller): Promise<Communities> {
  const rows = (await db.select({ id: communities.id, name: communities.name, villageCode: communities.villageCode }).from(communities)).filter((c) =>
    inScope(caller, c.villageCode),
  );
  const map = new Map<string, CommunityRef[]>();
  for (const c of rows) map.set(nameKey(c.name), [...(map.get(nameKey(c.name)) ?? []), c]);
  return { communities: map, communityIds: new Map(rows.map((c) => [c.id, c])), communityCandidates: rows.map((c) => ({ value: c.name, label: c.name })) };
}

export interface Agents {
  /** Every agent's code with its village (a member may be recruited by an agent of a neighbouring village). */
  agents: Map<string, { villageCode: string }>;
  /** Suggestions: only agents in the caller's region. */
  agentCandidates: Candidate[];
}

export async function loadAgents(db: Database, caller: Caller): Promise<Agents> {
  const rows = await db.select({ code: agents.code, name: agents.name, villageCode: agents.villageCode }).from(agents);
  return {
    agents: new Map(rows.map((a) => [a.code, { villageCode: a.villageCode }])),
    agentCandidates: rows.filter((a) => inScope(caller, a.villageCode)).map((a) => ({ value: a.code, label: a.name })),
  };
}

export async function loadRates(db: Database): Promise<RateLike[]> {
  return db
    .select({ key: referenceRates.key, value: referenceRates.value, effectiveFrom: referenceRates.effectiveFrom, effectiveTo: referenceRates.effectiveTo })
    .from(referenceRates);
}

/** `kode_agen`: undefined when the column is absent (keep), null when empty, else a known code. */
export function checkAgent(row: RowCheck, refs: Agents, column = 'kode_agen'): string | null | undefined {
  if (!row.present.has(column)) return undefined;
  const code = row.raw[column] ?? '';
  if (!code) return null;
  if (refs.agents.has(code)) return code;
  const upper = code.toUpperCase();
  if (refs.agents.has(upper)) return upper;
  const near = closest(code, refs.agentCandidates);
  row.fail(column, near ? 'unknown_agent_suggest' : 'unknown_agent', { value: code.slice(0, 30), suggestion: near ? `${near.value} (${near.label})` : '' });
  return null;
}

/** A required village code in the caller's region. */
export function checkVillage(row: RowCheck, refs: Villages, column = 'kode_desa'): string | null {
  if (!row.required(column)) return null;
  const raw = row.raw[column]!;
  const code = normaliseVillageCode(raw);
  if (code && refs.villages.has(code)) return code;
  const near = closest(raw, refs.villageCandidates);
  row.fail(column, 'unknown_village', { value: raw.slice(0, 30), suggestion: near ? `${near.value} (${near.label})` : '-' });
  return null;
}

/** An optional occupation by code or name: undefined when the column is absent, null when empty. */
export function checkOccupation(row: RowCheck, refs: Occupations, column = 'pekerjaan'): string | null | undefined {
  if (!row.present.has(column)) return undefined;
  const text = row.raw[column] ?? '';
  if (!text) return null;
  const found = refs.occupations.get(nameKey(text));
  if (found) return found.code;
  const near = closest(text, refs.occupationCandidates);
  row.fail(column, 'unknown_occupation', { value: text.slice(0, 40), suggestion: near ? `${near.value} (${near.label})` : '-' });
  return null;
}

/** A community by id or name, the one of `villageCode` first. */
export function findCommunity(refs: Communities, text: string, villageCode: string | null | undefined): CommunityRef | undefined {
  const byId = /^\d+$/.test(text) ? refs.communityIds.get(Number(text)) : undefined;
  const byName = refs.communities.get(nameKey(text));
  return byId ?? byName?.find((c) => c.villageCode === villageCode) ?? byName?.[0];
}
