import type { ProofFileRow, ProofFileStore } from '../proofFileStore';
import type { PgDatabase } from './pgDatabase';

/** Proof-of-purchase files, bytes and all, in their rows: every instance reads the same files, no disk is shared. */
export class PgProofFileStore implements ProofFileStore {
  readonly bytesInRow = Number.POSITIVE_INFINITY;

  constructor(private readonly db: PgDatabase) {}

  async insert(row: ProofFileRow): Promise<void> {
    if (!row.data) throw new Error('PostgreSQL keeps every proof file in its row');
    await this.db.query(
      'INSERT INTO attachments (id, claim_id, name, content_type, size, sha256, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [row.id, row.claimId, row.name, row.contentType, row.size, row.sha256, row.data, row.createdAt],
      { keepParameters: true },
    );
  }

  async find(id: string): ReturnType<ProofFileStore['find']> {
    const { rows } = await this.db.query<{ data: Buffer; name: string; contentType: string; claimId: string }>(
      'SELECT data, name, content_type AS "contentType", claim_id AS "claimId" FROM attachments WHERE id = $1',
      [id],
    );
    return rows[0] ? { ...rows[0], file: null } : null;
  }

  async storedBefore(cutoff: Date, limit: number): Promise<Pick<ProofFileRow, 'id' | 'file'>[]> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM attachments WHERE created_at < $1 LIMIT $2', [
      cutoff.toISOString(),
      limit,
    ]);
    return rows.map((r) => ({ id: r.id, file: null }));
  }

  async delete(ids: string[]): Promise<void> {
    await this.db.query('DELETE FROM attachments WHERE id = ANY($1)', [ids]);
  }
}
