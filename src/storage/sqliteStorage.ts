import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

/**
 * Bot Framework `Storage` on SQLite, with the contract's optimistic concurrency:
 * a write whose `eTag` is not the stored one fails; `*` or no eTag writes unconditionally.
 */
export class SqliteStorage implements Storage {
  private readonly select;
  private readonly insert;
  private readonly update;
  private readonly upsert;
  private readonly remove;

  constructor(
    private readonly db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.select = db.prepare('SELECT etag, data FROM bot_state WHERE key = ?');
    this.insert = db.prepare('INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, ?, ?, ?)');
    this.update = db.prepare('UPDATE bot_state SET etag = ?, data = ?, updated_at = ? WHERE key = ? AND etag = ?');
    this.upsert = db.prepare(
      'INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at',
    );
    this.remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.select.get(key) as { etag: string; data: string } | undefined;
      if (row) items[key] = { ...JSON.parse(row.data), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = new Date().toISOString();
    this.commits.join();
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...data } = (item ?? {}) as { eTag?: string };
        const json = JSON.stringify(data);
        const next = randomUUID();
        if (!eTag || eTag === '*') {
          this.upsert.run(key, next, json, now);
        } else {
          const updated = this.update.run(next, json, now, key, eTag).changes;
          if (updated === 0) {
            const exists = this.select.get(key);
            if (exists) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
            this.insert.run(key, next, json, now);
          }
        }
        // Like MemoryStorage, hand the new eTag back so a second save in the same turn chains on it.
        if (item && typeof item === 'object') (item as { eTag?: string }).eTag = next;
      }
    })();
  }

  async delete(keys: string[]): Promise<void> {
    this.commits.join();
    for (const key of keys) this.remove.run(key);
  }
}
