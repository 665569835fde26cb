import { type AuditEntry, type ChatRow, type ClaimAudit, durationsOf, RECENT_CHATS_SQL } from '../claimAudit';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

/** The claim_audit table: one row per status change, in the same commit as the claim's own write. */
export class SqliteClaimAudit implements ClaimAudit {
  private readonly insertStmt;
  private readonly ofStmt;
  private readonly recentChatsStmt;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO claim_audit (claim_id, from_status, to_status, action, actor_kind, actor_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.ofStmt = db.prepare(
      'SELECT claim_id AS claimId, from_status AS "from", to_status AS "to", action, actor_kind AS actorKind, actor_id AS actorId, at FROM claim_audit WHERE claim_id = ? ORDER BY id',
    );
    this.recentChatsStmt = db.prepare(RECENT_CHATS_SQL('?', '?'));
  }

  async record(entry: AuditEntry): Promise<void> {
    this.commits.join();
    this.insertStmt.run(entry.claimId, entry.from, entry.to, entry.action, entry.actorKind, entry.actorId, entry.at);
  }

  async of(claimId: string): Promise<AuditEntry[]> {
    return this.ofStmt.all(claimId) as AuditEntry[];
  }

  async recentChatDurations(since: string, limit: number): Promise<number[]> {
    return durationsOf(this.recentChatsStmt.all(since, limit) as ChatRow[]);
  }
}
