import type { TurnContext } from 'botbuilder';

/** One attempt at a turn (TurnRunner runs a turn again after an eTag conflict), and what it did that cannot be taken back. */
export interface TurnAttempt {
  /** No attempt comes after this one: its failure stands. */
  last: boolean;
  /** Some of its replies went to the customer (or were kept where a failure does not take them back): a retry would say them twice. */
  repliesLeft: boolean;
}

/**
 * Where a turn's context keeps its attempt. The turn's own state, not an AsyncLocalStorage: a store
 * entered on every turn turns on Node's promise hooks for the whole process, and cost every turn
 * about a sixth more CPU on SQLite (bench, same rounds).
 */
const ATTEMPT = Symbol('turnAttempt');

/** Gives the turn of `context` its attempt (the runner, as the turn starts). */
export function startAttempt(context: TurnContext, attempt: TurnAttempt): void {
  context.turnState.set(ATTEMPT, attempt);
}

/** Notes that the turn's replies are leaving for good (durableReplies after the commit; Direct Line on SQLite). */
export function noteRepliesLeft(context: TurnContext): void {
  const attempt = context.turnState.get(ATTEMPT) as TurnAttempt | undefined;
  if (attempt) attempt.repliesLeft = true;
}

/** Whether the turn, failing now, would be run again (else its failure takes the usual error path). */
export function mayRunAgain(context: TurnContext): boolean {
  const attempt = context.turnState.get(ATTEMPT) as TurnAttempt | undefined;
  return attempt !== undefined && !attempt.last && !attempt.repliesLeft;
}
