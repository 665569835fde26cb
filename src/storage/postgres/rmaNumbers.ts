import { formatRmaNumber, type RmaNumbers } from '../rmaNumbers';
import type { PgDatabase } from './pgDatabase';

/**
 * RMA numbers from a counter row per year, taken and advanced by one statement together with the
 * number's own row: the row's lock makes two instances deciding at once take different numbers,
 * and a claim that already has one keeps it (its unique claim_id). Per year, because the number
 * says its year (RMA-2026-000123); a PostgreSQL SEQUENCE cannot start over each January.
 */
export class PgRmaNumbers implements RmaNumbers {
  constructor(private readonly db: PgDatabase) {}

  async issue(claimId: string, now: Date): Promise<string> {
    const existing = await this.db.query<{ number: string }>(
      'SELECT number FROM rma_numbers WHERE claim_id = $1',
      [claimId],
      'rma_of_claim',
    );
    if (existing.rows[0]) return existing.rows[0].number;
    const year = now.getUTCFullYear();
    const { rows } = await this.db.query<{ seq: number }>(
      `WITH taken AS (
         INSERT INTO rma_sequence (year, next) VALUES ($1, 2)
         ON CONFLICT (year) DO UPDATE SET next = rma_sequence.next + 1
         RETURNING next - 1 AS seq)
       INSERT INTO rma_numbers (number, year, seq, claim_id, issued_at)
       SELECT $2 || CASE WHEN seq < 1000000 THEN lpad(seq::text, 6, '0') ELSE seq::text END, $1, seq, $3, $4 FROM taken
       ON CONFLICT (claim_id) DO NOTHING
       RETURNING seq`,
      [year, `RMA-${year}-`, claimId, now.toISOString()],
      'rma_issue',
    );
    if (rows[0]) return formatRmaNumber(year, rows[0].seq);
    // another instance issued this claim's number between our two statements: it is the one
    const again = await this.db.query<{ number: string }>('SELECT number FROM rma_numbers WHERE claim_id = $1', [claimId], 'rma_of_claim');
    return again.rows[0].number;
  }
}
