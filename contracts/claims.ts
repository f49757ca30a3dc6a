// `GET /api/v1/claims` and `/claims/summary`: what the pages, the route handlers and the browser share.
import type { ClaimStatus, Program } from '@/domain/enums';
import type { Figure } from '@/domain/format';
import type { Period } from '@/domain/month';

export interface ClaimsSummary {
  from: Period;
  to: Period;
  region: string;
  byProgram: Array<{ program: Program; count: Figure; amount: Figure }>;
  byStatus: Array<{ status: ClaimStatus; count: Figure }>;
  turnaroundMedianDays: Figure | null;
  turnaroundP90Days: Figure | null;
  approvalRate: Figure | null;
  paidCount: Figure;
  paidAmount: Figure;
  byMonth: Array<{
    period: string;
    program: Program;
    count: Figure;
    amount: Figure;
  }>;
  /** Payouts against contributions collected, month by month (the summary series). */
  payoutsVsContributions: Array<{ period: string; claimsPaidAmount: Figure; contributionsCollected: Figure }>;
  byVillage: Array<{ code: string; name: string; paidCount: Figure; paidAmount: Figure; submittedCount: Figure }>;
  rejectionReasons: Array<{ reason: string; count: Figure }>;
  solidarity: {
    claims: Figure;
    enrolmentsAfter: Figure;
    baseline: Figure;
    effect: Figure | null;
    claimsAboveBaseline: Figure;
  };
}

/** A register row. Personal columns are left out entirely for roles without personal data. */
export interface ClaimListRow {
  number: string;
  program: Program;
  benefitType: string | null;
  status: ClaimStatus;
  villageCode: string;
  villageName: string;
  incidentDate: string;
  submittedOn: string;
  paidOn: string | null;
  amount: number | null;
  coveredAtIncident: boolean;
  memberName?: string;
  nikMasked?: string;
  communityName?: string | null;
  agentCode?: string | null;
}
