import { type Activity, ActivityTypes, BotAdapter, type ConversationReference, type ResourceResponse, TurnContext } from 'botbuilder';
import { type Clock, systemClock } from '../../clock';
import type { AppendedActivity, DirectLineStore } from '../../storage/directLineStore';
import { noteRepliesLeft } from '../../turns/turnAttempt';

export const BOT_ACCOUNT = { id: 'qsee-assistant', name: 'Q-See Assistant', role: 'bot' };
export const DIRECT_LINE_SERVICE_URL = 'urn:qsee:directline';

type Listener = (conversationId: string, activities: Partial<Activity>[], watermark: number) => void;

/**
 * The bot's adapter for our own Direct Line: turns run in this process and replies go
 * straight to the conversation's store and live streams — no HTTP round trip.
 */
export class DirectLineAdapter extends BotAdapter {
  private readonly listeners: Listener[] = [];

  constructor(
    private readonly store: DirectLineStore,
    /** stamps the bot's and agents' activities: the app's clock, which tests move */
    private readonly clock: Clock = systemClock,
  ) {
    super();
  }

  /** Called with every stored activity (customer's or bot's), for the WebSocket streams. */
  onActivities(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Stores an activity for a conversation and tells the streams. */
  async publish(conversationId: string, activity: Partial<Activity>): Promise<AppendedActivity> {
    const result = await this.store.append(conversationId, activity);
    if (!result.duplicate) {
      this.store.whenStored(() => {
        for (const listener of this.listeners) listener(conversationId, [result.activity], result.watermark);
      });
    }
    return result;
  }

  /** Runs one turn of the bot for an activity that arrived on our Direct Line. */
  async process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation.id;
    const responses: ResourceResponse[] = [];
    // stored where a failed turn does not take them back: the turn is not run again (it would say them twice)
    if (!this.store.failedTurnsTakeBack) noteRepliesLeft(context);
    for (const outgoing of activities) {
      if (outgoing.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Number(outgoing.value) || 0));
        responses.push({ id: '' });
        continue;
      }
      if (outgoing.type === ActivityTypes.InvokeResponse) {
        responses.push({ id: '' });
        continue;
      }
      const { activity } = await this.publish(conversationId, {
        ...outgoing,
        from: outgoing.from?.id?.startsWith('agent:') ? outgoing.from : BOT_ACCOUNT,
        conversation: { id: conversationId } as Activity['conversation'],
        channelId: 'directline',
        timestamp: this.clock.now(),
        replyToId: outgoing.replyToId ?? context.activity.id,
      });
      responses.push({ id: activity.id as string });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    // Web Chat messages are not edited after the fact.
  }

  async deleteActivity(): Promise<void> {
    // nor deleted
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.process(activity, logic);
  }

  /** Sends activities to a conversation outside any customer turn (agent messages, hand-off notices). */
  async deliver(conversationId: string, activities: Partial<Activity>[]): Promise<void> {
    await this.runTurn(conversationId, async (context) => {
      await context.sendActivities(activities);
    });
  }

  /** A proactive turn in one of our conversations. */
  async runTurn(conversationId: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const reference: Partial<ConversationReference> = {
      conversation: { id: conversationId } as ConversationReference['conversation'],
      bot: BOT_ACCOUNT,
      channelId: 'directline',
      serviceUrl: DIRECT_LINE_SERVICE_URL,
    };
    await this.continueConversation(reference, logic);
  }
}
