import type { Claim } from './claim';

/**
 * Whether a claim has waited in the queue past the re-offer time (QUEUE_REOFFER_MINUTES): nobody
 * took it, so the console flags it (and with AUTO_ASSIGN on the router keeps offering it). Computed
 * from the hand-off time and the clock rather than stored, so it needs no timer and no write.
 * @example waitingTooLong({ status: 'pending_agent', handoff: { requestedAt: '2026-03-02T17:00:00Z' } }, new Date('2026-03-02T17:05:00Z'), 300_000) // true
 */
export function waitingTooLong(
  claim: Pick<Claim, 'status'> & { handoff: Pick<Claim['handoff'], 'requestedAt'> },
  now: Date,
  reofferMs: number,
): boolean {
  if (claim.status !== 'pending_agent' || !claim.handoff.requestedAt) return false;
  const waitedMs = now.getTime() - Date.parse(claim.handoff.requestedAt);
  return Number.isFinite(waitedMs) && waitedMs >= reofferMs;
}
