import type { ClaimCorrection, ClaimCorrections, DateCorrectionLabel } from '../claimCorrections';
import { isPurchaseDateField } from '../claimStats';
import type { PgDatabase } from './pgDatabase';

export class PgClaimCorrections implements ClaimCorrections {
  constructor(private readonly db: PgDatabase) {}

  async record(c: ClaimCorrection): Promise<void> {
    await this.db.write(
      'INSERT INTO claim_corrections (claim_id, field, old_value, new_value, agent, at, customer_words) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [c.claimId, c.field, c.oldValue, c.newValue, c.agent, c.at, c.customerWords],
    );
  }

  async of(claimId: string): Promise<ClaimCorrection[]> {
    const { rows } = await this.db.query<ClaimCorrection>(
      `SELECT claim_id AS "claimId", field, old_value AS "oldValue", new_value AS "newValue", agent, at, customer_words AS "customerWords"
         FROM claim_corrections WHERE claim_id = $1 ORDER BY id`,
      [claimId],
    );
    return rows;
  }

  async datesCorrectedIn(fromIso: string, toIso: string, limit: number): Promise<ClaimCorrection[]> {
    const { rows } = await this.db.query<ClaimCorrection>(
      `SELECT k.claim_id AS "claimId", k.field, k.old_value AS "oldValue", k.new_value AS "newValue", k.agent, k.at,
              k.customer_words AS "customerWords"
         FROM claim_corrections k JOIN claims c ON c.id = k.claim_id
        WHERE ${isPurchaseDateField('k.field')} AND c.created_at >= $1 AND c.created_at < $2
        ORDER BY k.id DESC LIMIT $3`,
      [fromIso, toIso, limit],
    );
    return rows;
  }

  async dateLabels(): Promise<DateCorrectionLabel[]> {
    const { rows } = await this.db.query<
      Omit<DateCorrectionLabel, 'conversation' | 'id'> & { id: string; channel: string; conversationId: string }
    >(
      `SELECT k.id, k.customer_words AS "customerWords", k.new_value AS "correctedDate", c.created_at AS "claimCreatedAt",
              c.data ->> 'timeZone' AS "timeZone", c.data -> 'customer' ->> 'name' AS "customerName",
              c.channel, c.conversation_id AS "conversationId"
         FROM claim_corrections k JOIN claims c ON c.id = k.claim_id
        WHERE ${isPurchaseDateField('k.field')} AND k.customer_words IS NOT NULL AND k.customer_words <> '' AND k.new_value IS NOT NULL
        ORDER BY k.id`,
      [],
    );
    return rows.map(({ channel, conversationId, ...r }) => ({ ...r, id: Number(r.id), conversation: { channel, id: conversationId } }));
  }
}
