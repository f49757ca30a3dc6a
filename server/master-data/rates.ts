// BPJS's reference rates (contributions, discounts, benefits, agent incentives) kept by an admin. A
// change of rate is a new row from its effective date; the rate it replaces ends the day before. History
// is never rewritten: a new rate must start after the key's latest one, and no old value is edited.
import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { referenceRates } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { writeAudit } from '@/server/audit';
import { assertPermission, isUniqueViolation } from '@/server/master-data/access';
import { forbidden } from '@/domain/errors';
import { dayBefore, type MasterResult, type RateInput } from '@/domain/master-data';

/** Rates hold for the whole installation: an account limited to a region may read them, not change them. */
function assertCanManageRates(caller: Caller) {
  assertPermission(caller, 'manage:reference-data');
  if (caller.regionCode) throw forbidden();
}

/** Every rate with its dates, by key and then newest first. */
export async function listReferenceRates(db: Database, { caller }: { caller: Caller }) {
  assertPermission(caller, 'manage:reference-data');
  return db
    .select({
      id: referenceRates.id,
      category: referenceRates.category,
      key: referenceRates.key,
      value: referenceRates.value,
      unit: referenceRates.unit,
      effectiveFrom: referenceRates.effectiveFrom,
      effectiveTo: referenceRates.effectiveTo,
      source: referenceRates.source,
    })
    .from(referenceRates)
    .orderBy(asc(referenceRates.category), asc(referenceRates.key), desc(referenceRates.effectiveFrom));
}

/** Adds a rate from `effectiveFrom`; the key's current rate then ends the day before. */
export async function addReferenceRate(db: Database, { caller, input }: { caller: Caller; input: RateInput }): Promise<MasterResult> {
  assertCanManageRates(caller);
  try {
    return await db.transaction(async (tx) => {
      // Locked, so two admins adding a rate for one key at once go one after the other.
      const [latest] = await tx
        .select({
          id: referenceRates.id,
          category: referenceRates.category,
          unit: referenceRates.unit,
          value: referenceRates.value,
          effectiveFrom: referenceRates.effectiveFrom,
          effectiveTo: referenceRates.effectiveTo,
        })
        .from(referenceRates)
        .where(eq(referenceRates.key, input.key))
        .orderBy(desc(referenceRates.effectiveFrom))
        .limit(1)
        .for('update');
      if (latest && input.effectiveFrom <= latest.effectiveFrom) {
        return { ok: false, reason: 'rateNotAfterCurrent', field: 'effectiveFrom', values: { date: latest.effectiveFrom } } as const;
      }
      let previous: { id: number; effectiveTo: string | null; endsOn: string | null } | null = null;
      if (latest) {
        // A rate that had already ended before the new one starts keeps its end.
        const endsOn = latest.effectiveTo === null || latest.effectiveTo >= input.effectiveFrom ? dayBefore(input.effectiveFrom) : latest.effectiveTo;
        if (endsOn !== latest.effectiveTo) {
          await tx.update(referenceRates).set({ effectiveTo: endsOn }).where(eq(referenceRates.id, latest.id));
        }
        previous = { id: latest.id, effectiveTo: latest.effectiveTo, endsOn };
      }
      const [created] = await tx
        .insert(referenceRates)
        .values({
          category: latest?.category ?? input.category,
          key: input.key,
          value: input.value,
          unit: latest?.unit ?? input.unit,
          effectiveFrom: input.effectiveFrom,
          effectiveTo: null,
          source: input.source,
        })
        .returning({ id: referenceRates.id });
      await writeAudit(tx, {
        userId: caller.userId,
        actorEmail: caller.email,
        action: 'rate_add',
        entity: 'reference_rate',
        entityId: String(created!.id),
        details: {
          key: input.key,
          value: input.value,
          effectiveFrom: input.effectiveFrom,
          previous: previous && latest ? { id: previous.id, value: latest.value, effectiveTo: previous.effectiveTo, endsOn: previous.endsOn } : null,
        },
      });
      return { ok: true, created: true, id: String(created!.id) } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'rateNotAfterCurrent', field: 'effectiveFrom', values: { date: input.effectiveFrom } };
    throw error;
  }
}
