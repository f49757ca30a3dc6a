import 'server-only';
import type { ImportKind } from '@/domain/enums';
import { mayImportKind } from '@/domain/import-kinds';
import type { Caller } from '@/server/auth/caller';
import { agentTargetsKind } from '@/server/imports/kinds/agent-targets';
import { agentsKind } from '@/server/imports/kinds/agents';
import { claimsKind } from '@/server/imports/kinds/claims';
import { communitiesKind } from '@/server/imports/kinds/communities';
import { contributionsKind } from '@/server/imports/kinds/contributions';
import { coverageTargetsKind } from '@/server/imports/kinds/coverage-targets';
import { membersKind } from '@/server/imports/kinds/members';
import { regionsKind } from '@/server/imports/kinds/regions';
import type { AnyKindModule } from '@/server/imports/kinds/types';
import { workforceKind } from '@/server/imports/kinds/workforce';

const KINDS: Record<ImportKind, AnyKindModule> = {
  members: membersKind,
  contributions: contributionsKind,
  claims: claimsKind,
  regions: regionsKind,
  communities: communitiesKind,
  agents: agentsKind,
  workforce: workforceKind,
  coverage_targets: coverageTargetsKind,
  agent_targets: agentTargetsKind,
};

export const importKind = (kind: ImportKind): AnyKindModule => KINDS[kind];

/** Who may load a kind (domain/import-kinds.ts); the rows are then limited to the caller's region. */
export const mayImport = (caller: Caller, kind: ImportKind): boolean => mayImportKind(caller.role, kind);
