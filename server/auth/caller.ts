import type { Role } from '@/domain/enums';

/** The checked, signed-in user every data-layer function receives. */
export interface Caller {
  userId: number;
  email: string;
  name: string;
  role: Role;
  /** The region the account is limited to (null: the whole installation). */
  regionCode: string | null;
  /** An `agent`'s Perisai agent code (users.agent_code); absent for the other roles. */
  agentCode?: string | null;
}
