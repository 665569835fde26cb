import type { ClaimNote, ClaimNotes } from '../claimNotes';
import type { Page, PageCursor } from '../claimRepository';
import type { PgDatabase } from './pgDatabase';

export class PgClaimNotes implements ClaimNotes {
  constructor(private readonly db: PgDatabase) {}

  async add(claimId: string, note: ClaimNote): Promise<void> {
    await this.db.write('INSERT INTO claim_notes (claim_id, author, text, created_at) VALUES ($1, $2, $3, $4)', [
      claimId,
      note.author,
      note.text,
      note.createdAt,
    ]);
  }

  async page(claimId: string, limit: number, cursor: PageCursor | null): Promise<Page<ClaimNote>> {
    const total = Number(
      (await this.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM claim_notes WHERE claim_id = $1', [claimId])).rows[0].n,
    );
    const { rows } = await this.db.query<{ id: string } & ClaimNote>(
      'SELECT id, author, text, created_at AS "createdAt" FROM claim_notes WHERE claim_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [claimId, cursor?.rowid ?? 0, limit + 1],
    );
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      items: shown.map(({ id: _id, ...note }) => note),
      next: rows.length > limit && last ? { key: '', rowid: Number(last.id) } : null,
      total,
    };
  }
}
