import type { Middleware, TurnContext } from 'botbuilder';
import { type ConversationKey, keyText } from '../domain/conversationKey';

const KEY = Symbol('conversationKey');

/**
 * Puts the turn's conversation key in its turn state. Each adapter registers it first, with
 * the channel it stands for: our Direct Line a constant, the Bot Framework adapter the origin
 * of the serviceUrl the route accepted (and replies go to). Nothing later reads the channel
 * from the activity.
 */
export function conversationScope(channelOf: (context: TurnContext) => string | null): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      const channel = channelOf(context);
      const id = context.activity.conversation?.id;
      if (!channel || typeof id !== 'string' || !id) throw new Error('a turn without a conversation of a known channel');
      context.turnState.set(KEY, { channel, id } satisfies ConversationKey);
      return next();
    },
  };
}

/** The conversation this turn belongs to (set by `conversationScope`). */
export function conversationKeyOf(context: TurnContext): ConversationKey {
  const key = context.turnState.get(KEY) as ConversationKey | undefined;
  if (!key) throw new Error('the turn has no conversation key: register conversationScope on its adapter');
  return key;
}

export const conversationKeyTextOf = (context: TurnContext): string => keyText(conversationKeyOf(context));
