import type { Clock } from '../../clock';
import { mailboxKey } from '../../domain/emailAddress';

/** The advisory-lock key space of mailbox counts (any fixed number). */
const MAILBOX_LOCKS = 727_019;

import type { Page, PageCursor } from '../claimRepository';
import { type MailStatus, type NewMail, type Outbox, type OutboxEntry, type Suppression, suppressionsSince } from '../outbox';
import {
  entryOf,
  isoTime as iso,
  newEntry,
  OUTBOX_COLUMNS,
  type OutboxRow,
  type SuppressionRow,
  suppressionCursor,
  suppressionOf,
  suppressionsAfter,
} from '../outboxRows';
import type { PgDatabase } from './pgDatabase';

/**
 * The outbox in PostgreSQL. A mail is queued in the turn's transaction (never sent for a turn that
 * was rolled back). The sender's statements run outside any unit, each committed on its own: a mail
 * taken is held before it is sent, and instances taking at the same moment skip each other's rows.
 */
export class PgOutbox implements Outbox {
  constructor(
    private readonly db: PgDatabase,
    /** What "now" is for suppressions, which end after SUPPRESSION_DAYS. */
    private readonly clock: Clock,
  ) {}

  async add(mail: NewMail, now: string): Promise<OutboxEntry> {
    const entry = newEntry(mail, now);
    const at = entry.createdAt;
    await this.db.write(
      `INSERT INTO mail_outbox (id, claim_id, conversation, kind, to_address, to_lower, subject, text, html, requested_by,
         status, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'waiting', 0, $11, $11)`,
      [
        entry.id,
        mail.claimId,
        mail.conversation,
        mail.kind,
        mail.to,
        mailboxKey(mail.to),
        mail.subject,
        mail.text,
        mail.html,
        mail.requestedBy,
        at,
      ],
    );
    return entry;
  }

  /** SKIP LOCKED: two instances taking at once take different mails, neither waits for the other. */
  async takeDue(now: string, holdUntil: string, limit: number): Promise<OutboxEntry[]> {
    const { rows } = await this.db.outsideUnits(() =>
      this.db.query<OutboxRow>(
        `UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1
         WHERE id IN (
           SELECT id FROM mail_outbox WHERE status = 'waiting' AND next_attempt_at <= $2
           ORDER BY next_attempt_at, seq LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING seq, ${OUTBOX_COLUMNS}`,
        [iso(holdUntil), iso(now), limit],
        'outbox_take_due',
      ),
    );
    // RETURNING gives no order: the oldest first, as they were queued
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(entryOf);
  }

  async markSent(id: string, at: string): Promise<void> {
    await this.alone("UPDATE mail_outbox SET status = 'sent', sent_at = $1, next_attempt_at = NULL WHERE id = $2 AND status <> 'sent'", [
      iso(at),
      id,
    ]);
  }

  // only a mail still waiting: another instance may have sent it after this one's hold ran out
  async markRetry(id: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.alone("UPDATE mail_outbox SET next_attempt_at = $1, last_error = $2 WHERE id = $3 AND status = 'waiting'", [
      iso(nextAttemptAt),
      error,
      id,
    ]);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.alone(
      "UPDATE mail_outbox SET status = 'failed', next_attempt_at = NULL, last_error = $1 WHERE id = $2 AND status = 'waiting'",
      [error, id],
    );
  }

  async retry(id: string, now: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      "UPDATE mail_outbox SET status = 'waiting', attempts = 0, next_attempt_at = $1 WHERE id = $2 AND status = 'failed'",
      [iso(now), id],
    );
    return rowCount > 0;
  }

  async deleteDoneBefore(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const { rowCount } = await this.db.query(
        "DELETE FROM mail_outbox WHERE id IN (SELECT id FROM mail_outbox WHERE created_at < $1 AND status <> 'waiting' LIMIT 200)",
        [cutoff.toISOString()],
      );
      deleted += rowCount;
      if (rowCount === 0) return deleted;
    }
  }

  async lockMailbox(mailbox: string): Promise<void> {
    // a second key space beside the conversation locks (PgDatabase): the same hash never blocks a turn
    await this.db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MAILBOX_LOCKS, mailboxKey(mailbox)]);
  }

  async countSince(filter: { to?: string; conversation?: string; requestedBy?: string }, since: string): Promise<number> {
    const args: unknown[] = [iso(since)];
    const where = ['created_at >= $1'];
    if (filter.to !== undefined) {
      args.push(mailboxKey(filter.to));
      where.push(`to_lower = $${args.length}`);
    }
    if (filter.conversation !== undefined) {
      args.push(filter.conversation);
      where.push(`conversation = $${args.length}`);
    }
    if (filter.requestedBy !== undefined) {
      args.push(filter.requestedBy);
      where.push(`requested_by = $${args.length}`);
    }
    const { rows } = await this.db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM mail_outbox WHERE ${where.join(' AND ')}`, args);
    return Number(rows[0].n);
  }

  /** Newest first by (created_at, seq), like the claims' pages. */
  async page(filter: { status?: MailStatus; claimId?: string }, limit: number, cursor: PageCursor | null): Promise<Page<OutboxEntry>> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status !== undefined) {
      args.push(filter.status);
      where.push(`status = $${args.length}`);
    }
    if (filter.claimId !== undefined) {
      args.push(filter.claimId);
      where.push(`claim_id = $${args.length}`);
    }
    const matching = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await this.db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM mail_outbox ${matching}`, args)).rows[0].n);
    if (cursor) {
      args.push(cursor.key, cursor.rowid);
      where.push(`(created_at, seq) < ($${args.length - 1}, $${args.length})`);
    }
    args.push(limit + 1);
    const { rows } = await this.db.query<OutboxRow>(
      `SELECT seq, ${OUTBOX_COLUMNS} FROM mail_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, seq DESC LIMIT $${args.length}`,
      args,
    );
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      items: shown.map(entryOf),
      next: rows.length > limit && last ? { key: last.created_at, rowid: Number(last.seq) } : null,
      total,
    };
  }

  async get(id: string): Promise<OutboxEntry | null> {
    const { rows } = await this.db.query<OutboxRow>(`SELECT seq, ${OUTBOX_COLUMNS} FROM mail_outbox WHERE id = $1`, [id], 'outbox_get');
    return rows[0] ? entryOf(rows[0]) : null;
  }

  // only while it is still held as this sender took it: the attempt it counted is given back
  async release(id: string, heldUntil: string, now: string): Promise<void> {
    await this.alone(
      "UPDATE mail_outbox SET attempts = attempts - 1, next_attempt_at = $1 WHERE id = $2 AND status = 'waiting' AND next_attempt_at = $3 AND attempts > 0",
      [iso(now), id, iso(heldUntil)],
    );
  }

  async pending(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>("SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'waiting'");
    return Number(rows[0].n);
  }

  async failed(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>("SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'failed'");
    return Number(rows[0].n);
  }

  async suppress(address: string, reason: string, at: string): Promise<void> {
    await this.alone(
      `INSERT INTO mail_suppressions (address, reason, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (address) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at
       WHERE excluded.created_at > mail_suppressions.created_at`,
      [address.toLowerCase(), reason, iso(at)],
    );
  }

  async isSuppressed(address: string): Promise<boolean> {
    const { rows } = await this.db.query(
      'SELECT 1 FROM mail_suppressions WHERE address = $1 AND created_at > $2',
      [address.toLowerCase(), suppressionsSince(this.clock.now())],
      'outbox_suppressed',
    );
    return rows.length > 0;
  }

  /** Newest first by (created_at, address). */
  async listSuppressions(limit: number, cursor: PageCursor | null): Promise<Page<Suppression>> {
    const since = suppressionsSince(this.clock.now());
    const total = Number(
      (await this.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM mail_suppressions WHERE created_at > $1', [since])).rows[0].n,
    );
    const after = cursor ? suppressionsAfter(cursor) : null;
    const { rows } = await this.db.query<SuppressionRow>(
      after
        ? `SELECT address, reason, created_at FROM mail_suppressions WHERE created_at > $1 AND (created_at, address) < ($2, $3)
           ORDER BY created_at DESC, address DESC LIMIT $4`
        : 'SELECT address, reason, created_at FROM mail_suppressions WHERE created_at > $1 ORDER BY created_at DESC, address DESC LIMIT $2',
      after ? [since, after.createdAt, after.address, limit + 1] : [since, limit + 1],
    );
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return { items: shown.map(suppressionOf), next: rows.length > limit && last ? suppressionCursor(last) : null, total };
  }

  async liftSuppression(address: string): Promise<boolean> {
    const { rows } = await this.db.query<{ created_at: string }>('DELETE FROM mail_suppressions WHERE address = $1 RETURNING created_at', [
      address.toLowerCase(),
    ]);
    // an expired one is removed too, but was not in force
    return rows.length > 0 && rows[0].created_at > suppressionsSince(this.clock.now());
  }

  /** A write of the sender's (outside any turn): done once it is committed. */
  private async alone(text: string, values: unknown[]): Promise<void> {
    await this.db.outsideUnits(() => this.db.query(text, values));
  }
}
