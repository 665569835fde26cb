import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { Commits } from '../storage/commits';
import { noteRepliesLeft } from './turnAttempt';

/** Marks a turn whose writes are committed at once rather than with the pass (see TurnRunner). */
export const COMMIT_AT_ONCE = Symbol('commitAtOnce');

/**
 * No reply leaves before the writes made ahead of it are committed: a customer never reads an
 * RMA number, a decision or a hand-off notice that a failed commit (or a crash) would take back.
 *
 * Registered last, next to the wire. The turn's replies are held until its logic is done — the
 * dialog state is saved after the last prompt is sent — and then go out together after one wait
 * for the commit of everything the turn wrote: one commit per turn, as before replies waited.
 * A failed commit rejects the send, and with it the turn: the customer gets the error path. A turn
 * that fails sends nothing it held (it may speak of writes that were rolled back) — so a turn that
 * fails on an eTag conflict can be run again (TurnRunner) without the customer reading anything twice.
 * Proactive turns (agent messages, notices) pass through it too.
 */
export function durableReplies(commits: Pick<Commits, 'durable' | 'commitNow'>): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      let held: Partial<Activity>[] | null = [];
      context.onSendActivities(async (ctx, activities, sendNext) => {
        if (held) {
          held.push(...activities);
          // the framework's own invoke response is read off the turn, not the wire: it is sent when released
          return activities.map((): ResourceResponse => ({ id: '' }));
        }
        if (ctx.turnState.get(COMMIT_AT_ONCE)) await commits.commitNow();
        else await commits.durable();
        // from here the turn cannot be run again (an eTag conflict's retry) without saying this twice
        noteRepliesLeft(ctx);
        return sendNext();
      });
      try {
        await next();
      } catch (error) {
        held = null;
        throw error;
      }
      const release = held;
      held = null;
      if (release.length) await context.sendActivities(release);
    },
  };
}
