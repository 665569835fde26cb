import type { TokenRevocations, TokenStanding } from '../tokenRevocations';
import type { PgDatabase } from './pgDatabase';

/** Revoked agent tokens, checked on every use: a sign-out on one instance is refused by all at once. */
export class PgTokenRevocations implements TokenRevocations {
  constructor(private readonly db: PgDatabase) {}

  async revoke(tokenId: string, expiresAt: Date): Promise<void> {
    await this.db.query('INSERT INTO revoked_tokens (token_id, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      tokenId,
      expiresAt.toISOString(),
    ]);
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM revoked_tokens WHERE token_id = $1', [tokenId], 'revoked_find');
    return rows.length > 0;
  }

  async standing(tokenId: string, username: string): Promise<TokenStanding> {
    const { rows } = await this.db.query<{ revoked: boolean; role: string | null; generation: number | null }>(
      `SELECT EXISTS (SELECT 1 FROM revoked_tokens WHERE token_id = $1) AS revoked, a.role, a.token_generation AS generation
         FROM (SELECT 1) one LEFT JOIN agents a ON a.username = $2 AND a.disabled_at IS NULL`,
      [tokenId, username],
      'token_standing',
    );
    const row = rows[0];
    return { revoked: Boolean(row?.revoked), account: row?.role ? { role: row.role, generation: Number(row.generation) } : null };
  }
}
