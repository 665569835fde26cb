import type { MailKind } from '../storage/outbox';

/** One mail as it leaves: its outbox id (the same Message-ID on every attempt), the recipient and the content. */
export interface OutgoingMail {
  id: string;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * How one attempt went. `permanent`: the same mail would be refused again (the mail server said so
 * with a 5xx); otherwise it is tried again later. `recipientRefused`: the server said the mailbox
 * does not exist — the address is suppressed (nothing is sent to it for SUPPRESSION_DAYS). `reason`
 * is for agents: what happened, in words.
 */
export type SendOutcome = { ok: true } | { ok: false; permanent: boolean; recipientRefused: boolean; reason: string };

/** Where mail leaves the server (SMTP in production: smtpTransport.ts). The outbox sender knows nothing more of it. */
export interface MailTransport {
  /** Hands one mail to the mail server; never rejects. `signal` abandons the attempt (a temporary failure). */
  send(mail: OutgoingMail, signal?: AbortSignal): Promise<SendOutcome>;
  /** Closes its connections once the mails under way are done. */
  close(): Promise<void>;
}
