import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { conversationKeyOf } from '../../bot/conversationScope';
import { type ConversationKey, DIRECT_LINE_CHANNEL, keyText } from '../../domain/conversationKey';
import type { ConversationReferences } from '../../storage/conversationReferences';

/**
 * The one way anything reaches a customer's chat: within the customer's own turn when one
 * is running here, otherwise proactively — through our Direct Line for its conversations, or
 * through the adapter with the reference stored for that channel's conversation. Hand-off
 * notices, agent messages and late decisions all go through it.
 */
export interface CustomerChannel {
  deliver(conversation: ConversationKey, activities: Partial<Activity>[]): Promise<void>;
}

/** How our own Direct Line reaches its conversations. */
export interface ConversationTransport {
  runTurn(conversationId: string, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export class BotFrameworkCustomerChannel implements CustomerChannel {
  private readonly liveTurns = new Map<string, TurnContext>();
  private directLine?: ConversationTransport;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string | undefined,
    private readonly references: ConversationReferences,
  ) {}

  useDirectLine(transport: ConversationTransport): void {
    this.directLine = transport;
  }

  /** Remembers where a conversation lives, and that a turn of it is running now. */
  async withTurn<T>(context: TurnContext, run: () => Promise<T>): Promise<T> {
    const conversation = conversationKeyOf(context);
    const key = keyText(conversation);
    if (conversation.channel !== DIRECT_LINE_CHANNEL) await this.rememberReference(conversation, context.activity);
    this.liveTurns.set(key, context);
    try {
      return await run();
    } finally {
      if (this.liveTurns.get(key) === context) this.liveTurns.delete(key);
    }
  }

  async deliver(conversation: ConversationKey, activities: Partial<Activity>[]): Promise<void> {
    const live = this.liveTurns.get(keyText(conversation));
    if (live) {
      await live.sendActivities(activities);
      return;
    }
    await this.runTurn(conversation, async (context) => {
      await context.sendActivities(activities);
    });
  }

  /** Runs a bot turn for a conversation without a customer message (proactive), on the conversation's own channel. */
  async runTurn(conversation: ConversationKey, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (conversation.channel === DIRECT_LINE_CHANNEL) {
      if (!this.directLine) throw new Error('no Direct Line transport');
      return this.directLine.runTurn(conversation.id, logic);
    }
    const reference = await this.reference(conversation);
    if (!reference) throw new Error(`no conversation reference for ${conversation.id} on ${conversation.channel}`);
    await this.adapter.continueConversationAsync(this.appId ?? '', reference, logic);
  }

  private async rememberReference(conversation: ConversationKey, activity: Activity): Promise<void> {
    const reference: Partial<ConversationReference> = {
      user: activity.from,
      bot: activity.recipient,
      conversation: activity.conversation,
      channelId: activity.channelId,
      locale: activity.locale,
      serviceUrl: activity.serviceUrl,
    };
    await this.references.save(conversation, reference);
  }

  private async reference(conversation: ConversationKey): Promise<Partial<ConversationReference> | null> {
    return (await this.references.find(conversation)) as Partial<ConversationReference> | null;
  }
}
