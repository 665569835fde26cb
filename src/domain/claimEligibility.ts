import type { Claim } from './claim';
import { claimWindow } from './claimWindow';
import { decideEligibility, type Eligibility } from './eligibility';

/**
 * The policy's decision on a claim's facts as they stand: the assistant's own decision, and the
 * one suggested to an agent after they corrected a fact.
 */
export const claimEligibility = (claim: Claim, windowDays: number): Eligibility =>
  decideEligibility({
    window: claimWindow(claim, windowDays),
    exclusions: claim.conditions.exclusions,
    unsure: claim.conditions.unsure,
    hasDigitalProof: claim.proof.files.length > 0,
  });
