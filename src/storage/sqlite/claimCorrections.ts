import type { ClaimCorrection, ClaimCorrections, DateCorrectionLabel } from '../claimCorrections';
import { isPurchaseDateField } from '../claimStats';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

export class SqliteClaimCorrections implements ClaimCorrections {
  private readonly insertStmt;
  private readonly ofStmt;
  private readonly labelsStmt;
  private readonly inPeriodStmt;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO claim_corrections (claim_id, field, old_value, new_value, agent, at, customer_words) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.ofStmt = db.prepare(
      `SELECT claim_id AS claimId, field, old_value AS oldValue, new_value AS newValue, agent, at, customer_words AS customerWords
         FROM claim_corrections WHERE claim_id = ? ORDER BY id`,
    );
    this.labelsStmt = db.prepare(
      `SELECT k.id, k.customer_words AS customerWords, k.new_value AS correctedDate, c.created_at AS claimCreatedAt,
              json_extract(c.data, '$.timeZone') AS timeZone, json_extract(c.data, '$.customer.name') AS customerName,
              c.channel, c.conversation_id AS conversationId
         FROM claim_corrections k JOIN claims c ON c.id = k.claim_id
        WHERE ${isPurchaseDateField('k.field')} AND k.customer_words IS NOT NULL AND k.customer_words <> '' AND k.new_value IS NOT NULL
        ORDER BY k.id`,
    );
    this.inPeriodStmt = db.prepare(
      `SELECT k.claim_id AS claimId, k.field, k.old_value AS oldValue, k.new_value AS newValue, k.agent, k.at, k.customer_words AS customerWords
         FROM claim_corrections k JOIN claims c ON c.id = k.claim_id
        WHERE ${isPurchaseDateField('k.field')} AND c.created_at >= ? AND c.created_at < ?
        ORDER BY k.id DESC LIMIT ?`,
    );
  }

  async record(c: ClaimCorrection): Promise<void> {
    this.commits.join();
    this.insertStmt.run(c.claimId, c.field, c.oldValue, c.newValue, c.agent, c.at, c.customerWords);
  }

  async of(claimId: string): Promise<ClaimCorrection[]> {
    return this.ofStmt.all(claimId) as ClaimCorrection[];
  }

  async datesCorrectedIn(fromIso: string, toIso: string, limit: number): Promise<ClaimCorrection[]> {
    return this.inPeriodStmt.all(fromIso, toIso, limit) as ClaimCorrection[];
  }

  async dateLabels(): Promise<DateCorrectionLabel[]> {
    const rows = this.labelsStmt.all() as (Omit<DateCorrectionLabel, 'conversation'> & { channel: string; conversationId: string })[];
    return rows.map(({ channel, conversationId, ...label }) => ({ ...label, conversation: { channel, id: conversationId } }));
  }
}
