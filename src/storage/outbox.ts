import type { Page, PageCursor } from './claimRepository';

/** What a mail is for: the claim's decision, the conversation's transcript, or an agent's answer. */
export type MailKind = 'decision' | 'transcript' | 'agent_reply';
/** `waiting`: not sent yet (first try, or a retry after a temporary failure); `sent`; `failed`: given up (why in lastError). */
export type MailStatus = 'waiting' | 'sent' | 'failed';

/** A mail to queue. Who asked for it decides the abuse limits: `customer` addresses were typed by an anonymous visitor. */
export interface NewMail {
  kind: MailKind;
  /** The claim it is about (every mail today is about one), and its conversation's `keyText`. */
  claimId: string;
  conversation: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `customer` (the customer asked, or typed the address), `bot` (a decision mail to a known address) or `agent:<username>`. */
  requestedBy: string;
}

export interface OutboxEntry extends NewMail {
  id: string;
  status: MailStatus;
  /** Sending attempts made so far. */
  attempts: number;
  /** When it is (next) due; null once sent or failed. */
  nextAttemptAt: string | null;
  /** The last failure, in words an agent can act on (the SMTP server's answer, or the connection error). */
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/**
 * Mail waiting to go out, kept with everything else: a mail queued in a turn is committed with
 * the turn (never sent for a turn that was rolled back), and one that could not be sent yet
 * survives a restart and a mail server that is down. Suppressed addresses are compared in lower case.
 */
export interface Outbox {
  /** Queues a mail, due now; joins the current unit of work. */
  add(mail: NewMail, now: string): Promise<OutboxEntry>;
  /**
   * Takes up to `limit` waiting mails due at `now` for sending, oldest due first, counting the
   * attempt and holding each until `holdUntil`: another instance (or this one after a crash)
   * takes it again only after that. Committed before it returns.
   */
  takeDue(now: string, holdUntil: string, limit: number): Promise<OutboxEntry[]>;
  /*
   * The sender's outcomes (markSent, markRetry, markFailed, release, suppress) run outside any unit of work and
   * are committed before they return, like takeDue. A retry or a failure changes only a mail still
   * waiting: another instance may have sent it once this one's hold ran out.
   */
  markSent(id: string, at: string): Promise<void>;
  /** A temporary failure: due again at `nextAttemptAt`. */
  markRetry(id: string, nextAttemptAt: string, error: string): Promise<void>;
  /** Given up: a permanent failure, or too many temporary ones. */
  markFailed(id: string, error: string): Promise<void>;
  /**
   * An agent sends a failed mail again: waiting, due at `now`, its attempts counted from 0 again (the
   * sender gives up after a number of attempts); its last error stays until the next outcome. Joins
   * the current unit of work. False when it was not failed.
   */
  retry(id: string, now: string): Promise<boolean>;
  /**
   * Holds a mailbox's counting lock until the current unit of work ends, so that two units that
   * count a mailbox's mails before adding one take turns (PostgreSQL: a transaction advisory lock —
   * the second counts once the first has committed). SQLite: nothing to hold, its one connection
   * sees a pending write at once (the caller takes turns in the process).
   */
  lockMailbox(mailbox: string): Promise<void>;
  /** Mails queued since `since` to an address's mailbox (src/domain/emailAddress.ts mailboxKey: any case, +tag or spelling), or for a conversation, optionally only those `requestedBy`. */
  countSince(filter: { to?: string; conversation?: string; requestedBy?: string }, since: string): Promise<number>;
  /** Newest first, one page after `cursor`, optionally of one status or one claim. */
  page(filter: { status?: MailStatus; claimId?: string }, limit: number, cursor: PageCursor | null): Promise<Page<OutboxEntry>>;
  get(id: string): Promise<OutboxEntry | null>;
  /**
   * A mail handed back untried: taken, but its batch ran out of time before it reached the mail
   * server. Its attempt is not counted and it is due again at `now`, as if it had never been taken;
   * only while it is still waiting and held as `heldUntil` (the hold it was taken with: once that
   * ran out, another instance may have taken it). Committed before it returns, like takeDue.
   */
  release(id: string, heldUntil: string, now: string): Promise<void>;
  /**
   * Deletes mails sent or given up before `cutoff` (their bodies hold what customers wrote, and
   * the limits look back an hour only); returns how many went. Waiting mails are kept.
   */
  deleteDoneBefore(cutoff: Date): Promise<number>;
  /** How many mails are waiting. */
  pending(): Promise<number>;
  /** How many mails were given up on (status `failed`, not yet retried or swept): for operators to alert on. */
  failed(): Promise<number>;
  /**
   * The mail server said this mailbox does not exist: nothing is sent to it for SUPPRESSION_DAYS
   * from `at`. A new bounce starts the period again. Committed before it returns.
   */
  suppress(address: string, reason: string, at: string): Promise<void>;
  /** Whether an address is suppressed now (the store's clock): a suppression older than SUPPRESSION_DAYS no longer counts. */
  isSuppressed(address: string): Promise<boolean>;
  /** The suppressions in force now, newest first, one page after `cursor`. */
  listSuppressions(limit: number, cursor: PageCursor | null): Promise<Page<Suppression>>;
  /** An admin lifts a suppression: mail may go to that address again. False when none was in force. Joins the current unit of work. */
  liftSuppression(address: string): Promise<boolean>;
}

/**
 * How long a bounce keeps mail from an address. Not for ever: a mailbox that did not exist may be
 * created later, and providers give abandoned addresses to someone else (recycled addresses).
 */
export const SUPPRESSION_DAYS = 90;

/** An address nothing is sent to, why (the mail server's answer), since when and until when. */
export interface Suppression {
  address: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
}

/** When a suppression made at `createdAt` ends. */
export const suppressionEnds = (createdAt: string): string => new Date(Date.parse(createdAt) + SUPPRESSION_DAYS * 86_400_000).toISOString();

/** Suppressions made after this are in force at `now`. */
export const suppressionsSince = (now: Date): string => new Date(now.getTime() - SUPPRESSION_DAYS * 86_400_000).toISOString();
