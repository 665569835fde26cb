import type { ExclusionCode } from './policy';
import type { WindowDecision } from './warrantyWindow';

export type Outcome = 'covered' | 'not_covered' | 'awaiting_proof' | 'needs_agent';
/** Why a claim is not covered, or waits for proof: the bot's and the agents' decisions name these. */
export const DECISION_REASONS = ['outside_warranty_period', 'excluded_condition', 'no_proof_of_purchase'] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];
/** Why the bot asked for a person. */
export const HANDOFF_REASONS = [
  'customer_request',
  'ambiguous_purchase_date',
  'unclear_proof',
  'uncertain_condition',
  'repeated_misunderstanding',
  'customer_upset',
  'receipt_mismatch',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export interface ClaimFacts {
  window: WindowDecision;
  exclusions: ExclusionCode[];
  unsure: ExclusionCode[];
  hasDigitalProof: boolean;
}

export interface Eligibility {
  outcome: Outcome;
  reasons: DecisionReason[];
  handoffReason: HandoffReason | null;
}

/**
 * What the policy decides from the facts of a claim. Order matters: a purchase outside the
 * window or a plainly stated exclusion decides `not_covered` even if something else is
 * unsure; only unsure conditions need a person; missing proof is never a refusal.
 * @example decideEligibility({ window: 'within', exclusions: [], unsure: [], hasDigitalProof: true }) // covered
 */
export function decideEligibility(facts: ClaimFacts): Eligibility {
  const reasons: DecisionReason[] = [];
  if (facts.window === 'outside') reasons.push('outside_warranty_period');
  if (facts.exclusions.length) reasons.push('excluded_condition');
  if (reasons.length) return { outcome: 'not_covered', reasons, handoffReason: null };
  if (facts.window === 'ask') return { outcome: 'needs_agent', reasons: [], handoffReason: 'ambiguous_purchase_date' };
  if (facts.unsure.length) return { outcome: 'needs_agent', reasons: [], handoffReason: 'uncertain_condition' };
  if (!facts.hasDigitalProof) return { outcome: 'awaiting_proof', reasons: ['no_proof_of_purchase'], handoffReason: null };
  return { outcome: 'covered', reasons: [], handoffReason: null };
}
