import { BoundedMap } from '../boundedMap';
import type { Claim, ClaimStatus } from '../domain/claim';
import { type ConversationKey, keyText } from '../domain/conversationKey';
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
export class ClaimRepository {
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

  insert(claim: Claim): void {
    const data = JSON.stringify(claim);
    this.commits.join();
    this.insertStmt.run(claim.id, claim.conversationId, claim.channel ?? '', claim.status, claim.createdAt, claim.updatedAt, data);
    this.remember(claim.id, data, claim);
    this.latest.set(keyText({ channel: claim.channel ?? '', id: claim.conversationId }), claim.id);
  }

  save(claim: Claim): void {
    const data = JSON.stringify(claim);
    this.commits.join();
    this.updateStmt.run(claim.status, claim.updatedAt, data, claim.id);
    this.remember(claim.id, data, claim);
  }

  /** The claim, frozen: to change it, use `getForUpdate`. */
  get(id: string): Claim | null {
    return this.cached(id)?.claim ?? null;
  }

  /** A private copy of the claim to change and then `save`. */
  getForUpdate(id: string): Claim | null {
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
  latestForConversation(conversation: ConversationKey): Claim | null {
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

  list(filter: { conversationId?: string; status?: ClaimStatus; limit?: number }): Claim[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.conversationId) {
      where.push('conversation_id = ?');
      args.push(filter.conversationId);
    }
    if (filter.status) {
      where.push('status = ?');
      args.push(filter.status);
    }
    const sql = `SELECT data FROM claims ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit ?? 200) as { data: string }[]).map((r) => JSON.parse(r.data) as Claim);
  }

  /** Claims waiting for a person, oldest request first. */
  queue(): Claim[] {
    return this.list({ status: 'pending_agent', limit: 500 }).sort((a, b) =>
      (a.handoff.requestedAt ?? a.createdAt).localeCompare(b.handoff.requestedAt ?? b.createdAt),
    );
  }

  /** Moves a claim from one status to another only if nobody changed it first (for the accept race). */
  compareAndSetStatus(id: string, from: ClaimStatus, mutate: (claim: Claim) => void): Claim | null {
    return this.db.transaction(() => {
      const claim = this.getForUpdate(id);
      if (!claim || claim.status !== from) return null;
      mutate(claim);
      this.save(claim);
      return claim;
    })();
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM claims').get() as { n: number }).n;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** RMA numbers: unique, human-friendly (RMA-2026-000123), issued once per claim. */
export class RmaRegistry {
  private readonly issueOnce;

  constructor(db: Db) {
    const issuedFor = db.prepare('SELECT number FROM rma_numbers WHERE claim_id = ?');
    const nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM rma_numbers WHERE year = ?');
    const insert = db.prepare('INSERT INTO rma_numbers (number, year, seq, claim_id, issued_at) VALUES (?, ?, ?, ?, ?)');
    this.issueOnce = db.transaction((claimId: string, now: Date): string => {
      const existing = issuedFor.get(claimId) as { number: string } | undefined;
      if (existing) return existing.number;
      const year = now.getUTCFullYear();
      const { seq } = nextSeq.get(year) as { seq: number };
      const number = `RMA-${year}-${String(seq).padStart(6, '0')}`;
      insert.run(number, year, seq, claimId, now.toISOString());
      return number;
    });
  }

  issue(claimId: string, now: Date): string {
    return this.issueOnce(claimId, now);
  }
}
