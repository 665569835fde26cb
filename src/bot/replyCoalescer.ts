import { type Activity, ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

/** A bot statement that can ride along with the next message: plain text, nothing else. */
const isPlainStatement = (a: Partial<Activity>): boolean =>
  a.type === ActivityTypes.Message &&
  a.inputHint !== 'expectingInput' &&
  !a.channelData &&
  !a.attachments?.length &&
  !a.suggestedActions &&
  typeof a.text === 'string';

/**
 * "Thanks, I've got it." followed by "What's wrong with it?" goes out as one message with two
 * paragraphs: half the deliveries (each one an HTTP call to the channel) for the same words.
 * Order is kept: anything that is not a message (a hand-off event, typing) first flushes what is held,
 * and whatever is still held when the turn ends is sent then (unless the turn failed).
 */
export function replyCoalescer(): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      let held: Partial<Activity>[] = [];
      let flushing = false;
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        if (flushing) return sendNext();
        const out: Partial<Activity>[] = [];
        for (const activity of activities) {
          if (isPlainStatement(activity)) {
            held.push(activity);
          } else if (activity.type === ActivityTypes.Message && held.length && !activity.channelData?.agentAuthor) {
            out.push({ ...activity, text: [...held.map((h) => h.text), activity.text].filter(Boolean).join('\n\n') });
            held = [];
          } else {
            out.push(...held, activity);
            held = [];
          }
        }
        activities.splice(0, activities.length, ...(out as Activity[]));
        return activities.length ? sendNext() : [];
      });
      try {
        await next();
      } catch (error) {
        // the turn failed: what it held may speak of writes that were rolled back, and the error
        // path's own message (sent after the pipeline unwinds) must go out as it is
        held = [];
        flushing = true;
        throw error;
      }
      if (held.length) {
        flushing = true;
        const rest = held;
        held = [];
        await context.sendActivities(rest);
      }
    },
  };
}
