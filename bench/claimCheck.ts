import * as path from 'node:path';
import Database from 'better-sqlite3';

/**
 * After the restart, an unfinished claim resumed when the answer sent after the restart was
 * taken as the answer to its pending question: the claim now has its proof type.
 */
export async function countResumed(dataDir: string, conversations: string[]): Promise<number> {
  const db = new Database(path.join(dataDir, 'warranty.sqlite'), { readonly: true });
  const stmt = db.prepare('SELECT data FROM claims WHERE conversation_id = ? ORDER BY created_at DESC LIMIT 1');
  let resumed = 0;
  for (const id of conversations) {
    const row = stmt.get(id) as { data: string } | undefined;
    const claim = row ? JSON.parse(row.data) : null;
    if (claim && claim.status === 'in_progress' && claim.proof.type === 'receipt' && claim.purchase.date) resumed++;
  }
  db.close();
  return resumed;
}

/** How many claims the database holds. */
export function countClaims(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'warranty.sqlite'), { readonly: true });
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM claims').get() as { n: number };
  db.close();
  return Math.max(1, n);
}
