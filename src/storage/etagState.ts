import { ConversationState, calculateChangeHash, type Storage, type TurnContext, UserState } from 'botbuilder';

/**
 * BotState writes with eTag "*" (last writer wins). These subclasses write with the eTag
 * that was read at the start of the turn, so a turn that raced another one fails loudly
 * instead of silently overwriting it.
 */
function saveWithReadEtag(
  state: ConversationState | UserState,
  stateKey: symbol | string,
  context: TurnContext,
  force: boolean,
  storage: Storage,
) {
  const cached = context.turnState.get(stateKey) as { state: Record<string, unknown>; hash: string } | undefined;
  if (!cached) return Promise.resolve();
  const hash = calculateChangeHash(cached.state);
  if (!force && cached.hash === hash) return Promise.resolve();
  return Promise.resolve((state as unknown as { storageKey(c: TurnContext): string }).storageKey(context)).then(async (key) => {
    await storage.write({ [key]: cached.state });
    cached.hash = hash;
  });
}

export class EtagConversationState extends ConversationState {
  constructor(private readonly store: Storage) {
    super(store);
  }
  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveWithReadEtag(this, (this as unknown as { stateKey: symbol }).stateKey, context, force, this.store);
  }
}

export class EtagUserState extends UserState {
  constructor(private readonly store: Storage) {
    super(store);
  }
  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveWithReadEtag(this, (this as unknown as { stateKey: symbol }).stateKey, context, force, this.store);
  }
}
