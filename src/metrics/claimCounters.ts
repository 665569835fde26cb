import type { Counter } from 'prom-client';
import type { AfterCommit } from '../agents/feedPublishers';
import type { ClaimEvent } from '../claims/claimEvents';

/**
 * Counts hand-offs by reason and decisions by outcome and by whom, from the claim events: once the
 * change is committed (a unit rolled back or retried counts nothing), once per event.
 */
export function countClaimEvents(counters: { handoffs: Counter<'reason'>; decided: Counter<'outcome' | 'by'> }, afterCommit: AfterCommit) {
  return (event: ClaimEvent): void => {
    if (event.type === 'handoff.requested') {
      const reason = event.reason;
      afterCommit(() => counters.handoffs.inc({ reason }));
    } else if (event.type === 'claim.decided') {
      const { outcome, decidedBy } = event.claim.decision;
      if (!outcome || !decidedBy) return;
      afterCommit(() => counters.decided.inc({ outcome, by: decidedBy }));
    }
  };
}
