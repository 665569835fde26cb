import { type SmtpError, smtpFailure } from '../../src/mail/smtpFailure';

/*
 * What each way an SMTP attempt can fail means for the mail (nodemailer's errors, as it shapes
 * them): tried again, failed, or failed with the address suppressed — and the words agents read.
 */
const temporary = (reason: string) => ({ ok: false, permanent: false, recipientRefused: false, reason });
const failed = (reason: string) => ({ ok: false, permanent: true, recipientRefused: false, reason });
const bounced = (reason: string) => ({ ok: false, permanent: true, recipientRefused: true, reason });
const reply = (command: string, response: string, extra: Partial<SmtpError> = {}): SmtpError => ({
  code: 'EENVELOPE',
  command,
  response,
  responseCode: Number(response.slice(0, 3)),
  ...extra,
});

describe('what a failed SMTP attempt means', () => {
  test.each<[string, unknown, object]>([
    // no answer from the server: temporary
    ['connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, temporary('mail server unreachable (ECONNREFUSED)')],
    ['host unreachable, passed on as is', { code: 'EHOSTUNREACH' }, temporary('mail server unreachable (EHOSTUNREACH)')],
    [
      'no greeting in time',
      { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' },
      temporary('mail server did not answer in time (GREETING_TIMEOUT)'),
    ],
    ['name not found', { code: 'EDNS', originalCode: 'ENOTFOUND' }, temporary("mail server's name could not be resolved (ENOTFOUND)")],
    ['connection dropped', { code: 'ECONNECTION' }, temporary('the mail server closed the connection')],
    ['abandoned at the deadline', { code: 'EABORT' }, temporary('sending took too long and was abandoned')],
    // the server asks to come back later: temporary
    [
      '451 to RCPT TO (greylisting)',
      reply('RCPT TO', '451 4.7.1 try again later'),
      temporary('the mail server asked to try again later: 451 4.7.1 try again later'),
    ],
    [
      '421 closing',
      reply('DATA', '421 4.4.2 shutting down'),
      temporary('the mail server asked to try again later: 421 4.4.2 shutting down'),
    ],
    [
      '503 bad sequence (a new connection will do)',
      reply('DATA', '503 5.5.1 bad sequence'),
      temporary('the mail server asked to try again later: 503 5.5.1 bad sequence'),
    ],
    // the address refused for good: failed, suppressed
    [
      '550 5.1.1 to RCPT TO',
      reply('RCPT TO', '550 5.1.1 <x@example.com>: no such user'),
      bounced('refused by the mail server: 550 5.1.1 <x@example.com>: no such user'),
    ],
    [
      '553 to RCPT TO, no enhanced code',
      reply('RCPT TO', '553 mailbox name not allowed'),
      bounced('refused by the mail server: 553 mailbox name not allowed'),
    ],
    ['550 5.1.1 after DATA', reply('DATA', '550 5.1.1 user unknown'), bounced('refused by the mail server: 550 5.1.1 user unknown')],
    // refused for good, but not because of the address: failed, nothing suppressed
    [
      '554 5.7.1 relaying denied to RCPT TO',
      reply('RCPT TO', '554 5.7.1 Relay access denied'),
      failed('refused by the mail server: 554 5.7.1 Relay access denied'),
    ],
    [
      '550 5.7.1 policy to RCPT TO',
      reply('RCPT TO', '550 5.7.1 rejected by policy'),
      failed('refused by the mail server: 550 5.7.1 rejected by policy'),
    ],
    [
      '552 5.3.4 too big after DATA',
      reply('DATA', '552 5.3.4 message too big'),
      failed('refused by the mail server: 552 5.3.4 message too big'),
    ],
    [
      'an address nodemailer cannot send to',
      { code: 'EENVELOPE', command: 'API', message: 'Invalid recipient' },
      failed('not an address a mail can be sent to'),
    ],
    // our own settings are wrong, not the mail: retried until the operator fixes them
    [
      'login refused',
      { code: 'EAUTH', command: 'AUTH PLAIN', response: '535 5.7.8 bad credentials', responseCode: 535 },
      temporary('the mail server refused our login (check SMTP_URL): 535 5.7.8 bad credentials'),
    ],
    [
      'no login given where one is required',
      { code: 'ENOAUTH', message: 'Missing credentials for "PLAIN"' },
      temporary('could not log in to the mail server (check SMTP_URL): Missing credentials for "PLAIN"'),
    ],
    [
      'sender refused',
      reply('MAIL FROM', '550 5.7.1 sender not allowed'),
      temporary('the mail server refused our sender address (check MAIL_FROM): 550 5.7.1 sender not allowed'),
    ],
    // anything else: temporary, in its own words
    ['an unknown error', new Error('boom'), temporary('sending failed: boom')],
    ['not even an Error', 'weird', temporary('sending failed: weird')],
  ])('%s', (_case, error, expected) => {
    expect(smtpFailure(error)).toEqual(expected);
  });

  describe('edge cases', () => {
    test('a server answer is shown on one line, without control characters, and bounded', () => {
      const long = `451 4.3.0 first line\r\n451-second\u0007line ${'x'.repeat(1000)}`;
      const { reason } = smtpFailure(reply('RCPT TO', long));
      expect(reason).toMatch(/^the mail server asked to try again later: 451 4\.3\.0 first line 451-second line x+…$/);
      expect(reason.length).toBeLessThan(400);
    });

    test('a reply without its text still says its code', () => {
      expect(smtpFailure({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 })).toEqual(bounced('refused by the mail server: 550'));
    });

    test("nodemailer's own verdict on a reply wins over the code's class", () => {
      expect(smtpFailure(reply('DATA', '554 5.6.0 transaction failed', { permanent: false })).permanent).toBe(false);
    });
  });
});
