import { randomUUID } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import type { BotStateStore, StoredJson } from '../botStateStore';
import type { PgDatabase } from './pgDatabase';

/**
 * Bot Framework `Storage` on PostgreSQL, with the contract's optimistic concurrency: a write
 * whose `eTag` is not the stored one fails (one statement: the upsert's WHERE compares the eTag,
 * no row changed means someone else wrote first); `*` or no eTag writes unconditionally. The data
 * stays the text it was written as, so a turn that changed nothing is seen not to (etagState.ts).
 */
export class PgBotStateStore implements BotStateStore {
  constructor(private readonly db: PgDatabase) {}

  async readJson(key: string): Promise<StoredJson | undefined> {
    const { rows } = await this.db.query<{ etag: string; data: string }>(
      'SELECT etag, data FROM bot_state WHERE key = $1',
      [key],
      'state_read',
    );
    return rows[0] && { eTag: rows[0].etag, json: rows[0].data };
  }

  async writeJson(key: string, json: string, eTag: string | undefined, now = new Date().toISOString()): Promise<string> {
    const next = randomUUID();
    if (!eTag || eTag === '*') {
      await this.db.query(
        `INSERT INTO bot_state (key, etag, data, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
        [key, next, json, now],
        'state_upsert',
      );
      return next;
    }
    const { rowCount } = await this.db.query(
      `INSERT INTO bot_state (key, etag, data, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
       WHERE bot_state.etag = $5`,
      [key, next, json, now, eTag],
      'state_write',
    );
    if (rowCount === 0) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
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
    await this.db.transaction(async () => {
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
