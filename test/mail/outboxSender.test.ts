import pino from 'pino';
import { fixedClock } from '../../src/clock';
import type { Logger } from '../../src/logger';
import { OutboxSender, type OutboxSenderOptions } from '../../src/mail/outboxSender';
import { smtpTransport } from '../../src/mail/smtpTransport';
import type { NewMail, OutboxEntry } from '../../src/storage/outbox';
import { ON_POSTGRES } from '../helpers/postgres';
import { TestSmtpServer } from '../helpers/smtpServer';
import { openTestStorage, type TestStorage } from '../helpers/store';

/*
 * The outbox sender against a real SMTP server (smtp-server on loopback) and the store under test
 * (TEST_STORE): what arrives, what an outage and a refusal leave in the outbox, and that a mail is
 * neither lost nor sent twice by two senders. Time is the injected clock: a retry is due when the
 * clock says so, and nothing waits for real minutes.
 */
const T0 = '2026-03-02T12:00:00.000Z';
const minutes = (n: number) => n * 60_000;
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const FROM = 'Q-See Support <support@qsee.example>';

const mail = (n: number, overrides: Partial<NewMail> = {}): NewMail => ({
  kind: 'decision',
  claimId: `claim-${n}`,
  conversation: `directline/conv-${n}`,
  to: `customer${n}@example.com`,
  subject: `Your warranty claim ${n}: RMA-2026-00000${n}`,
  text: `Your RMA number is RMA-2026-00000${n}.\nPack the camera and send it to us.`,
  html: `<p>Your RMA number is <strong>RMA-2026-00000${n}</strong>.</p>`,
  requestedBy: 'bot',
  ...overrides,
});

/** A logger whose lines the test reads. */
function collectingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }) as unknown as Logger;
  return { logger, lines };
}

describe('the outbox sender', () => {
  let smtp: TestSmtpServer;
  let storage: TestStorage;
  let clock: ReturnType<typeof fixedClock>;
  let log: ReturnType<typeof collectingLogger>;
  let senders: OutboxSender[];

  const newSender = (options: Partial<OutboxSenderOptions> = {}, store: TestStorage = storage, url = smtp.url()) => {
    const sender = new OutboxSender(store.outbox, smtpTransport({ smtpUrl: url, from: FROM }), clock, log.logger, options);
    senders.push(sender);
    return sender;
  };
  const queue = async (...mails: NewMail[]): Promise<OutboxEntry[]> => {
    const added: OutboxEntry[] = [];
    await storage.commits.unit(async () => {
      for (const m of mails) added.push(await storage.outbox.add(m, clock.now().toISOString()));
    });
    await storage.commits.durable();
    return added;
  };
  const stateOf = async (id: string) => storage.outbox.get(id);

  beforeEach(async () => {
    smtp = await TestSmtpServer.start();
    clock = fixedClock(T0);
    // the store ends suppressions by the same clock
    storage = await openTestStorage({ clock });
    log = collectingLogger();
    senders = [];
  });
  afterEach(async () => {
    for (const sender of senders) await sender.stop();
    await smtp.stop();
    await storage.close();
  });

  test('delivers each mail as it was queued: recipient, sender, subject, plain text and HTML, one Message-ID per mail', async () => {
    const sender = newSender();
    const [decision, reply] = await queue(
      mail(1, { to: 'Ana.Perez@Example.com' }),
      mail(2, { kind: 'agent_reply', requestedBy: 'agent:ana', subject: 'About your claim' }),
    );
    expect(await sender.sendDue()).toEqual({ sent: 2, retried: 0, failed: 0 });
    const messages = await smtp.waitForMessages(2);
    const bySubject = (subject: string) => messages.find((m) => m.subject === subject);
    const first = bySubject(decision.subject);
    // nodemailer writes the domain in lower case (it is not case-sensitive); the mailbox stays as typed
    expect(first).toMatchObject({ from: 'support@qsee.example', to: ['Ana.Perez@example.com'] });
    expect(first?.text.trim()).toBe(decision.text);
    expect(first?.html).toContain('Your RMA number is <strong>RMA-2026-000001</strong>.');
    expect(first?.headers.get('from')).toMatchObject({ value: [{ name: 'Q-See Support', address: 'support@qsee.example' }] });
    expect(first?.headers.get('message-id')).toBe(`<${decision.id}@qsee.example>`);
    // what the assistant sends by itself says so (no auto-reply loops); an agent's answer is a person's
    expect(first?.headers.get('auto-submitted')).toBe('auto-generated');
    const second = bySubject('About your claim');
    expect(second).toMatchObject({ to: ['customer2@example.com'] });
    expect(second?.headers.has('auto-submitted')).toBe(false);
    // nothing added to track the reader: the HTML is ours alone
    expect(messages.every((m) => !/<img|https?:\/\//i.test(m.html))).toBe(true);

    expect(await stateOf(decision.id)).toMatchObject({ status: 'sent', sentAt: T0, attempts: 1, lastError: null, nextAttemptAt: null });
    expect(await stateOf(reply.id)).toMatchObject({ status: 'sent' });
    expect(await storage.outbox.pending()).toBe(0);
    // sent once: another pass finds nothing to do
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(2);
  });

  test('a pass takes batch after batch while full ones come; with the server down it stops after the first', async () => {
    const sender = newSender({ batchSize: 3 });
    await queue(...Array.from({ length: 10 }, (_, n) => mail(n)));
    expect(await sender.sendDue()).toEqual({ sent: 10, retried: 0, failed: 0 });
    expect(await smtp.waitForMessages(10)).toHaveLength(10);

    await smtp.stop();
    await queue(...Array.from({ length: 10 }, (_, n) => mail(100 + n)));
    // a dead server is not knocked at ten times in a row: the rest waits for the next poll, still due
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 3, failed: 0 });
    expect(await storage.outbox.countSince({}, T0)).toBe(20);
    expect((await storage.outbox.page({ status: 'waiting' }, 20, null)).items.filter((m) => m.attempts === 0)).toHaveLength(7);
  });

  test('a pass asked for while one runs follows it: a mail queued meanwhile is not left for the next poll', async () => {
    const sender = newSender();
    const [first] = await queue(mail(1));
    const running = sender.sendDue();
    const [second] = await queue(mail(2));
    const following = sender.sendDue();
    const passes = await Promise.all([running, following]);
    expect(passes[0].sent + passes[1].sent).toBe(2);
    expect(await stateOf(first.id)).toMatchObject({ status: 'sent' });
    expect(await stateOf(second.id)).toMatchObject({ status: 'sent' });
  });

  test('hostile addresses and headers: one recipient per mail, never a list or an injected header', async () => {
    const sender = newSender();
    const [list, injectedTo, injectedSubject] = await queue(
      mail(1, { to: 'a@example.com, b@example.com' }),
      mail(2, { to: 'c@example.com\r\nBcc: d@example.com' }),
      mail(3, { subject: 'Hello\r\nBcc: evil@example.com\r\n\r\nforged body' }),
    );
    expect(await sender.sendDue()).toEqual({ sent: 1, retried: 0, failed: 2 });
    for (const refused of [list, injectedTo]) {
      expect(await stateOf(refused.id)).toMatchObject({ status: 'failed', lastError: 'not an address a mail can be sent to' });
    }
    const [received] = await smtp.waitForMessages(1);
    expect(received.to).toEqual(['customer3@example.com']);
    expect(received.headers.has('bcc')).toBe(false);
    expect(received.text.trim()).toBe(injectedSubject.text);
    expect(smtp.messages).toHaveLength(1);
    // nothing was suppressed: the server never refused these, we did
    expect(await storage.outbox.isSuppressed('a@example.com')).toBe(false);
  });

  test('the mail server down: the mail waits with the reason and its next attempt per the backoff, and goes once the server is back', async () => {
    const sender = newSender();
    await smtp.stop();
    const [entry] = await queue(mail(1));

    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await stateOf(entry.id)).toMatchObject({
      status: 'waiting',
      attempts: 1,
      nextAttemptAt: at(minutes(1)),
      lastError: 'mail server unreachable (ECONNREFUSED)',
    });
    // not due yet: nothing is tried
    clock.advance(minutes(1) - 1);
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect((await stateOf(entry.id))?.attempts).toBe(1);
    // due, still down: the wait doubles
    clock.advance(1);
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await stateOf(entry.id)).toMatchObject({ attempts: 2, nextAttemptAt: at(minutes(3)) });

    await smtp.restart();
    clock.set(at(minutes(3) - 1));
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(0);
    clock.set(at(minutes(3)));
    expect(await sender.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [received] = await smtp.waitForMessages(1);
    expect(received).toMatchObject({ to: ['customer1@example.com'], subject: entry.subject });
    expect(await stateOf(entry.id)).toMatchObject({ status: 'sent', attempts: 3, sentAt: at(minutes(3)), nextAttemptAt: null });
  });

  test('the mail server says 451 (try later): the mail waits and goes at its next attempt', async () => {
    const sender = newSender();
    smtp.deferAll(true);
    const [entry] = await queue(mail(1));
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await stateOf(entry.id);
    expect(waiting).toMatchObject({ status: 'waiting', attempts: 1, nextAttemptAt: at(minutes(1)) });
    expect(waiting?.lastError).toBe('the mail server asked to try again later: 451 4.7.1 try again later');
    expect(await storage.outbox.isSuppressed(entry.to)).toBe(false);

    smtp.deferAll(false);
    clock.advance(minutes(1));
    expect(await sender.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    await smtp.waitForMessages(1);
    expect(await stateOf(entry.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  test('550 to the recipient: failed with the server answer, the address suppressed, and the next mail to it fails without reaching the server', async () => {
    const sender = newSender();
    smtp.rejectRecipients('gone@example.com');
    const [refused, fine] = await queue(mail(1, { to: 'Gone@Example.com' }), mail(2));
    expect(await sender.sendDue()).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(await stateOf(refused.id)).toMatchObject({
      status: 'failed',
      nextAttemptAt: null,
      lastError: 'refused by the mail server: 550 5.1.1 <Gone@example.com>: no such user',
    });
    expect(await stateOf(fine.id)).toMatchObject({ status: 'sent' });
    expect(await storage.outbox.isSuppressed('gone@example.com')).toBe(true);

    const transactions = smtp.transactions;
    const [again] = await queue(mail(3, { to: 'gone@EXAMPLE.com' }));
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await stateOf(again.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await stateOf(again.id))?.lastError).toMatch(/bounced before/);
    expect(smtp.transactions).toBe(transactions);
    expect(smtp.messages.map((m) => m.to)).toEqual([['customer2@example.com']]);
  });

  test('temporary failures that never end are given up after the last attempt, with why', async () => {
    const sender = newSender({ maxAttempts: 3 });
    await smtp.stop();
    const [entry] = await queue(mail(1));
    for (const due of [0, minutes(1), minutes(3)]) {
      clock.set(at(due));
      await sender.sendDue();
    }
    expect(await stateOf(entry.id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      nextAttemptAt: null,
      lastError: 'gave up after 3 attempts over 3 min: mail server unreachable (ECONNREFUSED)',
    });
    clock.advance(minutes(60));
    await smtp.restart();
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(0);
  });

  test('the backoff: 1, 2, 4 … minutes after each failed attempt, at most an hour', () => {
    const sender = newSender();
    expect([1, 2, 3, 4, 5, 6, 7, 8, 30].map((n) => sender.retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  test('a sender that died after taking a mail: the mail is taken again once its hold runs out, and sent', async () => {
    const [entry] = await queue(mail(1));
    // another sender took it and crashed before writing the outcome
    await storage.outbox.takeDue(T0, at(minutes(2)), 10);
    const sender = newSender({ holdMs: minutes(2) });
    clock.advance(minutes(2) - 1);
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(0);
    clock.advance(1);
    expect(await sender.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await smtp.waitForMessages(1)).toHaveLength(1);
    expect(await stateOf(entry.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  test(`two senders${ON_POSTGRES ? ' (two instances on one database)' : ''} sending at once never send one mail twice`, async () => {
    const other = ON_POSTGRES ? await openTestStorage({ dir: storage.dir, clock }) : storage;
    try {
      const a = newSender({ batchSize: 3 });
      const b = newSender({ batchSize: 3 }, other);
      const queued = await queue(...Array.from({ length: 40 }, (_, n) => mail(n)));
      const passes = await Promise.all([a.sendDue(), b.sendDue(), a.sendDue(), b.sendDue()]);
      const messages = await smtp.waitForMessages(40);
      expect(passes.reduce((sum, p) => sum + p.sent, 0)).toBe(40);
      expect(messages).toHaveLength(40);
      const ids = messages.map((m) => m.headers.get('message-id'));
      expect(new Set(ids).size).toBe(40);
      expect(new Set(ids)).toEqual(new Set(queued.map((q) => `<${q.id}@qsee.example>`)));
      expect(await storage.outbox.pending()).toBe(0);
    } finally {
      if (other !== storage) await other.close();
    }
  });

  test('wake() after the turn that queued a mail commits sends it without waiting for a poll', async () => {
    const sender = newSender();
    const entry = await storage.commits.unit(async () => {
      const queued = await storage.outbox.add(mail(1), T0);
      // the turn's callback starts the pass: it must not run in (and hold up, or be rolled back with) the turn's unit
      storage.commits.afterCommit(() => sender.wake());
      return queued;
    }, 'directline/conv-1');
    const [received] = await smtp.waitForMessages(1);
    expect(received.subject).toBe(entry.subject);
    await sender.stop();
    expect(await stateOf(entry.id)).toMatchObject({ status: 'sent' });
  });

  test('start() polls: a mail another instance queued goes without a wake', async () => {
    const sender = newSender({ pollMs: 20 });
    sender.start();
    const [entry] = await queue(mail(1));
    const [received] = await smtp.waitForMessages(1);
    expect(received.subject).toBe(entry.subject);
  });

  test('stop() waits for the pass in flight; afterwards nothing is sent', async () => {
    const sender = newSender();
    const [first] = await queue(mail(1));
    const pass = sender.sendDue();
    await sender.stop();
    expect(await pass).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await stateOf(first.id)).toMatchObject({ status: 'sent' });
    await queue(mail(2));
    sender.wake();
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
  });

  test("the SMTP URL's login is used and its password is never logged nor shown to agents", async () => {
    const password = 'pw-never-logged-2718';
    const sender = newSender({}, storage, smtp.url({ user: 'mailer', pass: password }));
    const [sent] = await queue(mail(1));
    await sender.sendDue();
    expect(smtp.logins).toEqual(['mailer']);
    await smtp.stop();
    clock.advance(minutes(1));
    const [waiting] = await queue(mail(2));
    await sender.sendDue();
    expect(await stateOf(sent.id)).toMatchObject({ status: 'sent' });
    expect((await stateOf(waiting.id))?.lastError).toBe('mail server unreachable (ECONNREFUSED)');
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.lines.join('\n')).not.toContain(password);
  });

  test('the outbox failing (the database gone) is logged, and the pass ends without throwing', async () => {
    const sender = newSender();
    await queue(mail(1));
    await storage.close();
    await expect(sender.sendDue()).resolves.toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(log.lines.some((l) => l.includes('the outbox could not be read'))).toBe(true);
    expect(smtp.messages).toHaveLength(0);
  });
});
