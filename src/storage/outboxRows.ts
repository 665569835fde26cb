import type { MailKind, MailStatus, OutboxEntry } from './outbox';

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

/** Times are compared as text: every one is stored in the same ISO form (a bad one is the caller's bug, and throws). */
export const isoTime = (time: string): string => new Date(time).toISOString();
