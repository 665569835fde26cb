import type { Claim } from '../domain/claim';
import { purchaseText } from '../domain/claimSummary';
import type { Policy } from '../domain/policy';

/** The decision explained in plain words, with the policy's reason. */
export function decisionMessage(claim: Claim, policy: Policy): string {
  const days = policy.window.days;
  switch (claim.decision.outcome) {
    case 'covered':
      return [
        `Good news — your ${claim.product.text || 'product'} is covered by the warranty. Your RMA number is ${claim.rmaNumber}.`,
        `Next steps: write ${claim.rmaNumber} on the outside of the box, pack the product with its accessories and send it as described at ${policy.links.rmaInstructions}. ${policy.remedies.refurbishedReplacement}`,
      ].join('\n\n');
    case 'not_covered': {
      const why: string[] = [];
      if (claim.decision.reasons.includes('outside_warranty_period')) {
        why.push(
          `the warranty lasts ${days} days from the date of purchase, and ${purchaseText(claim)} is more than ${days} days before you contacted us`,
        );
      }
      if (claim.decision.reasons.includes('excluded_condition')) {
        const labels = claim.conditions.exclusions.map(
          (code) => policy.exclusions.find((e) => e.code === code)?.label.toLowerCase() ?? code,
        );
        why.push(
          labels.length
            ? `the warranty doesn't cover damage from ${labels.join(' or ')}`
            : `the warranty doesn't cover what happened to it`,
        );
      }
      return [
        `I'm sorry — this isn't covered by the warranty, because ${why.join(', and ')}.`,
        `${policy.remedies.softwareUpgrades} If you think I've got something wrong, or you'd like to talk about repair options, just say "talk to a person".`,
      ].join('\n\n');
    }
    case 'awaiting_proof':
      return [
        `Everything else checks out — I just need a digital copy of your proof of purchase (a photo, screenshot or PDF) before I can issue the RMA. I've saved your claim.`,
        `${policy.proof.howToGetCopy} When you have it, upload it right here in this chat and I'll finish your claim.`,
      ].join('\n\n');
    default:
      return '';
  }
}
