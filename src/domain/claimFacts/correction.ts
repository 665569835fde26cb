import type { Claim } from '../claim';
import type { Policy } from '../policy';
import { applyFacts } from './applyFacts';
import type { ClaimFacts, FactName } from './claimFacts';

/**
 * The facts of a message that would change the claim if taken as a correction, at the
 * confirmation ("wait, it was March 3rd, not the 13th", "actually it's the QT5682", "I do
 * have the receipt after all"). A fact equal to the claim's is no correction ("yes, the
 * QT5682 is right"); the problem is not corrected in passing (a symptom restated is not a
 * new problem), and a date that needs clarifying is left to the date question.
 * @example correctedFacts(claimBoughtMarch13, facts('wait, it was March 3rd, not the 13th'), policy) // ['purchase']
 */
export function correctedFacts(claim: Claim, facts: ClaimFacts, policy: Policy, only?: FactName): FactName[] {
  const skip: FactName[] = ['problem'];
  if (only) skip.push(...(['product', 'purchase', 'proof', 'conditions'] as const).filter((f) => f !== only));
  return applyFacts(structuredClone(claim), facts, policy, { correcting: true, skip });
}
