import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { BoundedMap } from '../boundedMap';
import type { Db } from '../storage/database';
import type { GroupCommit } from '../storage/groupCommit';

/**
 * The one way anything reaches a customer's chat: within the customer's own turn when one
 * is running here, otherwise proactively through the adapter with the stored conversation
 * reference. Hand-off notices, agent messages and late decisions all go through it.
 */
export interface CustomerChannel {
  deliver(conversationId: string, activities: Partial<Activity>[]): Promise<void>;
}

/** A transport that reaches some conversations by itself (our own Direct Line). */
export interface ConversationTransport {
  owns(conversationId: string): boolean;
  deliver(conversationId: string, activities: Partial<Activity>[]): Promise<void>;
  runTurn(conversationId: string, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export class BotFrameworkCustomerChannel implements CustomerChannel {
  private readonly liveTurns = new Map<string, TurnContext>();
  private readonly transports: ConversationTransport[] = [];
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
      'INSERT INTO conversation_refs (conversation_id, reference, updated_at) VALUES (?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at',
    );
    this.loadStmt = db.prepare('SELECT reference FROM conversation_refs WHERE conversation_id = ?');
  }

  addTransport(transport: ConversationTransport): void {
    this.transports.push(transport);
  }

  /** Remembers where a conversation lives, and that a turn of it is running now. */
  async withTurn<T>(context: TurnContext, run: () => Promise<T>): Promise<T> {
    const id = context.activity.conversation.id;
    this.rememberReference(context.activity);
    this.liveTurns.set(id, context);
    try {
      return await run();
    } finally {
      if (this.liveTurns.get(id) === context) this.liveTurns.delete(id);
    }
  }

  async deliver(conversationId: string, activities: Partial<Activity>[]): Promise<void> {
    const live = this.liveTurns.get(conversationId);
    if (live) {
      await live.sendActivities(activities);
      return;
    }
    const transport = this.transports.find((t) => t.owns(conversationId));
    if (transport) return transport.deliver(conversationId, activities);
    const reference = this.reference(conversationId);
    if (!reference) throw new Error(`no conversation reference for ${conversationId}`);
    await this.adapter.continueConversationAsync(this.appId ?? '', reference, async (context) => {
      await context.sendActivities(activities);
    });
  }

  /** Runs a bot turn for a conversation without a customer message (proactive). */
  async runTurn(conversationId: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const transport = this.transports.find((t) => t.owns(conversationId));
    if (transport) return transport.runTurn(conversationId, logic);
    const reference = this.reference(conversationId);
    if (!reference) throw new Error(`no conversation reference for ${conversationId}`);
    await this.adapter.continueConversationAsync(this.appId ?? '', reference, logic);
  }

  private rememberReference(activity: Activity): void {
    if (!activity.serviceUrl || !activity.conversation?.id) return;
    const reference: Partial<ConversationReference> = {
      user: activity.from,
      bot: activity.recipient,
      conversation: activity.conversation,
      channelId: activity.channelId,
      locale: activity.locale,
      serviceUrl: activity.serviceUrl,
    };
    const json = JSON.stringify(reference);
    if (this.known.get(activity.conversation.id) === json) return;
    this.known.set(activity.conversation.id, json);
    this.commits.join();
    this.saveStmt.run(activity.conversation.id, json, new Date().toISOString());
  }

  private reference(conversationId: string): Partial<ConversationReference> | null {
    const row = this.loadStmt.get(conversationId) as { reference: string } | undefined;
    return row ? JSON.parse(row.reference) : null;
  }
}
