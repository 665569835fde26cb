import type { Clock } from '../clock';
import { estimateWait, type SeatCount, waitRangeText } from '../domain/waitEstimate';
import type { ClaimAudit } from '../storage/claimAudit';
import type { Availability } from './availability';

/** The recent history an estimate is made from: the last 30 chats with a person that ended within a day. */
export const RECENT_CHATS = { count: 30, withinMs: 24 * 60 * 60 * 1000 };

/** The estimate, in words, for the customer at a place in the queue; null when there is none to give. */
export type WaitEstimateFor = (position: number) => Promise<string | null>;

/** The seats of the agents online now and how many are free (src/routing/seats.ts). */
export type SeatsNow = () => Promise<SeatCount>;

/**
 * What the waiting room and the hand-off notice say about the wait: from the agents' seats now and
 * how long recent chats lasted (the audit trail; both stores answer from one partial index). Nothing
 * is said outside the support hours, when nobody is online or when no chat has ended lately (see
 * domain/waitEstimate.ts).
 */
export function waitEstimates(
  audit: Pick<ClaimAudit, 'recentChatDurations'>,
  seatsNow: SeatsNow,
  online: Pick<Availability, 'countOnline'>,
  clock: Clock,
): WaitEstimateFor {
  return async (position) => {
    if (online.countOnline() < 1) return null;
    const since = new Date(clock.now().getTime() - RECENT_CHATS.withinMs).toISOString();
    const seats = await seatsNow();
    const range = estimateWait(position, seats, await audit.recentChatDurations(since, RECENT_CHATS.count));
    return range ? `From recent chats, expect to wait ${waitRangeText(range)}.` : null;
  };
}

/** No estimate (tests and callers without history). */
export const noWaitEstimate: WaitEstimateFor = async () => null;
