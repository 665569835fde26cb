import type { Claim } from '../../domain/claim';
import type { Policy } from '../../domain/policy';
import type { TranscriptEntry } from '../../storage/transcriptRepository';
import { customerFooter, type ResumeLink } from './customerFooter';
import { type ComposedMail, renderMail } from './mailLayout';

/** Mail grows no bigger than this much conversation: the newest lines are kept. */
const MAX_LINES = 400;
const MAX_LINE_CHARS = 4000;

/** The conversation so far, as the customer saw it, with the claim's status. */
export function transcriptMail(
  claim: Claim,
  policy: Policy,
  transcript: TranscriptEntry[],
  link: ResumeLink | null,
  timeZone: string,
): ComposedMail {
  const when = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const lines = transcript
    .filter((entry) => entry.text || entry.attachments.length)
    .slice(-MAX_LINES)
    .map((entry) => ({
      who: entry.from === 'customer' ? 'You' : entry.from === 'agent' ? `${policy.brand} Support` : `${policy.brand} assistant`,
      when: when.format(new Date(entry.timestamp)),
      text: [
        (entry.text ?? '').slice(0, MAX_LINE_CHARS),
        ...entry.attachments.map((a) => `[file: ${a.name ?? a.contentType ?? 'attachment'}]`),
      ]
        .filter(Boolean)
        .join('\n'),
    }));
  return renderMail({
    brand: policy.brand,
    subject: `Your conversation with ${policy.brand} support`,
    paragraphs: [
      `Here is your conversation with ${policy.brand} support, as you asked.`,
      claim.rmaNumber ? `Your RMA number is ${claim.rmaNumber}.` : `Claim reference: ${claim.id}.`,
    ],
    transcript: lines,
    link,
    footer: customerFooter(policy),
  });
}
