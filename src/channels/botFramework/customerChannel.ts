import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { conversationKeyOf } from '../../bot/conversationScope';
import { BoundedMap } from '../../boundedMap';
import { type ConversationKey, DIRECT_LINE_CHANNEL, keyText } from '../../domain/conversationKey';
import type { Db } from '../../storage/database';
import type { GroupCommit } from '../../storage/groupCommit';

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
  /** The last reference written per conversation: most turns would write the same again. */
  private readonly known = new BoundedMap<string, string>(10_000);
  private readonly saveStmt;
  private readonly loadStmt;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string | undefined,
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.saveStmt = db.prepare(
      'INSERT INTO conversation_references (channel, conversation_id, reference, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(channel, conversation_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at',
    );
    this.loadStmt = db.prepare('SELECT reference FROM conversation_references WHERE channel = ? AND conversation_id = ?');
    // a rolled-back reference must be written again by the next turn
    commits.onRollback(() => this.known.clear());
  }

  useDirectLine(transport: ConversationTransport): void {
    this.directLine = transport;
  }

  /** Remembers where a conversation lives, and that a turn of it is running now. */
  async withTurn<T>(context: TurnContext, run: () => Promise<T>): Promise<T> {
    const conversation = conversationKeyOf(context);
    const key = keyText(conversation);
    if (conversation.channel !== DIRECT_LINE_CHANNEL) this.rememberReference(conversation, context.activity);
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
    const reference = this.reference(conversation);
    if (!reference) throw new Error(`no conversation reference for ${conversation.id} on ${conversation.channel}`);
    await this.adapter.continueConversationAsync(this.appId ?? '', reference, logic);
  }

  private rememberReference(conversation: ConversationKey, activity: Activity): void {
    const reference: Partial<ConversationReference> = {
      user: activity.from,
      bot: activity.recipient,
      conversation: activity.conversation,
      channelId: activity.channelId,
      locale: activity.locale,
      serviceUrl: activity.serviceUrl,
    };
    const json = JSON.stringify(reference);
    const key = keyText(conversation);
    if (this.known.get(key) === json) return;
    this.known.set(key, json);
    this.commits.join();
    this.saveStmt.run(conversation.channel, conversation.id, json, new Date().toISOString());
  }

  private reference(conversation: ConversationKey): Partial<ConversationReference> | null {
    const row = this.loadStmt.get(conversation.channel, conversation.id) as { reference: string } | undefined;
    return row ? JSON.parse(row.reference) : null;
  }
}
