import { supportDeadline, supportMsBetween } from './supportTime';

export type TimerState = 'ok' | 'warning' | 'missed';

/** What the agents see on a claim that asked for a person (design.md, "Contract additions": `timers`). */
export interface ResponseTimers {
  /** Support time from the hand-off until an agent has the chat (until now while it waits). */
  waitingSeconds: number;
  /**
   * Support time from the hand-off to the first message an agent typed (until now while none and an
   * agent has the chat); null while it waits in the queue with no message typed yet.
   */
  firstResponseSeconds: number | null;
  /** When the target that applies is (or was) due; null when the support hours leave no time for it within a year. */
  dueAt: string | null;
  state: TimerState;
}

export interface TimerTargets {
  /** The first message an agent types, counted from the hand-off. */
  firstResponseMs: number;
  /** An agent having the chat, counted from the hand-off. */
  waitMs: number;
}

export interface TimerHours {
  /** "Mon-Fri 08:00-18:00"; unset: always. */
  supportHours?: string;
  timeZone: string;
}

/** The hand-off's stamps the timers read (claim.handoff); a missing or unreadable one reads as not yet. */
export interface TimedHandoff {
  /** The hand-off; a requeue keeps it, a new hand-off sets it again. */
  requestedAt: string | null;
  /** When an agent took it from the queue (null while it waits); a transfer keeps it. */
  acceptedAt: string | null;
  /** The first message an agent typed (not the automatic lines); set once, missing on claims stored before it. */
  firstResponseAt?: string | null;
}

/** The last fifth before a target warns. */
const WARNING_SHARE = 0.2;

/**
 * The claim's response timers at `now`, counted only within support hours and both from the hand-off
 * (the dashboard's `firstResponseSeconds` is the same measure): while it waits, the wait target; once an
 * agent has it, the first-response target, met by the first message an agent types. Null for a claim
 * that never asked for a person. The caller passes `acceptedAt: null` for a claim back in the queue.
 * @example responseTimers({ requestedAt: '2026-03-02T09:00:00Z', acceptedAt: null }, new Date('2026-03-02T09:09:00Z'), { firstResponseMs: 900_000, waitMs: 600_000 }, { timeZone: 'UTC' })
 * // { waitingSeconds: 540, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'warning' }
 */
export function responseTimers(handoff: TimedHandoff, now: Date, targets: TimerTargets, hours: TimerHours): ResponseTimers | null {
  const requested = validDate(handoff.requestedAt);
  if (!requested) return null;
  const accepted = validDate(handoff.acceptedAt);
  const answered = notBefore(validDate(handoff.firstResponseAt ?? null), requested);
  const counted = (to: Date) => supportMsBetween(hours.supportHours, requested, to, hours.timeZone);
  const due = (ms: number) => iso(supportDeadline(hours.supportHours, requested, ms, hours.timeZone));
  const waitedMs = counted(accepted ?? now);
  const respondedMs = answered || accepted ? counted(answered ?? now) : null;
  const firstResponseSeconds = respondedMs === null ? null : seconds(respondedMs);
  if (!accepted)
    return {
      waitingSeconds: seconds(waitedMs),
      firstResponseSeconds,
      dueAt: due(targets.waitMs),
      state: stateOf(waitedMs, targets.waitMs, false),
    };
  return {
    waitingSeconds: seconds(waitedMs),
    firstResponseSeconds,
    dueAt: due(targets.firstResponseMs),
    state: stateOf(respondedMs ?? 0, targets.firstResponseMs, answered !== null),
  };
}

/** Missed past the target; a target met stays ok, one still running warns in its last fifth. */
function stateOf(elapsedMs: number, targetMs: number, done: boolean): TimerState {
  if (elapsedMs > targetMs) return 'missed';
  if (done) return 'ok';
  return elapsedMs >= targetMs * (1 - WARNING_SHARE) ? 'warning' : 'ok';
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const iso = (date: Date | null) => (date ? date.toISOString() : null);
/** A stamp from before the hand-off belongs to an earlier one (or another instance's clock): not this hand-off's. */
const notBefore = (date: Date | null, start: Date) => (date && date.getTime() >= start.getTime() ? date : null);

function validDate(text: string | null): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
