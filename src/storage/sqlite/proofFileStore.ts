import { IN_DATABASE_BYTES } from '../../attachments/proofUploads';
import type { ProofFileRow, ProofFileStore } from '../proofFileStore';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

export class SqliteProofFileStore implements ProofFileStore {
  readonly bytesInRow = IN_DATABASE_BYTES;
  private readonly insertStmt;
  private readonly findStmt;
  private readonly storedBeforeStmt;
  private readonly deleteStmt;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO attachments (id, claim_id, name, content_type, size, sha256, file, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.findStmt = db.prepare('SELECT file, data, name, content_type AS contentType, claim_id AS claimId FROM attachments WHERE id = ?');
    this.storedBeforeStmt = db.prepare('SELECT id, file FROM attachments WHERE created_at < ? LIMIT ?');
    this.deleteStmt = db.prepare('DELETE FROM attachments WHERE id = ?');
  }

  async insert(row: ProofFileRow): Promise<void> {
    this.commits.join();
    this.insertStmt.run(row.id, row.claimId, row.name, row.contentType, row.size, row.sha256, row.file, row.data, row.createdAt);
  }

  async find(id: string): ReturnType<ProofFileStore['find']> {
    return (this.findStmt.get(id) as Awaited<ReturnType<ProofFileStore['find']>> | undefined) ?? null;
  }

  async storedBefore(cutoff: Date, limit: number): Promise<Pick<ProofFileRow, 'id' | 'file'>[]> {
    return this.storedBeforeStmt.all(cutoff.toISOString(), limit) as Pick<ProofFileRow, 'id' | 'file'>[];
  }

  async delete(ids: string[]): Promise<void> {
    this.commits.join();
    for (const id of ids) this.deleteStmt.run(id);
  }
}
