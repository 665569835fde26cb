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
   * How long the last `limit` chats with a person that ended at or after `since` lasted, in ms, newest
   * first: from a person taking the waiting claim (accept, assignment or take-over) to the chat leaving
   * the agents (resolved, closed, returned to the bot or to the queue). A transfer passes the chat on
   * and ends nothing: the chat's seat time counts across both agents.
   */
  recentChatDurations(since: string, limit: number): Promise<number[]>;
}

/** A chat's start (taken from the queue) and end (left the agents): both stores' query rows. */
export interface ChatRow {
  started: string | null;
  ended: string;
}

/** The durations of those rows, in ms; a row without its start (the audit trail began meanwhile) says nothing. */
export const durationsOf = (rows: readonly ChatRow[]): number[] =>
  rows.filter((r) => r.started !== null).map((r) => Date.parse(r.ended) - Date.parse(r.started as string));

/**
 * The query behind `recentChatDurations`, the same in both stores but for the placeholders: the
 * partial index `claim_audit_chat_ended` holds exactly the rows of chats leaving the agents, by time,
 * and the chat's start, the claim's last taking from the queue before each, is found through
 * `claim_audit_claim` (claim_id, id).
 */
export const RECENT_CHATS_SQL = (since: string, limit: string) =>
  `SELECT (SELECT s.at FROM claim_audit s WHERE s.claim_id = e.claim_id AND s.id < e.id AND s.from_status = 'pending_agent' AND s.to_status = 'with_agent' ORDER BY s.id DESC LIMIT 1) AS started,
          e.at AS ended
     FROM claim_audit e
    WHERE e.from_status = 'with_agent' AND e.to_status <> 'with_agent' AND e.at >= ${since}
    ORDER BY e.at DESC LIMIT ${limit}`;
