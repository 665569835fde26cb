import { randomUUID } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import type { BotStateStore, StoredJson } from '../botStateStore';
import { conversationStateKey } from '../etagState';
import type { PgDatabase } from './pgDatabase';

/**
 * Bot Framework `Storage` on PostgreSQL, with the contract's optimistic concurrency: a write
 * whose `eTag` is not the stored one fails (one statement: the upsert's WHERE compares the eTag,
 * and no row written raises; in a turn, when the turn's writes are committed); `*` or no eTag
 * writes unconditionally. The data
 * stays the text it was written as, so a turn that changed nothing is seen not to (etagState.ts).
 */
export class PgBotStateStore implements BotStateStore {
  constructor(private readonly db: PgDatabase) {
    // a turn reads its conversation's state first thing: it comes with the turn's first round trip
    db.prefetchInUnits((conversation) => {
      const key = conversationStateKey(conversation);
      return {
        text: 'SELECT etag, data FROM bot_state WHERE key = $1',
        values: [key],
        keep: (rows) => this.prefetched()?.set(key, rows[0] ? { eTag: rows[0].etag, json: rows[0].data } : undefined),
      };
    });
  }

  /** States read ahead for this unit, each used once (a second read goes to the database). */
  private prefetched(): Map<string, StoredJson | undefined> | null {
    return this.db.scratch(this, () => new Map<string, StoredJson | undefined>());
  }

  async readJson(key: string): Promise<StoredJson | undefined> {
    const ahead = this.prefetched();
    if (ahead?.has(key)) {
      const stored = ahead.get(key);
      ahead.delete(key);
      return stored;
    }
    const { rows } = await this.db.query<{ etag: string; data: string }>(
      'SELECT etag, data FROM bot_state WHERE key = $1',
      [key],
      'state_read',
    );
    return rows[0] && { eTag: rows[0].etag, json: rows[0].data };
  }

  async writeJson(key: string, json: string, eTag: string | undefined, now = new Date().toISOString()): Promise<string> {
    this.prefetched()?.delete(key);
    const next = randomUUID();
    if (!eTag || eTag === '*') {
      await this.db.write(
        `INSERT INTO bot_state (key, etag, data, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
        [key, next, json, now],
        'state_upsert',
      );
      return next;
    }
    // in a unit the write leaves with the commit: a conflict then fails the commit, and the turn with it
    await this.db.write(
      `WITH written AS (
         INSERT INTO bot_state (key, etag, data, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
         WHERE bot_state.etag = $5
         RETURNING 1)
       SELECT qsee_expect_state(COUNT(*) = 1, $6) FROM written`,
      [key, next, json, now, eTag, key],
      'state_write',
    );
    return next;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const stored = await this.readJson(key);
      if (stored) items[key] = { ...JSON.parse(stored.json), eTag: stored.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = new Date().toISOString();
    await this.db.atomically(async () => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...data } = (item ?? {}) as { eTag?: string };
        const next = await this.writeJson(key, JSON.stringify(data), eTag, now);
        // Like MemoryStorage, hand the new eTag back so a second save in the same turn chains on it.
        if (item && typeof item === 'object') (item as { eTag?: string }).eTag = next;
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }
}
