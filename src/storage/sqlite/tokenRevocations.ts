import type { TokenRevocations, TokenStanding } from '../tokenRevocations';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

export class SqliteTokenRevocations implements TokenRevocations {
  private readonly insertStmt;
  private readonly findStmt;
  private readonly standingStmt;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.insertStmt = db.prepare('INSERT OR IGNORE INTO revoked_tokens (token_id, expires_at) VALUES (?, ?)');
    this.findStmt = db.prepare('SELECT 1 FROM revoked_tokens WHERE token_id = ?');
    this.standingStmt = db.prepare(
      `SELECT EXISTS (SELECT 1 FROM revoked_tokens WHERE token_id = ?) AS revoked, a.role, a.token_generation AS generation
         FROM (SELECT 1) LEFT JOIN agents a ON a.username = ? AND a.disabled_at IS NULL`,
    );
  }

  async revoke(tokenId: string, expiresAt: Date): Promise<void> {
    this.commits.join();
    this.insertStmt.run(tokenId, expiresAt.toISOString());
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    return this.findStmt.get(tokenId) !== undefined;
  }

  async standing(tokenId: string, username: string): Promise<TokenStanding> {
    const row = this.standingStmt.get(tokenId, username) as { revoked: number; role: string | null; generation: number | null };
    return { revoked: row.revoked === 1, account: row.role === null ? null : { role: row.role, generation: Number(row.generation) } };
  }
}
