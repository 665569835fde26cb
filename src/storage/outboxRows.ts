import { randomUUID } from 'node:crypto';
import type { PageCursor } from './claimRepository';
import { type MailKind, type MailStatus, type NewMail, type OutboxEntry, type Suppression, suppressionEnds } from './outbox';

/** The columns of `mail_outbox` both stores read, in one list so that their rows look alike. */
export const OUTBOX_COLUMNS =
  'id, claim_id, conversation, kind, to_address, subject, text, html, requested_by, status, attempts, next_attempt_at, last_error, created_at, sent_at';

/** A row as read; `seq` is its place in the order mails were queued (SQLite's rowid, PostgreSQL's identity). */
export interface OutboxRow {
  seq: number | string;
  id: string;
  claim_id: string;
  conversation: string;
  kind: MailKind;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  requested_by: string;
  status: MailStatus;
  attempts: number | string;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export function entryOf(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    kind: row.kind,
    claimId: row.claim_id,
    conversation: row.conversation,
    to: row.to_address,
    subject: row.subject,
    text: row.text,
    html: row.html,
    requestedBy: row.requested_by,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** A mail just queued: waiting, due at once, with a server-chosen id. */
export function newEntry(mail: NewMail, now: string): OutboxEntry {
  const at = isoTime(now);
  return { ...mail, id: randomUUID(), status: 'waiting', attempts: 0, nextAttemptAt: at, lastError: null, createdAt: at, sentAt: null };
}

/** Times are compared as text: every one is stored in the same ISO form (a bad one is the caller's bug, and throws). */
export const isoTime = (time: string): string => new Date(time).toISOString();

/** A row of `mail_suppressions`. */
export interface SuppressionRow {
  address: string;
  reason: string;
  created_at: string;
}

export const suppressionOf = (row: SuppressionRow): Suppression => ({
  address: row.address,
  reason: row.reason,
  createdAt: row.created_at,
  expiresAt: suppressionEnds(row.created_at),
});

/**
 * Where a page of suppressions ends: the table has no row number of its own (the address is its key),
 * so the cursor's key holds both sort columns, apart by a line break (neither a time nor an address
 * we send to holds one); its rowid is unused.
 */
export const suppressionCursor = (row: SuppressionRow): PageCursor => ({ key: `${row.created_at}\n${row.address}`, rowid: 0 });

/** The sort columns in a cursor (one a client made up only compares as text: it widens nothing). */
export function suppressionsAfter(cursor: PageCursor): { createdAt: string; address: string } {
  const cut = cursor.key.indexOf('\n');
  return cut < 0 ? { createdAt: cursor.key, address: '' } : { createdAt: cursor.key.slice(0, cut), address: cursor.key.slice(cut + 1) };
}
