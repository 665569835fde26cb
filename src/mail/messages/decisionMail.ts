import type { Claim } from '../../domain/claim';
import { purchaseText } from '../../domain/claimSummary';
import type { Policy } from '../../domain/policy';
import { customerFooter, type ResumeLink } from './customerFooter';
import { customerWords } from './customerWords';
import { type ComposedMail, renderMail } from './mailLayout';

/**
 * The decision, to keep: the RMA number and what to do next, why it is not covered, or which
 * proof is still needed and how to send it. Null for a claim with no decision to tell.
 */
export function decisionMail(claim: Claim, policy: Policy, link: ResumeLink | null): ComposedMail | null {
  const brand = policy.brand;
  // what the customer called it, in their words: short, and without links (customerWords.ts)
  const product = customerWords(claim.product.text, 80) || 'product';
  const about = `Your claim ${claim.id} for your ${product}${claim.product.model ? ` (model ${claim.product.model})` : ''}, bought ${customerWords(purchaseText(claim), 120)}.`;
  const base = { brand, link, footer: customerFooter(policy) };
  switch (claim.decision.outcome) {
    case 'covered':
      return renderMail({
        ...base,
        subject: `Your ${brand} warranty claim: RMA number ${claim.rmaNumber}`,
        paragraphs: [
          `Good news — your ${product} is covered by the warranty. Your RMA number is ${claim.rmaNumber}.`,
          about,
          `What to do next: write ${claim.rmaNumber} on the outside of the box, pack the product with its accessories and send it as described at ${policy.links.rmaInstructions}.`,
          policy.remedies.refurbishedReplacement,
        ],
      });
    case 'not_covered':
      return renderMail({
        ...base,
        subject: `Your ${brand} warranty claim: not covered`,
        paragraphs: [
          `We're sorry — your ${product} isn't covered by the warranty, because ${notCoveredBecause(claim, policy)}.`,
          about,
          `${policy.remedies.softwareUpgrades} If you think we've got something wrong, or you'd like to talk about repair options, open your conversation again and ask for a person, or contact us at ${policy.links.support}.`,
        ],
      });
    case 'awaiting_proof':
      return renderMail({
        ...base,
        subject: `Your ${brand} warranty claim: proof of purchase needed`,
        paragraphs: [
          `Everything else checks out — we just need a digital copy of your proof of purchase (a photo, screenshot or PDF of the receipt, invoice, purchase order or order confirmation) before we can issue the RMA. Your claim is saved.`,
          about,
          policy.proof.howToGetCopy,
          link
            ? 'When you have it, open your conversation with the link below and upload it there.'
            : `When you have it, send it in the same chat, or contact us at ${policy.links.support}.`,
        ],
      });
    default:
      return null;
  }
}

function notCoveredBecause(claim: Claim, policy: Policy): string {
  const why: string[] = [];
  if (claim.decision.reasons.includes('outside_warranty_period'))
    why.push(
      `the warranty lasts ${policy.window.days} days from the date of purchase, and it was bought more than ${policy.window.days} days before the claim`,
    );
  if (claim.decision.reasons.includes('excluded_condition')) {
    const labels = claim.conditions.exclusions.map((code) => policy.exclusions.find((e) => e.code === code)?.label.toLowerCase() ?? code);
    why.push(
      labels.length ? `the warranty doesn't cover damage from ${labels.join(' or ')}` : `the warranty doesn't cover what happened to it`,
    );
  }
  return why.join(', and ') || 'of the warranty policy';
}
