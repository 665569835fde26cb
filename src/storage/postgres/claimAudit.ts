import { type AuditEntry, type ChatRow, type ClaimAudit, durationsOf, RECENT_CHATS_SQL } from '../claimAudit';
import type { PgDatabase } from './pgDatabase';

/** The claim_audit table: one row per status change, in the same transaction as the claim's own write. */
export class PgClaimAudit implements ClaimAudit {
  constructor(private readonly db: PgDatabase) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.write(
      'INSERT INTO claim_audit (claim_id, from_status, to_status, action, actor_kind, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [entry.claimId, entry.from, entry.to, entry.action, entry.actorKind, entry.actorId, entry.at],
      'audit_insert',
    );
  }

  async of(claimId: string): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<AuditEntry>(
      'SELECT claim_id AS "claimId", from_status AS "from", to_status AS "to", action, actor_kind AS "actorKind", actor_id AS "actorId", at FROM claim_audit WHERE claim_id = $1 ORDER BY id',
      [claimId],
    );
    return rows;
  }

  async recentChatDurations(since: string, limit: number): Promise<number[]> {
    const { rows } = await this.db.query<ChatRow>(RECENT_CHATS_SQL('$1', '$2'), [since, limit], 'audit_recent_chats');
    return durationsOf(rows);
  }
}
