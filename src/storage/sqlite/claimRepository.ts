import type Database from 'better-sqlite3';
import { BoundedMap } from '../../domain/boundedMap';
import type { Claim, ClaimStatus } from '../../domain/claim';
import { type ConversationKey, keyText } from '../../domain/conversationKey';
import type { ClaimRepository, Page, PageCursor } from '../claimRepository';
import { deepFreeze } from '../deepFreeze';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

/** A claim as cached: its JSON, and the parsed claim frozen so every reader can share it. */
interface Cached {
  json: string;
  claim: Claim;
}

/**
 * Claims in SQLite: the whole claim as JSON, with the columns we search by. Reads of single
 * claims come from a write-through cache (one process owns the database file), because a
 * turn looks at its claim several times: `get` hands out one frozen object, and a change
 * starts from a private copy (`getForUpdate`) that is frozen in turn once saved.
 */
export class SqliteClaimRepository implements ClaimRepository {
  // the claims of the conversations in flight; anything older is read back from the database
  private readonly cache: BoundedMap<string, Cached>;
  private readonly latest: BoundedMap<string, string>;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly latestStmt;

  constructor(
    private readonly db: Db,
    private readonly commits: GroupCommit,
    cachedClaims = 2_000,
  ) {
    this.cache = new BoundedMap(cachedClaims);
    this.latest = new BoundedMap(cachedClaims);
    // a rolled-back batch may have written claims the database does not hold: start afresh from it
    commits.onRollback(() => {
      this.cache.clear();
      this.latest.clear();
    });
    this.insertStmt = db.prepare(
      'INSERT INTO claims (id, conversation_id, channel, status, created_at, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateStmt = db.prepare('UPDATE claims SET status = ?, updated_at = ?, data = ? WHERE id = ?');
    this.byIdStmt = db.prepare('SELECT data FROM claims WHERE id = ?');
    this.latestStmt = db.prepare(
      'SELECT data FROM claims WHERE channel = ? AND conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    );
  }

  async insert(claim: Claim): Promise<void> {
    const data = JSON.stringify(claim);
    this.commits.join();
    this.insertStmt.run(claim.id, claim.conversationId, claim.channel ?? '', claim.status, claim.createdAt, claim.updatedAt, data);
    this.remember(claim.id, data, claim);
    this.latest.set(keyText({ channel: claim.channel ?? '', id: claim.conversationId }), claim.id);
  }

  async save(claim: Claim): Promise<void> {
    const data = JSON.stringify(claim);
    this.commits.join();
    this.updateStmt.run(claim.status, claim.updatedAt, data, claim.id);
    this.remember(claim.id, data, claim);
  }

  /** The claim, frozen: to change it, use `getForUpdate`. */
  async get(id: string): Promise<Claim | null> {
    return this.cached(id)?.claim ?? null;
  }

  /** A private copy of the claim to change and then `save`. */
  async getForUpdate(id: string): Promise<Claim | null> {
    const cached = this.cached(id);
    return cached ? (JSON.parse(cached.json) as Claim) : null;
  }

  private cached(id: string): Cached | undefined {
    const known = this.cache.get(id);
    if (known) return known;
    const data = (this.byIdStmt.get(id) as { data: string } | undefined)?.data;
    return data === undefined ? undefined : this.remember(id, data, JSON.parse(data));
  }

  /** The current claim of a conversation (the same id on another channel is another conversation): its newest. */
  async latestForConversation(conversation: ConversationKey): Promise<Claim | null> {
    const key = keyText(conversation);
    const known = this.latest.get(key);
    if (known) return this.get(known);
    const row = this.latestStmt.get(conversation.channel, conversation.id) as { data: string } | undefined;
    if (!row) return null;
    const parsed = JSON.parse(row.data) as Claim;
    this.remember(parsed.id, row.data, parsed);
    this.latest.set(key, parsed.id);
    return parsed;
  }

  private remember(id: string, json: string, claim: Claim): Cached {
    const cached = { json, claim: deepFreeze(claim) };
    this.cache.set(id, cached);
    return cached;
  }

  /**
   * One page of claims, newest first, after `cursor` (the last claim of the page before).
   * Several statuses mean any of them. `total` counts every claim the filter matches.
   */
  async page(
    filter: { conversationId?: string; statuses?: ClaimStatus[] },
    limit: number,
    cursor: PageCursor | null,
  ): Promise<Page<Claim>> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.conversationId !== undefined) {
      where.push('conversation_id = ?');
      args.push(filter.conversationId);
    }
    if (filter.statuses?.length) {
      where.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`);
      args.push(...filter.statuses);
    }
    const matching = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.statement(`SELECT COUNT(*) AS n FROM claims ${matching}`).get(...args) as { n: number }).n;
    if (cursor) {
      where.push('(created_at, rowid) < (?, ?)');
      args.push(cursor.key, cursor.rowid);
    }
    const rows = this.statement(
      `SELECT rowid, created_at AS key, data FROM claims ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ).all(...args, limit + 1) as PageRow[];
    return toPage(rows, limit, total);
  }

  /**
   * Claims waiting for a person, longest waiting first (hand-off time, then the order the
   * claims began), one page after `cursor`. Ordered in SQL over every waiting claim.
   */
  async queue(limit = 100, cursor: PageCursor | null = null): Promise<Page<Claim>> {
    const total = (this.statement(`SELECT COUNT(*) AS n FROM ${WAITING}`).get() as { n: number }).n;
    const rows = (
      cursor
        ? this.statement(
            `SELECT rowid, ${QUEUE_KEY} AS key, data FROM ${WAITING} AND ${QUEUE_KEY} >= ? AND (${QUEUE_KEY}, rowid) > (?, ?) ORDER BY ${QUEUE_KEY}, rowid LIMIT ?`,
          ).all(cursor.key, cursor.key, cursor.rowid, limit + 1)
        : this.statement(`SELECT rowid, ${QUEUE_KEY} AS key, data FROM ${WAITING} ORDER BY ${QUEUE_KEY}, rowid LIMIT ?`).all(limit + 1)
    ) as PageRow[];
    return toPage(rows, limit, total);
  }

  /** Where a waiting claim stands in the queue (1 = next), or null when it is not waiting. */
  async queuePosition(id: string): Promise<number | null> {
    const me = this.statement(`SELECT rowid, ${QUEUE_KEY} AS key FROM claims WHERE id = ? AND status = 'pending_agent'`).get(id) as
      | { rowid: number; key: string }
      | undefined;
    if (!me) return null;
    const ahead = this.statement(`SELECT COUNT(*) AS n FROM ${WAITING} AND ${QUEUE_KEY} <= ? AND (${QUEUE_KEY}, rowid) < (?, ?)`).get(
      me.key,
      me.key,
      me.rowid,
    ) as { n: number };
    return ahead.n + 1;
  }

  private readonly statements = new Map<string, Statement>();
  /** A prepared statement, compiled once per text. */
  private statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  async waiting(): Promise<{ count: number; oldestRequestedAt: string | null }> {
    const row = this.statement(`SELECT COUNT(*) AS n, MIN(${QUEUE_KEY}) AS oldest FROM ${WAITING}`).get() as {
      n: number;
      oldest: string | null;
    };
    return { count: row.n, oldestRequestedAt: row.oldest ?? null };
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM claims').get() as { n: number }).n;
  }

  async openChats(): Promise<Map<string, number>> {
    const rows = this.statement(
      `SELECT ${AGENT_KEY} AS agent, COUNT(*) AS n FROM ${OPEN} AND ${AGENT_KEY} IS NOT NULL GROUP BY 1`,
    ).all() as {
      agent: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.agent, r.n]));
  }

  /** One process owns the file and runs its statements one at a time: a count and the write after it are not interleaved with another unit's. */
  async chatsOf(username: string): Promise<string[]> {
    return (this.statement(`SELECT id FROM ${OPEN} AND ${AGENT_KEY} = ?`).all(username) as { id: string }[]).map((r) => r.id);
  }
}

/** Whose chat a claim is (an expression index of open chats covers it, see MIGRATIONS). */
const AGENT_KEY = "json_extract(data, '$.handoff.agent')";
/** Chats that take a seat: with an agent and not ended for the customer's silence; the index's own condition, word for word. */
const OPEN = "claims INDEXED BY claims_open_chats WHERE status = 'with_agent' AND json_extract(data, '$.handoff.chatEndedAt') IS NULL";

/** The queue's order: when the hand-off was asked for (an expression index covers it, see MIGRATIONS). */
const QUEUE_KEY = "json_extract(data, '$.handoff.requestedAt')";
// named, because without statistics SQLite would rather read the status index and sort
const WAITING = "claims INDEXED BY claims_queue WHERE status = 'pending_agent'";
type Statement = Database.Statement<unknown[]>;

interface PageRow {
  rowid: number;
  key: string;
  data: string;
}

function toPage(rows: PageRow[], limit: number, total: number): Page<Claim> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return {
    items: shown.map((r) => JSON.parse(r.data) as Claim),
    next: more && last ? { key: last.key, rowid: last.rowid } : null,
    total,
  };
}
