import pino from 'pino';
import { fixedClock } from '../../src/clock';
import type { Logger } from '../../src/logger';
import { OutboxSender } from '../../src/mail/outboxSender';
import { smtpTransport } from '../../src/mail/smtpTransport';
import type { NewMail } from '../../src/storage/outbox';
import { TestSmtpServer } from '../helpers/smtpServer';
import { openTestStorage, type TestStorage } from '../helpers/store';

/*
 * A mail server that never answers RCPT TO for some recipients (a tarpit, a recipient check that
 * hangs): those mails pay with their own attempt; mail queued behind them is sent, without an
 * attempt counted for the time it waited (the probe's F7: a batch deadline abandoned it, counted
 * an attempt and started the back-off). The production timings scaled down 150 times: 30 s of
 * silence per attempt, a 2 min hold.
 */
const T0 = '2026-03-02T17:30:00.000Z';
const logger = pino({ level: 'silent' }) as unknown as Logger;

const mail = (to: string): NewMail => ({
  kind: 'transcript',
  claimId: to,
  conversation: `directline/${to}`,
  to,
  subject: 'Your conversation',
  text: 'hello',
  html: '<p>hello</p>',
  requestedBy: 'customer',
});

describe('recipients the mail server stalls on', () => {
  let smtp: TestSmtpServer;
  let storage: TestStorage;
  let sender: OutboxSender;

  beforeEach(async () => {
    smtp = await TestSmtpServer.start();
    storage = await openTestStorage();
    const transport = smtpTransport(
      { smtpUrl: smtp.url(), from: 'support@example.com' },
      { connectionMs: 1000, greetingMs: 1000, socketMs: 200 },
    );
    sender = new OutboxSender(storage.outbox, transport, fixedClock(T0), logger, { holdMs: 800 });
  });
  afterEach(async () => {
    await sender.stop();
    await smtp.stop();
    await storage.close();
  });

  test('a good mail queued behind recipients the relay never answers is sent, its one attempt its own; the stalled ones wait', async () => {
    const stalled = Array.from({ length: 6 }, (_, n) => `stall${n}@attacker.example`);
    smtp.stallRecipients(...stalled);
    const queued = await storage.commits.unit(async () => {
      const entries = [];
      for (const to of [...stalled, 'customer@example.com']) entries.push(await storage.outbox.add(mail(to), T0));
      return entries;
    });
    await storage.commits.durable();
    const good = queued[6];

    const pass = await sender.sendDue();

    expect(await storage.outbox.get(good.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await smtp.waitForMessages(1)).map((m) => m.to)).toEqual([['customer@example.com']]);
    // each stalled mail paid with one attempt of its own and waits for its next one
    for (const entry of queued.slice(0, 6)) {
      expect(await storage.outbox.get(entry.id)).toMatchObject({
        status: 'waiting',
        attempts: 1,
        nextAttemptAt: '2026-03-02T17:31:00.000Z',
        lastError: expect.any(String),
      });
    }
    expect(pass).toEqual({ sent: 1, retried: 6, failed: 0 });
  });
});
