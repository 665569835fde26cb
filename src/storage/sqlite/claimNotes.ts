import type { ClaimNote, ClaimNotes } from '../claimNotes';
import type { Page, PageCursor } from '../claimRepository';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

export class SqliteClaimNotes implements ClaimNotes {
  private readonly insertStmt;
  private readonly countStmt;
  private readonly pageStmt;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.insertStmt = db.prepare('INSERT INTO claim_notes (claim_id, author, text, created_at) VALUES (?, ?, ?, ?)');
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM claim_notes WHERE claim_id = ?');
    this.pageStmt = db.prepare(
      'SELECT id, author, text, created_at AS createdAt FROM claim_notes WHERE claim_id = ? AND id > ? ORDER BY id LIMIT ?',
    );
  }

  async add(claimId: string, note: ClaimNote): Promise<void> {
    this.commits.join();
    this.insertStmt.run(claimId, note.author, note.text, note.createdAt);
  }

  async page(claimId: string, limit: number, cursor: PageCursor | null): Promise<Page<ClaimNote>> {
    const total = (this.countStmt.get(claimId) as { n: number }).n;
    const rows = this.pageStmt.all(claimId, cursor?.rowid ?? 0, limit + 1) as ({ id: number } & ClaimNote)[];
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      items: shown.map(({ id: _id, ...note }) => note),
      next: rows.length > limit && last ? { key: '', rowid: last.id } : null,
      total,
    };
  }
}
