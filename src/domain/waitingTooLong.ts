import type { Claim } from './claim';
import type { TimerHours } from './responseTimers';
import { supportMsBetween } from './supportTime';

/**
 * Whether a claim has waited in the queue past the re-offer time (QUEUE_REOFFER_MINUTES): nobody
 * took it, so the console flags it (and with AUTO_ASSIGN on the router keeps offering it). Counted
 * like the timers, within support hours from the hand-off (a requeue keeps it); computed from the
 * clock rather than stored, so it needs no timer and no write.
 * @example waitingTooLong({ status: 'pending_agent', handoff: { requestedAt: '2026-03-02T17:00:00Z' } }, new Date('2026-03-02T17:05:00Z'), 300_000, { timeZone: 'UTC' }) // true
 */
export function waitingTooLong(
  claim: Pick<Claim, 'status'> & { handoff: Pick<Claim['handoff'], 'requestedAt'> },
  now: Date,
  reofferMs: number,
  hours: TimerHours,
): boolean {
  if (claim.status !== 'pending_agent' || !claim.handoff.requestedAt) return false;
  const requested = new Date(claim.handoff.requestedAt);
  if (Number.isNaN(requested.getTime())) return false;
  return supportMsBetween(hours.supportHours, requested, now, hours.timeZone) >= reofferMs;
}
