import type { Storage } from 'botbuilder';

/** A stored item as the database holds it: its eTag and its JSON (without the eTag). */
export interface StoredJson {
  eTag: string;
  json: string;
}

/**
 * The bot's conversation state: Bot Framework `Storage` with the contract's optimistic
 * concurrency (a write whose `eTag` is not the stored one fails; `*` or none writes anyway),
 * and the same operations on JSON text for callers that already have it.
 */
export interface BotStateStore extends Storage {
  readJson(key: string): Promise<StoredJson | undefined>;
  /** Writes one item's JSON and returns its new eTag; throws on an eTag conflict. */
  writeJson(key: string, json: string, eTag: string | undefined, now?: string): Promise<string>;
}
