import type { AfterCommit } from '../agents/feedPublishers';
import type { ClaimEvent } from '../claims/claimEvents';
import type { LedWork } from '../cluster/lease';
import { ROUTING_TICK_MS, type Router } from './router';

/**
 * What makes the router look again, once the change is committed: a claim waiting (handed off, or
 * back in the queue), and a chat leaving an agent's hands (resolved, closed, returned to the bot: a
 * seat is free). `nudge` reaches the leading instance wherever that is (relayRoutingNudges).
 */
export function routeOnClaimEvents(nudge: () => void, afterCommit: AfterCommit) {
  return (event: ClaimEvent): void => {
    const waits = event.claim.status === 'pending_agent';
    const seatFreed = event.claim.handoff.agent !== null && event.claim.status !== 'with_agent';
    if (event.type === 'handoff.requested' || waits || seatFreed) afterCommit(nudge);
  };
}

/** Work led with the router and ticked by its timer. */
export type TimedWork = Pick<Router, 'lead' | 'follow' | 'tick'>;

/**
 * The router as work led once per cluster: it leads with a timer (unref'd: it keeps no process alive).
 * `alongside` (the silence watch) is led, ticked and given up with it: the same lease, the same timer.
 */
export function routerOnTimer(router: TimedWork, everyMs = ROUTING_TICK_MS, alongside: TimedWork[] = []): LedWork {
  const all = [router, ...alongside];
  let timer: NodeJS.Timeout | null = null;
  return {
    lead: () => {
      for (const work of all) work.lead();
      timer ??= setInterval(() => {
        for (const work of all) void work.tick();
      }, everyMs);
      timer.unref();
    },
    follow: () => {
      if (timer) clearInterval(timer);
      timer = null;
      for (const work of all) work.follow();
    },
  };
}
