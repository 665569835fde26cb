import { AsyncLocalStorage } from 'node:async_hooks';

/** One attempt at a turn (TurnRunner runs a turn again after an eTag conflict), and what it did that cannot be taken back. */
export interface TurnAttempt {
  /** No attempt comes after this one: its failure stands. */
  last: boolean;
  /** Some of its replies went to the customer (or were kept where a failure does not take them back): a retry would say them twice. */
  repliesLeft: boolean;
}

const attempts = new AsyncLocalStorage<TurnAttempt>();

/** Runs `work` as one attempt at a turn, followed through its awaits; `attempt` says afterwards what it did. */
export function runAttempt<T>(attempt: TurnAttempt, work: () => Promise<T>): Promise<T> {
  return attempts.run(attempt, work);
}

/** Notes that the current turn's replies are leaving for good (durableReplies after the commit; Direct Line on SQLite). */
export function noteRepliesLeft(): void {
  const attempt = attempts.getStore();
  if (attempt) attempt.repliesLeft = true;
}

/** Whether the current turn, failing now, would be run again (else its failure takes the usual error path). */
export function mayRunAgain(): boolean {
  const attempt = attempts.getStore();
  return attempt !== undefined && !attempt.last && !attempt.repliesLeft;
}
