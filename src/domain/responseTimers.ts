import { supportDeadline, supportMsBetween } from './supportTime';

export type TimerState = 'ok' | 'warning' | 'missed';

/** What the agents see on a claim that asked for a person (design.md, "Contract additions": `timers`). */
export interface ResponseTimers {
  /** Support time from the hand-off until an agent took the chat (until now while it waits). */
  waitingSeconds: number;
  /** Support time from taking the chat to the agent's first typed message (until now while none); null while it waits. */
  firstResponseSeconds: number | null;
  /** When the target that applies is (or was) due; null when the support hours leave no time for it within a year. */
  dueAt: string | null;
  state: TimerState;
}

export interface TimerTargets {
  /** The agent's first typed message, counted from taking the chat. */
  firstResponseMs: number;
  /** Taking the chat, counted from the hand-off. */
  waitMs: number;
}

export interface TimerHours {
  /** "Mon-Fri 08:00-18:00"; unset: always. */
  supportHours?: string;
  timeZone: string;
}

/** The last fifth before a target warns. */
const WARNING_SHARE = 0.2;

/**
 * The claim's response timers at `now`, counted only within support hours: while it waits, the wait
 * target (from the hand-off); once an agent has it, the first-response target (from taking it to the
 * first message the agent types — the automatic greeting is not one). Null for a claim that never
 * asked for a person.
 * @example responseTimers({ requestedAt: '2026-03-02T09:00:00Z', acceptedAt: null }, null, new Date('2026-03-02T09:09:00Z'), { firstResponseMs: 300_000, waitMs: 600_000 }, { timeZone: 'UTC' })
 * // { waitingSeconds: 540, firstResponseSeconds: null, dueAt: '2026-03-02T09:10:00.000Z', state: 'warning' }
 */
export function responseTimers(
  handoff: { requestedAt: string | null; acceptedAt: string | null },
  firstAgentMessageAt: Date | null,
  now: Date,
  targets: TimerTargets,
  hours: TimerHours,
): ResponseTimers | null {
  const requested = validDate(handoff.requestedAt);
  if (!requested) return null;
  const accepted = validDate(handoff.acceptedAt);
  const counted = (from: Date, to: Date) => supportMsBetween(hours.supportHours, from, to, hours.timeZone);
  const waitedMs = counted(requested, accepted ?? now);
  if (!accepted) {
    return {
      waitingSeconds: seconds(waitedMs),
      firstResponseSeconds: null,
      dueAt: iso(supportDeadline(hours.supportHours, requested, targets.waitMs, hours.timeZone)),
      state: stateOf(waitedMs, targets.waitMs, false),
    };
  }
  const answered = firstAgentMessageAt && firstAgentMessageAt.getTime() >= accepted.getTime() ? firstAgentMessageAt : null;
  const respondedMs = counted(accepted, answered ?? now);
  return {
    waitingSeconds: seconds(waitedMs),
    firstResponseSeconds: seconds(respondedMs),
    dueAt: iso(supportDeadline(hours.supportHours, accepted, targets.firstResponseMs, hours.timeZone)),
    state: stateOf(respondedMs, targets.firstResponseMs, answered !== null),
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

function validDate(text: string | null): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
