import type { Claim } from '../claim';
import type { Policy } from '../policy';
import type { FactName } from './claimFacts';

/**
 * What the assistant says when a customer answers a question with another fact, before it
 * asks its question again: the fact is kept for its own step ("No problem, we'll come back to
 * the receipt.").
 * @example acknowledgement(['proof'], claimWithLostReceipt, policy) // "No problem, we'll come back to the receipt."
 */
export function acknowledgement(changed: FactName[], claim: Claim, policy: Policy): string {
  const parts: string[] = [];
  if (changed.includes('proof')) {
    const kind = policy.proof.types.find((t) => t.code === claim.proof.type)?.label.toLowerCase() ?? 'proof of purchase';
    parts.push(
      claim.proof.availability === 'has_now'
        ? `Good — we'll come back to the ${kind} in a moment.`
        : `No problem, we'll come back to the ${kind}.`,
    );
  }
  if (changed.includes('conditions')) parts.push("Thanks for telling me — I've noted that, it matters for the warranty.");
  if (changed.includes('product')) parts.push(`I've noted the product${claim.product.model ? ` (${claim.product.model})` : ''}.`);
  if (changed.includes('purchase')) parts.push("I've noted when you bought it.");
  if (changed.includes('problem')) parts.push("I've noted what's wrong with it.");
  return parts.join(' ') || 'Thanks, I have that already.';
}
