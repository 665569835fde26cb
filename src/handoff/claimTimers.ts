import type { Clock } from '../clock';
import type { Claim } from '../domain/claim';
import { type ResponseTimers, responseTimers, type TimerHours, type TimerTargets } from '../domain/responseTimers';
import type { TranscriptEntry } from '../storage/transcriptRepository';
import { isAgentGreeting } from './agentGreeting';

/** A claim's timers as the agents see them now; the transcript is needed only once an agent has the chat. */
export type ClaimTimers = (claim: Claim, transcript: TranscriptEntry[] | null) => ResponseTimers | null;

/** Claims that the timers are about: waiting for an agent, or with one. Others carry `timers: null`. */
export const TIMED_STATUSES: readonly Claim['status'][] = ['pending_agent', 'with_agent'];

/** Whether the claim's timers depend on what the agent has said (and so on its transcript). */
export const needsTranscript = (claim: Claim): boolean => claim.status === 'with_agent' && claim.handoff.acceptedAt !== null;

export function claimTimers(clock: Clock, hours: TimerHours, targets: TimerTargets): ClaimTimers {
  return (claim, transcript) => {
    if (!TIMED_STATUSES.includes(claim.status)) return null;
    const acceptedAt = claim.status === 'with_agent' ? claim.handoff.acceptedAt : null;
    const firstTyped = acceptedAt && transcript ? firstAgentMessageAt(transcript, acceptedAt) : null;
    return responseTimers({ requestedAt: claim.handoff.requestedAt, acceptedAt }, firstTyped, clock.now(), targets, hours);
  };
}

/** The first message an agent typed since the chat was taken (not the automatic greeting). */
function firstAgentMessageAt(transcript: TranscriptEntry[], acceptedAt: string): Date | null {
  const since = new Date(acceptedAt).getTime();
  let first = Number.POSITIVE_INFINITY;
  for (const entry of transcript) {
    const at = new Date(entry.timestamp).getTime();
    if (entry.from === 'agent' && at >= since && at < first && !isAgentGreeting(entry.text)) first = at;
  }
  return Number.isFinite(first) ? new Date(first) : null;
}
