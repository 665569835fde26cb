import type { Claim } from '../src/domain/claim';
import type { DialogServices } from './dialogServices';

/**
 * Waits (briefly: RECEIPT_READ_WAIT_MS, or `waitMs`) for the claim's proof readings still under way,
 * here or on another instance, and stores those that finished, in this turn: the decision then
 * stands on the same facts however fast the reader was.
 */
export async function settleReadings(services: DialogServices, claimId: string, waitMs?: number): Promise<Claim | null> {
  for (const { fileId, reading } of (await services.readings?.settle(claimId, waitMs)) ?? []) {
    await services.claims.recordReading(claimId, fileId, reading);
  }
  return services.claims.get(claimId);
}
