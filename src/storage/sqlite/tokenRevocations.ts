import type { TokenRevocations } from '../tokenRevocations';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

export class SqliteTokenRevocations implements TokenRevocations {
  private readonly insertStmt;
  private readonly findStmt;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.insertStmt = db.prepare('INSERT OR IGNORE INTO revoked_tokens (token_id, expires_at) VALUES (?, ?)');
    this.findStmt = db.prepare('SELECT 1 FROM revoked_tokens WHERE token_id = ?');
  }

  async revoke(tokenId: string, expiresAt: Date): Promise<void> {
    this.commits.join();
    this.insertStmt.run(tokenId, expiresAt.toISOString());
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    return this.findStmt.get(tokenId) !== undefined;
  }
}
