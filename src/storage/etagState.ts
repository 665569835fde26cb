import { ConversationState, type TurnContext } from 'botbuilder';
import { conversationKeyOf } from '../bot/conversationScope';
import type { ConversationKey } from '../domain/conversationKey';
import type { BotStateStore } from './botStateStore';

/** Where a conversation's dialog state is stored. */
export const conversationStateKey = ({ channel, id }: ConversationKey): string => `${channel}/conversations/${id}/`;

interface CachedState {
  state: Record<string, unknown>;
  /** the JSON the state was read as (or last written as): unchanged text, nothing to write */
  hash: string;
  eTag?: string;
}

/**
 * Conversation state on our SQLite storage, with two differences from botbuilder's:
 *  - it writes with the eTag read at the start of the turn (botbuilder writes with "*", last
 *    writer wins), so a turn that raced another one fails loudly instead of overwriting it;
 *  - it tells "changed" from "unchanged" by the JSON text itself, serialising the state once
 *    per save (botbuilder hashes it on load and on save, then the storage serialises it again);
 *  - its key is the turn's conversation key (channel and id), not the activity's channelId,
 *    which any caller of /api/messages writes.
 */
export class EtagConversationState extends ConversationState {
  constructor(private readonly store: BotStateStore) {
    super(store);
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
    if (!force && cached?.state) return cached.state;
    const stored = await this.store.readJson(this.getStorageKey(context) as string);
    const loaded: CachedState = stored
      ? { state: JSON.parse(stored.json), hash: stored.json, eTag: stored.eTag }
      : { state: {}, hash: '{}' };
    context.turnState.set(this.cacheKey, loaded);
    return loaded.state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
    if (!cached) return;
    const { eTag: _ignored, ...state } = cached.state;
    const json = JSON.stringify(state);
    if (!force && json === cached.hash) return;
    cached.eTag = await this.store.writeJson(this.getStorageKey(context) as string, json, cached.eTag);
    cached.hash = json;
  }

  override getStorageKey(context: TurnContext): string {
    return conversationStateKey(conversationKeyOf(context));
  }

  private get cacheKey(): symbol {
    return (this as unknown as { stateKey: symbol }).stateKey;
  }
}
