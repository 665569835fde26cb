import type { Claim, ClaimStatus } from '../../domain/claim';
import { type ConversationKey, keyText } from '../../domain/conversationKey';
import type { ClaimRepository, Page, PageCursor } from '../claimRepository';
import { deepFreeze } from '../deepFreeze';
import type { PgDatabase } from './pgDatabase';

/** What one unit of work has read or written: a turn looks at its claim several times. */
interface TurnClaims {
  byId: Map<string, Claim>;
  /** the conversation's newest claim id ('' when it has none yet) */
  latest: Map<string, string>;
}

interface PageRow {
  seq: string;
  key: string;
  data: Claim;
}

/**
 * Claims in PostgreSQL: the whole claim as JSONB, with the columns we search by. Nothing is
 * cached across units of work — another instance may change a claim at any time — only within
 * one turn, whose `getForUpdate` locks the claim's row (SELECT … FOR UPDATE) until the turn
 * commits: a concurrent agent action waits for the turn instead of being overwritten by it.
 */
export class PgClaimRepository implements ClaimRepository {
  constructor(private readonly db: PgDatabase) {
    // a turn works on its conversation's claim: read (and locked) with the turn's first round trip
    db.prefetchInUnits((conversation) => ({
      text: LATEST_FOR_UPDATE,
      values: [conversation.channel, conversation.id],
      keep: (rows) => this.keepLatest(keyText(conversation), rows[0]?.data as Claim | undefined),
    }));
  }

  private turn(): TurnClaims | null {
    return this.db.scratch(this, () => ({ byId: new Map(), latest: new Map() }));
  }

  async insert(claim: Claim): Promise<void> {
    const json = storableJson(claim);
    await this.db.write(
      'INSERT INTO claims (id, conversation_id, channel, status, created_at, updated_at, data) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [claim.id, claim.conversationId, claim.channel ?? '', claim.status, claim.createdAt, claim.updatedAt, json],
      'claims_insert',
    );
    const turn = this.turn();
    turn?.byId.set(claim.id, deepFreeze(JSON.parse(json)));
    turn?.latest.set(keyText({ channel: claim.channel ?? '', id: claim.conversationId }), claim.id);
    this.db.heldLock(claim.id);
  }

  async save(claim: Claim): Promise<void> {
    const json = storableJson(claim);
    await this.db.write(
      'UPDATE claims SET status = $1, updated_at = $2, data = $3 WHERE id = $4',
      [claim.status, claim.updatedAt, json, claim.id],
      'claims_update',
    );
    // the turn's own copy, not the caller's object, which it may go on changing
    this.turn()?.byId.set(claim.id, deepFreeze(JSON.parse(json)));
  }

  /** The claim, frozen: to change it, use `getForUpdate`. */
  async get(id: string): Promise<Claim | null> {
    const known = this.turn()?.byId.get(id);
    if (known) return known;
    const { rows } = await this.db.query<{ data: Claim }>('SELECT data FROM claims WHERE id = $1', [id], 'claims_by_id');
    return rows[0] ? this.remember(rows[0].data) : null;
  }

  /** A private copy of the claim, its row locked until the turn commits. */
  async getForUpdate(id: string): Promise<Claim | null> {
    const turn = this.turn();
    // a row this turn has locked cannot have changed since it was read
    const known = this.db.holdsLock(id) ? turn?.byId.get(id) : undefined;
    if (known) return structuredClone(known);
    const { rows } = await this.db.query<{ data: Claim }>('SELECT data FROM claims WHERE id = $1 FOR UPDATE', [id], 'claims_for_update');
    if (!rows[0]) return null;
    this.remember(structuredClone(rows[0].data));
    this.db.heldLock(id);
    return rows[0].data;
  }

  async latestForConversation(conversation: ConversationKey): Promise<Claim | null> {
    const key = keyText(conversation);
    const known = this.turn()?.latest.get(key);
    if (known !== undefined) return known === '' ? null : this.get(known);
    // in a turn, the conversation's claim is the one it works on: locked now, not read again to change it
    const turn = this.turn();
    const { rows } = turn
      ? await this.db.query<{ data: Claim }>(LATEST_FOR_UPDATE, [conversation.channel, conversation.id], 'claims_latest_for_update')
      : await this.db.query<{ data: Claim }>(
          'SELECT data FROM claims WHERE channel = $1 AND conversation_id = $2 ORDER BY created_at DESC, seq DESC LIMIT 1',
          [conversation.channel, conversation.id],
          'claims_latest',
        );
    return this.keepLatest(key, rows[0]?.data);
  }

  /** The conversation's newest claim as this turn read it (locked), or that it has none. */
  private keepLatest(key: string, data: Claim | undefined): Claim | null {
    const turn = this.turn();
    if (!data) {
      turn?.latest.set(key, '');
      return null;
    }
    const claim = this.remember(data);
    turn?.latest.set(key, claim.id);
    this.db.heldLock(claim.id);
    return claim;
  }

  private remember(claim: Claim): Claim {
    const frozen = deepFreeze(claim);
    this.turn()?.byId.set(claim.id, frozen);
    return frozen;
  }

  async page(
    filter: { conversationId?: string; statuses?: ClaimStatus[] },
    limit: number,
    cursor: PageCursor | null,
  ): Promise<Page<Claim>> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.conversationId !== undefined) {
      args.push(filter.conversationId);
      where.push(`conversation_id = $${args.length}`);
    }
    if (filter.statuses?.length) {
      args.push(filter.statuses);
      where.push(`status = ANY($${args.length})`);
    }
    const matching = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await this.db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM claims ${matching}`, args)).rows[0].n);
    if (cursor) {
      args.push(cursor.key, cursor.rowid);
      where.push(`(created_at, seq) < ($${args.length - 1}, $${args.length})`);
    }
    args.push(limit + 1);
    const { rows } = await this.db.query<PageRow>(
      `SELECT seq, created_at AS key, data FROM claims ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, seq DESC LIMIT $${args.length}`,
      args,
    );
    return toPage(rows, limit, total);
  }

  /** Claims waiting for a person, longest waiting first (hand-off time, then the order the claims began). */
  async queue(limit = 100, cursor: PageCursor | null = null): Promise<Page<Claim>> {
    const total = Number((await this.db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM claims WHERE ${WAITING}`)).rows[0].n);
    const { rows } = cursor
      ? await this.db.query<PageRow>(
          `SELECT seq, queue_key AS key, data FROM claims WHERE ${WAITING} AND (queue_key, seq) > ($1, $2) ORDER BY queue_key, seq LIMIT $3`,
          [cursor.key, cursor.rowid, limit + 1],
        )
      : await this.db.query<PageRow>(`SELECT seq, queue_key AS key, data FROM claims WHERE ${WAITING} ORDER BY queue_key, seq LIMIT $1`, [
          limit + 1,
        ]);
    return toPage(rows, limit, total);
  }

  async queuePosition(id: string): Promise<number | null> {
    const { rows } = await this.db.query<{ n: string | null }>(
      `SELECT (SELECT COUNT(*) FROM claims w WHERE w.${WAITING} AND (w.queue_key, w.seq) < (me.queue_key, me.seq)) AS n
         FROM claims me WHERE me.id = $1 AND me.${WAITING}`,
      [id],
      'claims_queue_position',
    );
    return rows[0] ? Number(rows[0].n) + 1 : null;
  }

  async waiting(): Promise<{ count: number; oldestRequestedAt: string | null }> {
    const { rows } = await this.db.query<{ n: string; oldest: string | null }>(
      `SELECT COUNT(*) AS n, MIN(queue_key) AS oldest FROM claims WHERE ${WAITING}`,
      [],
      'claims_waiting',
    );
    // queue_key is '' for a claim without requestedAt (it sorts first): no time to report for it
    return { count: Number(rows[0].n), oldestRequestedAt: rows[0].oldest || null };
  }

  async count(): Promise<number> {
    return Number((await this.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM claims')).rows[0].n);
  }

  async openChats(): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ agent: string; n: string }>(
      `SELECT ${AGENT_KEY} AS agent, COUNT(*) AS n FROM claims WHERE ${OPEN} AND ${AGENT_KEY} IS NOT NULL GROUP BY 1`,
      [],
      'claims_open_chats',
    );
    return new Map(rows.map((r) => [r.agent, Number(r.n)]));
  }

  async chatsOf(username: string, holdSeats = false): Promise<string[]> {
    // the lock goes with the unit's transaction: another router counting this agent's seats waits for our assignment's commit
    if (holdSeats) await this.db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 20))', [username], 'claims_agent_seats');
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM claims WHERE ${OPEN} AND ${AGENT_KEY} = $1`,
      [username],
      'claims_chats_of',
    );
    return rows.map((r) => r.id);
  }
}

/** Whose chat a claim is: the partial index claims_open_chats holds the open ones by agent. */
const AGENT_KEY = "(data -> 'handoff' ->> 'agent')";
/** Chats that take a seat (not ended for the customer's silence): the index's own condition, word for word. */
const OPEN = "status = 'with_agent' AND (data -> 'handoff' ->> 'chatEndedAt') IS NULL";

const LATEST_FOR_UPDATE =
  'SELECT data FROM claims WHERE channel = $1 AND conversation_id = $2 ORDER BY created_at DESC, seq DESC LIMIT 1 FOR UPDATE';
// the partial index claims_queue holds exactly these, in the queue's order
const WAITING = "status = 'pending_agent'";

function toPage(rows: PageRow[], limit: number, total: number): Page<Claim> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return {
    items: shown.map((r) => r.data),
    next: more && last ? { key: last.key, rowid: Number(last.seq) } : null,
    total,
  };
}

/** A lone surrogate as JSON.stringify writes it (\udXXX), after an even number of backslashes (so not "\\\\udXXX" text). */
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

/**
 * The claim as JSON that JSONB accepts. Text is made storable at the door, but a claim keeps its
 * texts cut to a length (`slice`), which can split an emoji in two: JSON.stringify writes the half
 * left as an escape that JSONB refuses, and the claim could not be saved. Such a half becomes U+FFFD.
 */
export function storableJson(claim: Claim): string {
  const json = JSON.stringify(claim);
  return json.includes('\\ud') ? json.replace(LONE_SURROGATE_ESCAPE, '$1\\ufffd') : json;
}
