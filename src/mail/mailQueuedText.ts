import type { MailQueued } from './customerMail';

/** What the customer is told about a mail they asked for: where it went, or why it did not. */
export function mailQueuedText(result: MailQueued, what: string): string {
  if (result.queued)
    return `Done — I've sent ${what} to ${result.to}.${result.linked ? ' The email has a link that brings you back to this chat.' : ''}`;
  switch (result.why) {
    case 'bounced':
      return `Sorry — email to that address came back as undeliverable before, so I can't send ${what} there.`;
    case 'too_many':
      return `Sorry — I can't send more email from this chat right now. Please try again in an hour.`;
    case 'invalid_address':
      return `Sorry — that doesn't look like an email address I can send to.`;
    default:
      return `Sorry — I don't have an email address to send ${what} to.`;
  }
}
