import type { Claim } from '../../domain/claim';
import type { Policy } from '../../domain/policy';
import type { TranscriptEntry } from '../../storage/transcriptRepository';
import { customerFooter, type ResumeLink } from './customerFooter';
import { customerWords } from './customerWords';
import { type ComposedMail, renderMail } from './mailLayout';

/** Mail grows no bigger than this much conversation (HTML escaping may make it a few times more): the newest lines are kept. */
const MAX_CHARS = 60_000;
const MAX_LINE_CHARS = 2000;

/** The conversation so far, as the customer saw it, with the claim's status. */
export function transcriptMail(
  claim: Claim,
  policy: Policy,
  transcript: TranscriptEntry[],
  link: ResumeLink | null,
  timeZone: string,
): ComposedMail {
  const when = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const all = transcript
    .filter((entry) => entry.text || entry.attachments.length)
    .map((entry) => ({
      who: entry.from === 'customer' ? 'You' : entry.from === 'agent' ? `${policy.brand} Support` : `${policy.brand} assistant`,
      when: when.format(new Date(entry.timestamp)),
      text: [
        // the customer's own words carry no links (customerWords.ts); ours and the agents' are kept
        entry.from === 'customer' ? customerWords(entry.text ?? '', MAX_LINE_CHARS) : (entry.text ?? '').slice(0, MAX_LINE_CHARS),
        ...entry.attachments.map((a) => `[file: ${customerWords(a.name ?? a.contentType ?? 'attachment', 100)}]`),
      ]
        .filter(Boolean)
        .join('\n'),
    }));
  const lines = newestWithin(all, MAX_CHARS);
  return renderMail({
    brand: policy.brand,
    subject: `Your conversation with ${policy.brand} support`,
    paragraphs: [
      `Here is your conversation with ${policy.brand} support, as you asked.${lines.length < all.length ? ' (Only the latest messages fit in an email.)' : ''}`,
      claim.rmaNumber ? `Your RMA number is ${claim.rmaNumber}.` : `Your claim reference is ${claim.id}.`,
    ],
    transcript: lines,
    link,
    footer: customerFooter(policy),
  });
}

/** The newest lines whose text fits in `budget` characters, in their order. */
function newestWithin<T extends { text: string }>(lines: T[], budget: number): T[] {
  let left = budget;
  let first = lines.length;
  while (first > 0 && left - lines[first - 1].text.length >= 0) left -= lines[--first].text.length;
  return lines.slice(first);
}
