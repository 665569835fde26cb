import { type Activity, ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { type Clock, systemClock } from '../clock';
import type { ConversationKey } from '../domain/conversationKey';
import type { TranscriptRepository } from '../storage/transcriptRepository';
import { conversationKeyOf } from './conversationScope';

const senderOf = (activity: Partial<Activity>, incoming: boolean): 'customer' | 'bot' | 'agent' =>
  incoming ? 'customer' : activity.from?.id?.startsWith('agent:') ? 'agent' : 'bot';

/** Records every message in and out, so an agent sees the whole conversation; stamped by the app's clock (tests move it). */
export function transcriptMiddleware(transcript: TranscriptRepository, clock: Clock = systemClock): Middleware {
  const record = async (activity: Partial<Activity>, incoming: boolean, conversation: ConversationKey): Promise<void> => {
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.Event) return;
    await transcript.record({
      conversation,
      activityId: activity.id ?? null,
      direction: incoming ? 'in' : 'out',
      from: senderOf(activity, incoming),
      type: activity.type,
      text: activity.type === ActivityTypes.Event ? (activity.name ?? null) : (activity.text ?? null),
      attachments: (activity.attachments ?? []).map((a) => ({ name: a.name, contentType: a.contentType })),
      timestamp: clock.now().toISOString(),
    });
  };
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      const conversation = conversationKeyOf(context);
      await record(context.activity, true, conversation);
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        for (const activity of activities) await record({ ...activity, id: undefined }, false, conversation);
        return sendNext();
      });
      return next();
    },
  };
}
