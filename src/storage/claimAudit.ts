import type { ClaimStatus } from '../domain/claim';

export interface AuditEntry {
  claimId: string;
  from: ClaimStatus;
  to: ClaimStatus;
  action: string;
  actorKind: string;
  actorId: string | null;
  at: string;
}

/** Every status change of a claim and who made it, written in the same commit as the claim. */
export interface ClaimAudit {
  record(entry: AuditEntry): Promise<void>;
  /** A claim's status changes, oldest first. */
  of(claimId: string): Promise<AuditEntry[]>;
  /**
   * How long the customers waited, in ms, in the last `limit` times a person took a waiting claim
   * (accepted, assigned or taken over) at or after `since`, newest first: from the claim's hand-off
   * (or its return to the queue) to that moment.
   */
  recentWaits(since: string, limit: number): Promise<number[]>;
}

/** A claim leaving the queue to a person, and when it had joined the queue: both stores' query rows. */
export interface TakenRow {
  queued: string | null;
  taken: string;
}

/** The waits of those rows, in ms; a row without its hand-off (never expected) says nothing. */
export const waitsOf = (rows: readonly TakenRow[]): number[] =>
  rows.filter((r) => r.queued !== null).map((r) => Date.parse(r.taken) - Date.parse(r.queued as string));

/**
 * The query behind `recentWaits`, the same in both stores but for the placeholders: the partial
 * index `claim_audit_taken` holds exactly the rows of claims leaving the queue to a person, and the
 * claim's last arrival in the queue before each is found through `claim_audit_claim`.
 */
export const RECENT_WAITS_SQL = (since: string, limit: string) =>
  `SELECT (SELECT q.at FROM claim_audit q WHERE q.claim_id = a.claim_id AND q.id < a.id AND q.to_status = 'pending_agent' ORDER BY q.id DESC LIMIT 1) AS queued,
          a.at AS taken
     FROM claim_audit a
    WHERE a.from_status = 'pending_agent' AND a.to_status = 'with_agent' AND a.at >= ${since}
    ORDER BY a.at DESC LIMIT ${limit}`;
