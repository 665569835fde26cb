import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import { mailboxKey } from '../../domain/emailAddress';
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
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

type Statement = Database.Statement<unknown[]>;

/**
 * The outbox in SQLite. A mail is queued with the turn's batch (it is never sent for a batch
 * that was rolled back); the sender's statements run outside any turn and each waits for its
 * commit, so a mail it took is held on disk before it is sent.
 */
export class SqliteOutbox implements Outbox {
  private readonly insertStmt;
  private readonly takeStmt;
  private readonly sentStmt;
  private readonly retryLaterStmt;
  private readonly failedStmt;
  private readonly againStmt;
  private readonly releaseStmt;
  private readonly getStmt;
  private readonly pendingStmt;
  private readonly failedCountStmt;
  private readonly suppressStmt;
  private readonly suppressedStmt;
  private readonly liftStmt;
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Db,
    private readonly commits: GroupCommit,
    /** What "now" is for suppressions, which end after SUPPRESSION_DAYS. */
    private readonly clock: Clock,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO mail_outbox (id, claim_id, conversation, kind, to_address, to_lower, subject, text, html, requested_by,
         status, attempts, next_attempt_at, last_error, created_at, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', 0, ?, NULL, ?, NULL)`,
    );
    // one statement: the mails it picks are the ones it holds, whoever else looks at the same moment
    this.takeStmt = db.prepare(
      `UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?
       WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'waiting' AND next_attempt_at <= ? ORDER BY next_attempt_at, rowid LIMIT ?)
       RETURNING rowid AS seq, ${OUTBOX_COLUMNS}`,
    );
    this.sentStmt = db.prepare(
      "UPDATE mail_outbox SET status = 'sent', sent_at = ?, next_attempt_at = NULL WHERE id = ? AND status <> 'sent'",
    );
    // only a mail still waiting: another instance may have sent it after this one's hold ran out
    this.retryLaterStmt = db.prepare("UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'waiting'");
    this.failedStmt = db.prepare(
      "UPDATE mail_outbox SET status = 'failed', next_attempt_at = NULL, last_error = ? WHERE id = ? AND status = 'waiting'",
    );
    this.againStmt = db.prepare(
      "UPDATE mail_outbox SET status = 'waiting', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'failed'",
    );
    // only while it is still held as this sender took it: the attempt it counted is given back
    this.releaseStmt = db.prepare(
      "UPDATE mail_outbox SET attempts = attempts - 1, next_attempt_at = ? WHERE id = ? AND status = 'waiting' AND next_attempt_at = ? AND attempts > 0",
    );
    this.getStmt = db.prepare(`SELECT rowid AS seq, ${OUTBOX_COLUMNS} FROM mail_outbox WHERE id = ?`);
    this.pendingStmt = db.prepare("SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'waiting'");
    // on the (status, created_at) index
    this.failedCountStmt = db.prepare("SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'failed'");
    this.suppressStmt = db.prepare(
      `INSERT INTO mail_suppressions (address, reason, created_at) VALUES (?, ?, ?)
       ON CONFLICT (address) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at
       WHERE excluded.created_at > mail_suppressions.created_at`,
    );
    this.suppressedStmt = db.prepare('SELECT 1 AS yes FROM mail_suppressions WHERE address = ? AND created_at > ?');
    this.liftStmt = db.prepare('DELETE FROM mail_suppressions WHERE address = ? RETURNING created_at');
  }

  async add(mail: NewMail, now: string): Promise<OutboxEntry> {
    const entry = newEntry(mail, now);
    const at = entry.createdAt;
    this.commits.join();
    this.insertStmt.run(
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
      at,
    );
    return entry;
  }

  async takeDue(now: string, holdUntil: string, limit: number): Promise<OutboxEntry[]> {
    this.commits.join();
    const rows = this.takeStmt.all(iso(holdUntil), iso(now), limit) as OutboxRow[];
    await this.commits.durable();
    // RETURNING gives no order: the oldest first, as they were queued
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(entryOf);
  }

  async markSent(id: string, at: string): Promise<void> {
    await this.write(this.sentStmt, iso(at), id);
  }

  async markRetry(id: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.write(this.retryLaterStmt, iso(nextAttemptAt), error, id);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.write(this.failedStmt, error, id);
  }

  async retry(id: string, now: string): Promise<boolean> {
    this.commits.join();
    return this.againStmt.run(iso(now), id).changes > 0;
  }

  async lockMailbox(_mailbox: string): Promise<void> {
    // one connection: a mail added by one turn is counted by the next at once
  }

  async countSince(filter: { to?: string; conversation?: string; requestedBy?: string }, since: string): Promise<number> {
    const where = ['created_at >= ?'];
    const args: unknown[] = [iso(since)];
    if (filter.to !== undefined) {
      where.push('to_lower = ?');
      args.push(mailboxKey(filter.to));
    }
    if (filter.conversation !== undefined) {
      where.push('conversation = ?');
      args.push(filter.conversation);
    }
    if (filter.requestedBy !== undefined) {
      where.push('requested_by = ?');
      args.push(filter.requestedBy);
    }
    return (this.statement(`SELECT COUNT(*) AS n FROM mail_outbox WHERE ${where.join(' AND ')}`).get(...args) as { n: number }).n;
  }

  /** Newest first by (created_at, rowid), like the claims' pages. */
  async page(filter: { status?: MailStatus; claimId?: string }, limit: number, cursor: PageCursor | null): Promise<Page<OutboxEntry>> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status !== undefined) {
      where.push('status = ?');
      args.push(filter.status);
    }
    if (filter.claimId !== undefined) {
      where.push('claim_id = ?');
      args.push(filter.claimId);
    }
    const matching = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.statement(`SELECT COUNT(*) AS n FROM mail_outbox ${matching}`).get(...args) as { n: number }).n;
    if (cursor) {
      where.push('(created_at, rowid) < (?, ?)');
      args.push(cursor.key, cursor.rowid);
    }
    const rows = this.statement(
      `SELECT rowid AS seq, ${OUTBOX_COLUMNS} FROM mail_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ).all(...args, limit + 1) as OutboxRow[];
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      items: shown.map(entryOf),
      next: rows.length > limit && last ? { key: last.created_at, rowid: Number(last.seq) } : null,
      total,
    };
  }

  async get(id: string): Promise<OutboxEntry | null> {
    const row = this.getStmt.get(id) as OutboxRow | undefined;
    return row ? entryOf(row) : null;
  }

  async release(id: string, heldUntil: string, now: string): Promise<void> {
    await this.write(this.releaseStmt, iso(now), id, iso(heldUntil));
  }

  async pending(): Promise<number> {
    return (this.pendingStmt.get() as { n: number }).n;
  }

  async failed(): Promise<number> {
    return (this.failedCountStmt.get() as { n: number }).n;
  }

  async suppress(address: string, reason: string, at: string): Promise<void> {
    await this.write(this.suppressStmt, address.toLowerCase(), reason, iso(at));
  }

  async isSuppressed(address: string): Promise<boolean> {
    return this.suppressedStmt.get(address.toLowerCase(), suppressionsSince(this.clock.now())) !== undefined;
  }

  /** Newest first by (created_at, address). */
  async listSuppressions(limit: number, cursor: PageCursor | null): Promise<Page<Suppression>> {
    const since = suppressionsSince(this.clock.now());
    const total = (this.statement('SELECT COUNT(*) AS n FROM mail_suppressions WHERE created_at > ?').get(since) as { n: number }).n;
    const after = cursor ? suppressionsAfter(cursor) : null;
    const rows = this.statement(
      `SELECT address, reason, created_at FROM mail_suppressions WHERE created_at > ? ${after ? 'AND (created_at, address) < (?, ?)' : ''}
       ORDER BY created_at DESC, address DESC LIMIT ?`,
    ).all(since, ...(after ? [after.createdAt, after.address] : []), limit + 1) as SuppressionRow[];
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return { items: shown.map(suppressionOf), next: rows.length > limit && last ? suppressionCursor(last) : null, total };
  }

  async liftSuppression(address: string): Promise<boolean> {
    this.commits.join();
    const removed = this.liftStmt.get(address.toLowerCase()) as { created_at: string } | undefined;
    // an expired one is removed too, but was not in force
    return removed !== undefined && removed.created_at > suppressionsSince(this.clock.now());
  }

  /** A write of the sender's (outside any turn): done once it is on disk. */
  async deleteDoneBefore(cutoff: Date): Promise<number> {
    const batch = this.statement(
      "DELETE FROM mail_outbox WHERE rowid IN (SELECT rowid FROM mail_outbox WHERE created_at < ? AND status <> 'waiting' LIMIT 200)",
    );
    let deleted = 0;
    for (;;) {
      this.commits.join();
      const { changes } = batch.run(cutoff.toISOString());
      await this.commits.durable();
      deleted += changes;
      if (changes === 0) return deleted;
    }
  }

  private async write(statement: Statement, ...args: unknown[]): Promise<void> {
    this.commits.join();
    statement.run(...args);
    await this.commits.durable();
  }

  private statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
}
