import type { Clock } from '../clock';
import { estimateWait, waitRangeText } from '../domain/waitEstimate';
import type { ClaimAudit } from '../storage/claimAudit';
import type { Availability } from './availability';

/** The recent history an estimate is made from: the last 20 times a person took a waiting claim, within a day. */
export const RECENT_WAITS = { count: 20, withinMs: 24 * 60 * 60 * 1000 };

/** The estimate, in words, for the customer at a place in the queue; null when there is none to give. */
export type WaitEstimateFor = (position: number) => Promise<string | null>;

/**
 * What the waiting room and the hand-off notice say about the wait: from the audit trail's recent
 * waits (both stores answer from one partial index) and the agents who can answer now. Nothing is
 * said when nobody is online or nobody was taken from the queue lately (see domain/waitEstimate.ts).
 */
export function waitEstimates(
  audit: Pick<ClaimAudit, 'recentWaits'>,
  online: Pick<Availability, 'countOnline'>,
  clock: Clock,
): WaitEstimateFor {
  return async (position) => {
    const agents = online.countOnline();
    if (agents < 1) return null;
    const since = new Date(clock.now().getTime() - RECENT_WAITS.withinMs).toISOString();
    const range = estimateWait(await audit.recentWaits(since, RECENT_WAITS.count), position, agents);
    return range ? `From recent chats, expect to wait ${waitRangeText(range)}.` : null;
  };
}

/** No estimate (tests and callers without history). */
export const noWaitEstimate: WaitEstimateFor = async () => null;
