import type { Activity, Middleware, TurnContext } from 'botbuilder';

/** What an agent's message carries so the customer sees who wrote it. */
export interface AgentAuthor {
  username: string;
  name: string;
}

/**
 * Bot Framework stamps every outgoing activity with the bot as `from`. A message an agent
 * wrote goes out as `from: {id: "agent:<username>", name}` instead (design.md).
 */
export function agentIdentityMiddleware(): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        for (const activity of activities) {
          const author = (activity.channelData as { agentAuthor?: AgentAuthor } | undefined)?.agentAuthor;
          if (author) activity.from = { id: `agent:${author.username}`, name: author.name, role: 'bot' } as Activity['from'];
        }
        return sendNext();
      });
      return next();
    },
  };
}
