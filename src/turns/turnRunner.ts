import type { TurnContext } from 'botbuilder';
import type { Commits } from '../storage/commits';
import { EtagConflictError } from '../storage/etagConflict';
import { COMMIT_AT_ONCE } from './durableReplies';
import { TurnAdmission } from './turnAdmission';
import { startAttempt, type TurnAttempt } from './turnAttempt';
import { TurnQueue } from './turnQueue';

/** Attempts at a turn whose dialog state someone else wrote meanwhile (EtagConflictError), before the failure stands. */
export const TURN_ATTEMPTS = 3;

/** Told of each attempt that failed on an eTag conflict and is run again (`attempt` of TURN_ATTEMPTS). */
export type OnTurnRetry = (error: EtagConflictError, attempt: number, of: number) => void;

/** Told of each customer turn once it is over (answered or failed): how long it took, its wait in the queue included. */
export type OnTurnDone = (seconds: number) => void;

/** The bot's logic for one turn, as a transport runs it. */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** How a channel runs a turn on its own transport, given the logic to run (the bot's, with the commit). */
export type Transport<T> = (logic: TurnLogic) => Promise<T>;

/**
 * The one place turns are scheduled. Channels hand it the customer's activity as a transport
 * call; it runs the turns of a conversation one after another, admits new turns a few per pass
 * of the event loop, commits each turn's writes before the channel answers, and counts the turns
 * under way for a graceful shutdown.
 */
export class TurnRunner {
  private readonly queue: TurnQueue;
  private inFlight = 0;
  private readonly onePassTurn: TurnLogic;
  private readonly aheadTurn: TurnLogic;

  /** `turnsStartedPerPass`: 0 starts every turn at once (see TurnAdmission). */
  constructor(
    bot: { onTurn(context: TurnContext): Promise<void> },
    private readonly commits: Pick<Commits, 'durable' | 'flush' | 'commitNow' | 'unit'>,
    turnsStartedPerPass: number,
    private readonly onRetry: OnTurnRetry = () => {},
    private readonly onTurnDone: OnTurnDone = () => {},
  ) {
    this.queue = new TurnQueue(turnsStartedPerPass > 0 ? new TurnAdmission(turnsStartedPerPass) : undefined);
    // A turn's writes are committed before its HTTP response says it was handled: with the pass
    // (group commit), or, for a turn that went ahead (it brings a file, so it made a round trip
    // more), as soon as it is done: one commit more per upload, and the upload's p50 was lower in
    // four of four same-run pairs.
    this.onePassTurn = async (context) => {
      await bot.onTurn(context);
      await commits.durable();
    };
    this.aheadTurn = async (context) => {
      context.turnState.set(COMMIT_AT_ONCE, true);
      await bot.onTurn(context);
      await commits.commitNow();
    };
  }

  /**
   * Runs the bot on a customer's activity in its conversation's turn. `ahead`: the activity
   * brings a file to download, so its turn starts before others waiting and commits at once.
   * `message`: it is something the customer sent (not a typing sign or the conversation's start):
   * only those are told to onTurnDone, the operators' count and latency of customers' turns.
   */
  async run<T>(conversation: string, transport: Transport<T>, options: { ahead?: boolean; message?: boolean } = {}): Promise<T> {
    const ahead = options.ahead ?? false;
    const logic = ahead ? this.aheadTurn : this.onePassTurn;
    const started = performance.now();
    this.inFlight++;
    try {
      const attemptOf = (attempt: TurnAttempt) =>
        transport((context) => {
          startAttempt(context, attempt);
          return logic(context);
        });
      return await this.queue.run(conversation, () => this.unitRetried(conversation, attemptOf), ahead);
    } finally {
      this.inFlight--;
      if (options.message ?? true) this.onTurnDone((performance.now() - started) / 1000);
    }
  }

  /**
   * Runs something other than the bot's answer in a conversation (an agent's message, a notice),
   * in turn with the customer's own messages. Its replies wait for the commit (durableReplies).
   */
  async runProactive<T>(conversation: string, work: () => Promise<T>): Promise<T> {
    // counted like a customer's turn: a drain waits for an agent's message too, which would otherwise be
    // committed and then cut from its answer — the agent, told nothing, would send it again
    this.inFlight++;
    try {
      // one attempt: its context is the channel's, which cannot tell whether its replies left, so an
      // eTag conflict fails it to the agent (nothing was sent: replies wait for the commit) to send again
      return await this.queue.run(conversation, () => this.commits.unit(work, conversation));
    } finally {
      this.inFlight--;
    }
  }

  /**
   * Runs a turn's unit of work, and again from a fresh read when it failed on an eTag conflict:
   * someone wrote the conversation's dialog state between this turn's read and its write (a write
   * that bypassed the conversation's lock, an old instance in a rolling deploy). On PostgreSQL the
   * failed attempt kept nothing (its transaction is rolled back, the customer's message with it), and
   * its replies never left (durableReplies holds them until the commit that failed), so the customer
   * sees one answer. An attempt whose replies did leave is not run again (its failure takes the usual
   * error path, apologiseOnTurnError), nor is the last one, nor any other failure.
   */
  private async unitRetried<T>(conversation: string, work: (attempt: TurnAttempt) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const done: TurnAttempt = { last: attempt === TURN_ATTEMPTS, repliesLeft: false };
      try {
        return await this.commits.unit(() => work(done), conversation);
      } catch (error) {
        if (!(error instanceof EtagConflictError) || done.repliesLeft || done.last) throw error;
        this.onRetry(error, attempt, TURN_ATTEMPTS);
      }
    }
  }

  /** Resolves once everything written so far is committed: for answers that must not show what a crash could take back. */
  committed(): Promise<void> {
    return this.commits.durable();
  }

  /** Commits at once what the last turns wrote (shutdown: nothing is left for a pass that will not come). */
  commitRemaining(): void {
    this.commits.flush();
  }

  /** Whether no turn (customer's or agent's) is under way. */
  idle(): boolean {
    return this.inFlight === 0;
  }

  /** Waits (polling, up to `deadline`) for the turns under way (customers' and agents') to finish. */
  async settle(deadline: number): Promise<void> {
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
}
