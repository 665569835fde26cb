import { longDay, parseIsoDay } from './calendar';
import type { Claim } from './claim';
import type { Policy } from './policy';

const dayText = (iso: string | null) => {
  const d = iso ? parseIsoDay(iso) : null;
  return d ? longDay(d) : null;
};

/** How the purchase date reads to a person: the day, the range, or the choices. */
export function purchaseText(claim: Claim): string {
  const p = claim.purchase;
  if (p.date) return dayText(p.date) as string;
  if (p.earliest && p.latest) return `between ${dayText(p.earliest)} and ${dayText(p.latest)}`;
  if (p.readings.length) return p.readings.map(dayText).join(' or ');
  return p.text ? `"${p.text}"` : 'not given';
}

/** A short, plain summary of what the customer told us, for the confirmation and for agents. */
export function summarizeClaim(claim: Claim, policy: Policy): string {
  const proofLabel =
    policy.proof.types.find((t) => t.code === claim.proof.type)?.label ?? (claim.proof.type === 'other' ? 'Other proof' : null);
  const files = claim.proof.files.length ? `${claim.proof.files.length} file(s) uploaded` : 'no copy uploaded yet';
  const excluded = [...claim.conditions.exclusions, ...claim.conditions.unsure]
    .map((code) => policy.exclusions.find((e) => e.code === code)?.label ?? code)
    .join(', ');
  // a Markdown list: Web Chat renders it as lines; agents read it as plain text
  return [
    `Product: ${claim.product.text || 'not given'}${claim.product.model ? ` (model ${claim.product.model})` : ''}`,
    `Bought: ${purchaseText(claim)}`,
    `Proof of purchase: ${proofLabel ?? 'not given'}, ${files}`,
    `Problem: ${claim.problem.text || 'not given'}`,
    `Excluded conditions: ${excluded || 'none reported'}`,
  ]
    .map((line) => `- ${line}`)
    .join('\n');
}
