import type { Middleware, TurnContext } from 'botbuilder';

/** What a reply waits for: the commit of everything written before it. */
export interface Commits {
  durable(): Promise<void>;
  flush(): void;
}

/** Marks a turn whose writes are committed at once rather than with the pass (see app.ts, botTurn). */
export const COMMIT_AT_ONCE = Symbol('commitAtOnce');

/**
 * No reply leaves before the writes made ahead of it are committed: a customer never reads an
 * RMA number, a decision or a hand-off notice that a failed commit (or a crash) would take
 * back. Registered last, so it sits next to the wire: it waits once per batch the channel
 * receives (the reply coalescer has already joined the turn's statements), and not at all when
 * nothing is pending. A failed commit rejects the send, and with it the turn: the customer gets
 * the error path. Proactive turns (agent messages, notices) pass through it too.
 */
export function durableReplies(commits: Commits): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      context.onSendActivities(async (ctx, _activities, sendNext) => {
        if (ctx.turnState.get(COMMIT_AT_ONCE)) commits.flush();
        else await commits.durable();
        return sendNext();
      });
      return next();
    },
  };
}
