import type { Activity } from 'botbuilder';
import { type Clock, systemClock } from '../../clock';
import { DIRECT_LINE_CHANNEL, keyText } from '../../domain/conversationKey';
import type { TurnRunner } from '../../turns/turnRunner';
import { BOT_ACCOUNT, DIRECT_LINE_SERVICE_URL, type DirectLineAdapter } from './directLineAdapter';
import type { DirectLineTokenClaims } from './directLineTokens';

/** A Direct Line conversation's place in the turn queue, shared with agents' proactive turns. */
const directLineKey = (id: string) => keyText({ channel: DIRECT_LINE_CHANNEL, id });

/** What a Direct Line customer sends, stored (Web Chat waits for its echo) and handed to the turn runner. */
export class CustomerTurns {
  constructor(
    private readonly adapter: DirectLineAdapter,
    private readonly runner: TurnRunner,
    /** stamps what the customer sends: the app's clock, which tests move */
    private readonly clock: Clock = systemClock,
  ) {}

  /** Stores the customer's activity, already read by readIncomingActivity, and runs the bot on it; its id. */
  async receive(claims: DirectLineTokenClaims, checked: Partial<Activity>, attachments?: Activity['attachments']): Promise<string> {
    const incoming: Partial<Activity> = {
      ...checked,
      attachments: attachments ?? [],
      from: { id: claims.userId, name: 'You', role: 'user' },
      recipient: BOT_ACCOUNT,
      conversation: { id: claims.conversationId } as Activity['conversation'],
      channelId: 'directline',
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      timestamp: this.clock.now().toISOString() as unknown as Date,
    };
    // stored in the turn's own unit of work: if the turn cannot be committed, neither is the message,
    // and the customer's resend (same clientActivityID) runs it again instead of being taken as done
    let storedByThisTurn: Partial<Activity> | undefined;
    return this.runner.run(
      directLineKey(claims.conversationId),
      async (logic) => {
        const { activity, duplicate } = await this.adapter.publish(claims.conversationId, incoming);
        // The runner may run this again (an eTag conflict). PostgreSQL took the first attempt's copy back,
        // so it is stored anew; SQLite's group commit keeps it, so the "resend" found is this turn's own
        // message, answered now rather than taken as done.
        const ours = !duplicate || isSameStoredActivity(activity, storedByThisTurn);
        if (!duplicate) storedByThisTurn = activity;
        if (ours) await this.adapter.process(activity, logic);
        return activity.id as string;
      },
      { message: incoming.type === 'message' },
    );
  }

  /** The customer joined: the bot greets them (once per conversation, the caller checks). */
  async start(claims: DirectLineTokenClaims): Promise<void> {
    const update: Partial<Activity> = {
      type: 'conversationUpdate',
      membersAdded: [BOT_ACCOUNT, { id: claims.userId, name: 'You' }],
      from: { id: claims.userId, name: 'You', role: 'user' },
      recipient: BOT_ACCOUNT,
      conversation: { id: claims.conversationId } as Activity['conversation'],
      channelId: 'directline',
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      id: `${claims.conversationId}|start`,
    };
    await this.run(claims.conversationId, update);
  }

  private run(conversationId: string, activity: Partial<Activity>): Promise<void> {
    return this.runner.run(directLineKey(conversationId), (logic) => this.adapter.process(activity, logic), {
      message: activity.type === 'message',
    });
  }
}

/** The very activity stored earlier by this turn (same id and the server's own timestamp), not a resend stored by another. */
function isSameStoredActivity(found: Partial<Activity>, stored: Partial<Activity> | undefined): boolean {
  return stored !== undefined && found.id === stored.id && String(found.timestamp) === String(stored.timestamp);
}
