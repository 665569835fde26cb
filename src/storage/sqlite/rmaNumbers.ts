import { formatRmaNumber, type RmaNumbers } from '../rmaNumbers';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

/**
 * RMA numbers from a sequence per year. SQLite has no sequences: a row per year in
 * `rma_sequence` holds the next number, taken and advanced by one statement in the same
 * transaction as the number's own row, so two claims never get the same one (a network
 * database would use a real sequence). MAX(seq)+1 would hand a number out again once its
 * row was gone; the sequence only moves forward.
 */
export class SqliteRmaNumbers implements RmaNumbers {
  private readonly issueOnce;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    const issuedFor = db.prepare('SELECT number FROM rma_numbers WHERE claim_id = ?');
    const nextSeq = db.prepare(
      'INSERT INTO rma_sequence (year, next) VALUES (?, 2) ON CONFLICT (year) DO UPDATE SET next = next + 1 RETURNING next - 1 AS seq',
    );
    const insert = db.prepare('INSERT INTO rma_numbers (number, year, seq, claim_id, issued_at) VALUES (?, ?, ?, ?, ?)');
    this.issueOnce = db.transaction((claimId: string, now: Date): string => {
      const existing = issuedFor.get(claimId) as { number: string } | undefined;
      if (existing) return existing.number;
      const year = now.getUTCFullYear();
      const { seq } = nextSeq.get(year) as { seq: number };
      const number = formatRmaNumber(year, seq);
      insert.run(number, year, seq, claimId, now.toISOString());
      return number;
    });
  }

  async issue(claimId: string, now: Date): Promise<string> {
    this.commits.join();
    return this.issueOnce(claimId, now);
  }
}
