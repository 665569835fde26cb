import pino from 'pino';
import { fixedClock } from '../../src/clock';
import type { Logger } from '../../src/logger';
import { OutboxSender } from '../../src/mail/outboxSender';
import { smtpTransport } from '../../src/mail/smtpTransport';
import { type NewMail, type OutboxEntry, SUPPRESSION_DAYS } from '../../src/storage/outbox';
import { TestSmtpServer } from '../helpers/smtpServer';
import { openTestStorage, type TestStorage } from '../helpers/store';

/*
 * Which answers of a real SMTP server to RCPT TO suppress an address (nothing is sent to it again
 * for a while), on the store under test. Only "this mailbox does not exist" does: a full mailbox,
 * our own sending quota, a relay that refuses us are not the address's fault (the probe's F8: they
 * suppressed it for good). A suppression ends after SUPPRESSION_DAYS, and an admin can lift it.
 * The store and the sender share one fixed clock: the store ends suppressions by it.
 */
const T0 = '2026-03-02T17:30:00.000Z';
const DAY = 86_400_000;
const logger = pino({ level: 'silent' }) as unknown as Logger;

const mail = (to: string): NewMail => ({
  kind: 'decision',
  claimId: 'c1',
  conversation: 'directline/c1',
  to,
  subject: 'Your claim',
  text: 'RMA-2026-000001',
  html: '<p>RMA-2026-000001</p>',
  requestedBy: 'customer',
});

describe('what a refused recipient leaves behind', () => {
  let smtp: TestSmtpServer;
  let storage: TestStorage;
  let clock: ReturnType<typeof fixedClock>;
  let sender: OutboxSender;

  beforeEach(async () => {
    smtp = await TestSmtpServer.start();
    clock = fixedClock(T0);
    storage = await openTestStorage({ clock });
    sender = new OutboxSender(storage.outbox, smtpTransport({ smtpUrl: smtp.url(), from: 'support@example.com' }), clock, logger);
  });
  afterEach(async () => {
    await sender.stop();
    await smtp.stop();
    await storage.close();
  });

  const queue = async (to: string): Promise<OutboxEntry> => {
    const entry = await storage.commits.unit(() => storage.outbox.add(mail(to), clock.now().toISOString()));
    await storage.commits.durable();
    return entry;
  };

  test.each<[number, string, 'failed' | 'waiting', boolean]>([
    // the mailbox does not exist: failed, suppressed
    [550, '5.1.1 <customer@example.com>: no such user', 'failed', true],
    [550, 'No such user here', 'failed', true],
    // RFC 5321 4.5.3.1.10: a 552 to RCPT TO is to be treated as a temporary 452
    [552, '5.2.2 mailbox full', 'waiting', false],
    // the provider's own sending quota (what a flood of customer mails can reach): about us, not the address
    [550, '5.4.5 Daily user sending quota exceeded', 'waiting', false],
    // a relay that refuses us without an enhanced status code (misconfigured SMTP_URL credentials)
    [550, 'relay not permitted', 'failed', false],
    [554, '5.7.1 Relay access denied', 'failed', false],
  ])('RCPT TO answered %i %s: %s, suppressed %s', async (code, text, status, suppressed) => {
    smtp.answerRecipient('customer@example.com', code, text);
    const entry = await queue('customer@example.com');
    await sender.sendDue();
    expect(await storage.outbox.get(entry.id)).toMatchObject({ status, lastError: expect.stringContaining(`${code} ${text}`) });
    expect(await storage.outbox.isSuppressed('customer@example.com')).toBe(suppressed);
    expect((await storage.outbox.listSuppressions(10, null)).total).toBe(suppressed ? 1 : 0);
  });

  test(`a suppression keeps mail from the address for ${SUPPRESSION_DAYS} days, then the address is written to again`, async () => {
    smtp.rejectRecipients('gone@example.com');
    await queue('gone@example.com');
    await sender.sendDue();
    expect(await storage.outbox.isSuppressed('gone@example.com')).toBe(true);
    // the mailbox is made (or the address given to someone else); nothing reaches it while suppressed
    smtp.acceptRecipients('gone@example.com');
    const transactions = smtp.transactions;
    clock.advance(SUPPRESSION_DAYS * DAY - 1);
    const held = await queue('gone@example.com');
    await sender.sendDue();
    expect(await storage.outbox.get(held.id)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/bounced before/) });
    expect(smtp.transactions).toBe(transactions);
    clock.advance(1);
    const later = await queue('gone@example.com');
    expect(await sender.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await storage.outbox.get(later.id)).toMatchObject({ status: 'sent' });
    expect((await smtp.waitForMessages(1))[0].to).toEqual(['gone@example.com']);
  });

  test('a lifted suppression lets mail through at once', async () => {
    smtp.rejectRecipients('gone@example.com');
    await queue('gone@example.com');
    await sender.sendDue();
    smtp.acceptRecipients('gone@example.com');
    await storage.commits.unit(() => storage.outbox.liftSuppression('gone@example.com'));
    await storage.commits.durable();
    const again = await queue('gone@example.com');
    expect(await sender.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await storage.outbox.get(again.id)).toMatchObject({ status: 'sent' });
  });
});
