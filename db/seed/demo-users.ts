// The demo sign-ins (PRODUCT.md "Demo mode"). They exist only in a database seeded with the synthetic
// demo data; the start step prints them.
import type { Role } from '@/domain/enums';

export const DEMO_PASSWORD = 'payung-demo';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** A district official is scoped to the district. */
  regionCode?: string;
  /** An agent's Perisai agent code (demo.ts numbers its agents PRS-001 …). */
  agentCode?: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@payung.test', name: 'Administrator Payung', role: 'admin' },
  { email: 'officer@payung.test', name: 'Dian Kusumawati', role: 'bpjs_officer' },
  { email: 'district@payung.test', name: 'Bambang Sutejo', role: 'district_official', regionCode: '33.02.14' },
  { email: 'supervisor@payung.test', name: 'Yulianto Nugroho', role: 'supervisor' },
  { email: 'supervisor2@payung.test', name: 'Sri Handayani', role: 'supervisor' },
  // One of supervisor@payung.test's agents (demo.ts AGENTS[0]).
  { email: 'agent@payung.test', name: 'Slamet Riyadi', role: 'agent', agentCode: 'PRS-001' },
];
