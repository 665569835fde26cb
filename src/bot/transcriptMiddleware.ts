import { type Activity, ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { TranscriptRepository } from '../storage/transcriptRepository';

const senderOf = (activity: Partial<Activity>, incoming: boolean): 'customer' | 'bot' | 'agent' =>
  incoming ? 'customer' : activity.from?.id?.startsWith('agent:') ? 'agent' : 'bot';

/** Records every message in and out, so an agent sees the whole conversation. */
export function transcriptMiddleware(transcript: TranscriptRepository): Middleware {
  const record = (activity: Partial<Activity>, incoming: boolean, conversationId: string) => {
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.Event) return;
    transcript.record({
      conversationId,
      activityId: activity.id ?? null,
      direction: incoming ? 'in' : 'out',
      from: senderOf(activity, incoming),
      type: activity.type,
      text: activity.type === ActivityTypes.Event ? (activity.name ?? null) : (activity.text ?? null),
      attachments: (activity.attachments ?? []).map((a) => ({ name: a.name, contentType: a.contentType })),
      timestamp: new Date().toISOString(),
    });
  };
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      const conversationId = context.activity.conversation?.id;
      if (!conversationId) return next();
      record(context.activity, true, conversationId);
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        for (const activity of activities) record({ ...activity, id: undefined }, false, conversationId);
        return sendNext();
      });
      return next();
    },
  };
}
