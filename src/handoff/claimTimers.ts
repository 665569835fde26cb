import type { Clock } from '../clock';
import type { Claim } from '../domain/claim';
import { type ResponseTimers, responseTimers, type TimerHours, type TimerTargets } from '../domain/responseTimers';

/** A claim's timers as the agents see them now, from the claim alone (its hand-off stamps): no transcript is read. */
export type ClaimTimers = (claim: Claim) => ResponseTimers | null;

/** Claims that the timers are about: waiting for an agent, or with one. Others carry `timers: null`. */
export const TIMED_STATUSES: readonly Claim['status'][] = ['pending_agent', 'with_agent'];

export function claimTimers(clock: Clock, hours: TimerHours, targets: TimerTargets): ClaimTimers {
  return (claim) => {
    if (!TIMED_STATUSES.includes(claim.status)) return null;
    const { requestedAt, acceptedAt, firstResponseAt } = claim.handoff;
    // a claim back in the queue waits again, whatever an earlier agent's stamp says
    const taken = claim.status === 'with_agent' ? acceptedAt : null;
    return responseTimers({ requestedAt, acceptedAt: taken, firstResponseAt }, clock.now(), targets, hours);
  };
}
