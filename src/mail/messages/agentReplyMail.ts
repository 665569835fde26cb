import type { Claim } from '../../domain/claim';
import type { Policy } from '../../domain/policy';
import { customerFooter, type ResumeLink } from './customerFooter';
import { customerWords } from './customerWords';
import { type ComposedMail, renderMail } from './mailLayout';

/** An agent's answer to a customer who left the chat: their words, and the way back into it. */
export function agentReplyMail(claim: Claim, policy: Policy, author: string, text: string, link: ResumeLink | null): ComposedMail {
  const product = claim.product.text ? ` for your ${customerWords(claim.product.text, 80)}` : '';
  return renderMail({
    brand: policy.brand,
    subject: `${policy.brand} support: a reply about your warranty claim${claim.rmaNumber ? ` (RMA ${claim.rmaNumber})` : ''}`,
    paragraphs: [`${author} from ${policy.brand} support has replied about your warranty claim${product} (claim ${claim.id}).`],
    quote: { author, text },
    link,
    footer: customerFooter(policy),
  });
}
