import { ActivityTypes, InputHints } from 'botbuilder';
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

/** The router as work led once per cluster: it leads with a timer (unref'd: it keeps no process alive). */
export function routerOnTimer(router: Pick<Router, 'lead' | 'follow' | 'tick'>, everyMs = ROUTING_TICK_MS): LedWork {
  let timer: NodeJS.Timeout | null = null;
  return {
    lead: () => {
      router.lead();
      timer ??= setInterval(() => void router.tick(), everyMs);
      timer.unref();
    },
    follow: () => {
      if (timer) clearInterval(timer);
      timer = null;
      router.follow();
    },
  };
}

/** A line from the service itself (no agent's name on it) in the customer's chat. */
export const serviceMessage = (text: string) => ({ type: ActivityTypes.Message, text, inputHint: InputHints.AcceptingInput });
