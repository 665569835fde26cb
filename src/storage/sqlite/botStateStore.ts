import { randomUUID } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import type { BotStateStore, StoredJson } from '../botStateStore';
import { EtagConflictError } from '../etagConflict';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

/**
 * Bot Framework `Storage` on SQLite, with the contract's optimistic concurrency:
 * a write whose `eTag` is not the stored one fails; `*` or no eTag writes unconditionally.
 * `readJson`/`writeJson` are the same operations on the JSON text, for callers that already
 * have it (the conversation state compares texts to see whether a turn changed anything).
 */
export class SqliteBotStateStore implements BotStateStore {
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

  async readJson(key: string): Promise<StoredJson | undefined> {
    return this.readNow(key);
  }

  /** Writes one item's JSON and returns its new eTag; throws on an eTag conflict. */
  async writeJson(key: string, json: string, eTag: string | undefined, now = new Date().toISOString()): Promise<string> {
    return this.writeNow(key, json, eTag, now);
  }

  private readNow(key: string): StoredJson | undefined {
    const row = this.select.get(key) as { etag: string; data: string } | undefined;
    return row && { eTag: row.etag, json: row.data };
  }

  // synchronous, so that `write` can run several in one SQLite transaction
  private writeNow(key: string, json: string, eTag: string | undefined, now: string): string {
    const next = randomUUID();
    this.commits.join();
    if (!eTag || eTag === '*') {
      this.upsert.run(key, next, json, now);
    } else if (this.update.run(next, json, now, key, eTag).changes === 0) {
      if (this.select.get(key)) throw new EtagConflictError(key);
      this.insert.run(key, next, json, now);
    }
    return next;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const stored = this.readNow(key);
      if (stored) items[key] = { ...JSON.parse(stored.json), eTag: stored.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = new Date().toISOString();
    this.commits.join();
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...data } = (item ?? {}) as { eTag?: string };
        const next = this.writeNow(key, JSON.stringify(data), eTag, now);
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
