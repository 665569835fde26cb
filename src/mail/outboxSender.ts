import { AsyncResource } from 'node:async_hooks';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Outbox, OutboxEntry } from '../storage/outbox';
import type { MailTransport, SendOutcome } from './mailTransport';

export interface OutboxSenderOptions {
  /** Mails taken at once. */
  batchSize: number;
  /**
   * Of a batch, sent at the same time. No more than the transport's connections (SMTP: 2): a mail
   * handed over must start at once, not wait in the transport's queue while its deadline runs.
   */
  parallel: number;
  /**
   * How long a taken mail is ours: after a crash (or on another instance) it is taken again only
   * then. Each mail has half of it to be sent (60 s: two socket timeouts, as nodemailer tries a
   * dropped connection once more), and is handed over only while that still ends within 3/4 of it.
   */
  holdMs: number;
  /** How often `start()` looks for mails due: retries, and mails another instance queued. */
  pollMs: number;
  /** The wait after the first temporary failure, doubled after each next one, up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
  /** Attempts before a mail that keeps failing temporarily is given up (30: about a day, with the waits above). */
  maxAttempts: number;
}

export const OUTBOX_SENDER_DEFAULTS: OutboxSenderOptions = {
  batchSize: 10,
  parallel: 2,
  holdMs: 2 * 60_000,
  pollMs: 5_000,
  firstRetryMs: 60_000,
  maxRetryMs: 60 * 60_000,
  maxAttempts: 30,
};

/** What one pass did (tests and the bench read it). */
export interface PassSummary {
  sent: number;
  retried: number;
  failed: number;
}

/** Of the hold, the part one mail may take: then it is abandoned (a temporary failure, tried again later). */
const MAIL_SHARE_OF_HOLD = 0.5;
/** Of the hold, the part a batch may spend sending: every attempt ends by then, and its outcome is written before anyone else may take the mail. */
const SENDING_SHARE_OF_HOLD = 0.75;

/**
 * Sends what waits in the outbox: takes the mails that are due (holding them, see Outbox.takeDue),
 * hands each to the transport and writes down what happened. A temporary failure waits 1, 2,
 * 4 … minutes (at most an hour) and is given up after `maxAttempts`; a permanent one fails at
 * once, and an address whose mailbox the mail server says does not exist is suppressed (nothing
 * is sent to it for SUPPRESSION_DAYS).
 *
 * Each mail has a deadline of its own, from when it is handed to the transport: a recipient the
 * server stalls on (a tarpit) costs that mail its attempt, never another's. A mail of the batch
 * that cannot start in time any more, because others took long, is released untried — no
 * attempt counted, no wait — and taken again by the same pass.
 *
 * Delivery is at least once: a crash after the server accepted a mail and before it was marked
 * sent sends it again once its hold runs out. One pass at a time per instance; instances share the
 * outbox safely (takeDue never gives one mail to two of them at once). Nothing here throws: a
 * failure is logged and left for the next pass.
 */
export class OutboxSender {
  private readonly options: OutboxSenderOptions;
  private current: Promise<PassSummary> | null = null;
  private queued: Promise<PassSummary> | null = null;
  private wakeScheduled = false;
  private poller: NodeJS.Timeout | null = null;
  private stopped = false;
  /** wake() is called from a turn's callbacks: passes run in the scope the sender was made in, not the turn's. */
  private readonly scope = new AsyncResource('OutboxSender');

  constructor(
    private readonly outbox: Outbox,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: Partial<OutboxSenderOptions> = {},
  ) {
    this.options = { ...OUTBOX_SENDER_DEFAULTS, ...options };
  }

  /**
   * Sends every mail due now, batch after batch while full ones keep coming. A call during a pass
   * runs one more pass after it (a mail queued meanwhile is not missed); calls meanwhile share it.
   */
  sendDue(): Promise<PassSummary> {
    if (this.queued) return this.queued;
    if (!this.current) return this.startPass();
    const after = () => {
      this.queued = null;
      return this.startPass();
    };
    this.queued = this.current.then(after, after);
    return this.queued;
  }

  /** A turn that queued a mail has committed: a pass soon, not at the next poll. */
  wake(): void {
    if (this.stopped || this.wakeScheduled) return;
    this.wakeScheduled = true;
    this.scope.runInAsyncScope(() =>
      setImmediate(() => {
        this.wakeScheduled = false;
        void this.sendDue();
      }),
    );
  }

  /** A pass now (mail may have waited while the server was down) and every `pollMs`; the timer keeps no process alive. */
  start(): void {
    if (this.stopped || this.poller) return;
    this.scope.runInAsyncScope(() => {
      this.poller = setInterval(() => void this.sendDue(), this.options.pollMs);
      this.poller.unref();
    });
    this.wake();
  }

  /** Stops polling, waits for the pass in flight and closes the transport's connections. */
  async stop(): Promise<void> {
    if (!this.stopped) this.scope.emitDestroy();
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    await this.queued;
    await this.current;
    await this.transport.close().catch((error) => this.logger.warn({ err: error }, 'closing the mail transport failed'));
  }

  private startPass(): Promise<PassSummary> {
    const pass = this.pass().finally(() => {
      if (this.current === pass) this.current = null;
    });
    this.current = pass;
    return pass;
  }

  private async pass(): Promise<PassSummary> {
    const summary: PassSummary = { sent: 0, retried: 0, failed: 0 };
    const { batchSize, holdMs } = this.options;
    while (!this.stopped) {
      const now = this.clock.now();
      const heldUntil = new Date(now.getTime() + holdMs).toISOString();
      let batch: OutboxEntry[];
      try {
        batch = await this.outbox.takeDue(now.toISOString(), heldUntil, batchSize);
      } catch (error) {
        this.logger.error({ err: error }, 'the outbox could not be read: mail waits for the next pass');
        break;
      }
      const before = { ...summary };
      const released = await this.sendBatch(batch, heldUntil, summary);
      // released mails are due now and owed their turn: taken again at once. (A server that is down
      // refuses fast, and nothing is released: the check below still ends the pass.)
      if (released > 0) continue;
      if (batch.length < batchSize) break;
      // a batch that only met temporary failures (the server down): the rest waits for the next poll
      // instead of knocking at a dead server a hundred times in a row
      if (summary.sent === before.sent && summary.retried > before.retried) break;
    }
    return summary;
  }

  /**
   * Sends a batch a few at a time, each mail within its own deadline. A mail is handed over only
   * while its deadline still ends within the batch's share of the hold; the ones left then are
   * released untried. Returns how many were.
   */
  private async sendBatch(batch: OutboxEntry[], heldUntil: string, summary: PassSummary): Promise<number> {
    if (batch.length === 0) return 0;
    const { holdMs, parallel } = this.options;
    let canStart = true;
    const startBy = setTimeout(() => (canStart = false), holdMs * (SENDING_SHARE_OF_HOLD - MAIL_SHARE_OF_HOLD));
    startBy.unref();
    const untried: OutboxEntry[] = [];
    const next = batch.values();
    const worker = async () => {
      for (const mail of next) {
        if (canStart) await this.deliver(mail, summary);
        else untried.push(mail);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(parallel, batch.length) }, worker));
    } finally {
      clearTimeout(startBy);
    }
    for (const mail of untried) await this.release(mail, heldUntil);
    return untried.length;
  }

  /** A mail of the batch that never reached the transport: its attempt is given back and it is due again now. */
  private async release(mail: OutboxEntry, heldUntil: string): Promise<void> {
    try {
      await this.outbox.release(mail.id, heldUntil, this.clock.now().toISOString());
      this.logger.debug({ mailId: mail.id, claimId: mail.claimId }, 'mail put back untried: its batch ran out of time before its turn');
    } catch (error) {
      // not released: it stays held, and is taken again (an attempt counted) once its hold runs out
      this.logger.error({ err: error, mailId: mail.id, claimId: mail.claimId }, 'the outbox could not put a mail back: it is tried later');
    }
  }

  private async deliver(mail: OutboxEntry, summary: PassSummary): Promise<void> {
    const attempt = `${mail.attempts}/${this.options.maxAttempts}`;
    try {
      if (await this.outbox.isSuppressed(mail.to)) {
        await this.outbox.markFailed(
          mail.id,
          'not sent: this address bounced before (the mail server said the mailbox does not exist; an admin can lift that)',
        );
        summary.failed++;
        this.logger.warn({ mailId: mail.id, claimId: mail.claimId, kind: mail.kind }, 'mail not sent: its address bounced before');
        return;
      }
      const outcome = await this.sendInTime(mail);
      const now = this.clock.now();
      if (outcome.ok) {
        await this.outbox.markSent(mail.id, now.toISOString());
        summary.sent++;
        this.logger.info({ mailId: mail.id, claimId: mail.claimId, kind: mail.kind, attempt }, 'mail sent');
        return;
      }
      const log = { mailId: mail.id, claimId: mail.claimId, kind: mail.kind, attempt, reason: outcome.reason };
      if (outcome.permanent) {
        if (outcome.recipientRefused) await this.outbox.suppress(mail.to, outcome.reason, now.toISOString());
        await this.outbox.markFailed(mail.id, outcome.reason);
        summary.failed++;
        this.logger.warn(log, 'mail refused for good');
        return;
      }
      if (mail.attempts >= this.options.maxAttempts) {
        await this.outbox.markFailed(
          mail.id,
          `gave up after ${mail.attempts} attempts over ${since(mail.createdAt, now)}: ${outcome.reason}`,
        );
        summary.failed++;
        this.logger.warn(log, 'mail given up');
        return;
      }
      const nextAttempt = new Date(now.getTime() + this.retryDelayMs(mail.attempts));
      await this.outbox.markRetry(mail.id, nextAttempt.toISOString(), outcome.reason);
      summary.retried++;
      this.logger.warn({ ...log, nextAttemptAt: nextAttempt.toISOString() }, 'mail not sent yet: will try again');
    } catch (error) {
      // the outbox could not record it: the mail stays held and is taken again after its hold
      this.logger.error(
        { err: error, mailId: mail.id, claimId: mail.claimId },
        'the outbox could not record a mail: it is tried again later',
      );
    }
  }

  /** One attempt, abandoned (a temporary failure) when it takes longer than its share of the hold. */
  private async sendInTime(mail: OutboxEntry): Promise<SendOutcome> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.options.holdMs * MAIL_SHARE_OF_HOLD);
    timer.unref();
    try {
      return await this.transport.send(mail, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  /** After the n-th attempt failed: first, twice that, … at most maxRetryMs. */
  retryDelayMs(attempts: number): number {
    const { firstRetryMs, maxRetryMs } = this.options;
    return Math.min(firstRetryMs * 2 ** Math.max(0, attempts - 1), maxRetryMs);
  }
}

/** "3 h", "12 min": how long a mail has been waiting, for the reason an agent reads. */
function since(createdAt: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(createdAt)) / 60_000));
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
