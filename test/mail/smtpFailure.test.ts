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
    // the mailbox does not exist: failed, the address suppressed
    [
      '550 5.1.1 to RCPT TO',
      reply('RCPT TO', '550 5.1.1 <x@example.com>: no such user'),
      bounced('refused by the mail server: 550 5.1.1 <x@example.com>: no such user'),
    ],
    ['550 5.1.1 after DATA', reply('DATA', '550 5.1.1 user unknown'), bounced('refused by the mail server: 550 5.1.1 user unknown')],
    [
      '550 5.1.2 bad domain',
      reply('RCPT TO', '550 5.1.2 bad destination system'),
      bounced('refused by the mail server: 550 5.1.2 bad destination system'),
    ],
    [
      '553 5.1.3 bad syntax',
      reply('RCPT TO', '553 5.1.3 bad address syntax'),
      bounced('refused by the mail server: 553 5.1.3 bad address syntax'),
    ],
    ['551 5.1.6 moved', reply('RCPT TO', '551 5.1.6 user has moved'), bounced('refused by the mail server: 551 5.1.6 user has moved')],
    [
      '556 5.1.10 null MX',
      reply('RCPT TO', '556 5.1.10 domain takes no mail'),
      bounced('refused by the mail server: 556 5.1.10 domain takes no mail'),
    ],
    // no enhanced status: only a 550/551/553 to RCPT TO whose words say the mailbox does not exist
    ['550 "No such user here"', reply('RCPT TO', '550 No such user here'), bounced('refused by the mail server: 550 No such user here')],
    [
      '550 "User unknown"',
      reply('RCPT TO', '550 <x@example.com>... User unknown'),
      bounced('refused by the mail server: 550 <x@example.com>... User unknown'),
    ],
    [
      '551 "mailbox does not exist"',
      reply('RCPT TO', '551 mailbox does not exist'),
      bounced('refused by the mail server: 551 mailbox does not exist'),
    ],
    ['553 "unknown recipient"', reply('RCPT TO', '553 unknown recipient'), bounced('refused by the mail server: 553 unknown recipient')],
    // "not now", even under a 5xx: tried again, nothing suppressed
    [
      '552 5.2.2 mailbox full to RCPT TO',
      reply('RCPT TO', '552 5.2.2 mailbox full'),
      temporary('the mail server cannot take it for now (a full mailbox, or a sending quota): 552 5.2.2 mailbox full'),
    ],
    [
      '552 to RCPT TO without a status (RFC 5321: as a 452)',
      reply('RCPT TO', '552 Requested mail action aborted: exceeded storage allocation'),
      temporary(
        'the mail server cannot take it for now (a full mailbox, or a sending quota): 552 Requested mail action aborted: exceeded storage allocation',
      ),
    ],
    [
      '550 5.2.2 mailbox full after DATA',
      reply('DATA', '550 5.2.2 over quota'),
      temporary('the mail server cannot take it for now (a full mailbox, or a sending quota): 550 5.2.2 over quota'),
    ],
    [
      '550 5.4.5 our daily sending quota',
      reply('RCPT TO', '550 5.4.5 Daily user sending quota exceeded'),
      temporary('the mail server cannot take it for now (a full mailbox, or a sending quota): 550 5.4.5 Daily user sending quota exceeded'),
    ],
    [
      '552 5.3.1 mail system full',
      reply('DATA', '552 5.3.1 mail system full'),
      temporary('the mail server cannot take it for now (a full mailbox, or a sending quota): 552 5.3.1 mail system full'),
    ],
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
    // refused, but the words say nothing of the mailbox: failed, nothing suppressed
    [
      '550 without a status: relaying refused',
      reply('RCPT TO', '550 relay not permitted'),
      failed('refused by the mail server: 550 relay not permitted'),
    ],
    [
      '553 without a status: "mailbox name not allowed" (syntax, or policy)',
      reply('RCPT TO', '553 mailbox name not allowed'),
      failed('refused by the mail server: 553 mailbox name not allowed'),
    ],
    [
      '550 "mailbox unavailable" (any 550 says that, policy ones too)',
      reply('RCPT TO', '550 Requested action not taken: mailbox unavailable'),
      failed('refused by the mail server: 550 Requested action not taken: mailbox unavailable'),
    ],
    [
      '550 5.7.1 that says "user unknown": the status decides',
      reply('RCPT TO', '550 5.7.1 user unknown to this relay: relaying denied'),
      failed('refused by the mail server: 550 5.7.1 user unknown to this relay: relaying denied'),
    ],
    ['554 "no such user" to DATA, no status', reply('DATA', '554 no such user'), failed('refused by the mail server: 554 no such user')],
    [
      '550 5.1.0 (other address status): not said to be gone',
      reply('RCPT TO', '550 5.1.0 address rejected'),
      failed('refused by the mail server: 550 5.1.0 address rejected'),
    ],
    [
      '550 5.4.1 recipient address rejected: access denied',
      reply('RCPT TO', '550 5.4.1 Recipient address rejected: Access denied'),
      failed('refused by the mail server: 550 5.4.1 Recipient address rejected: Access denied'),
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

    test('a reply without its text still says its code, and suppresses nothing (it says nothing of the mailbox)', () => {
      expect(smtpFailure({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 })).toEqual(failed('refused by the mail server: 550'));
    });

    test('an address\'s own letters cannot make a refusal read as "no such user"', () => {
      // addresses carry no spaces (the transport refuses them), so only the server's own words can match
      expect(smtpFailure(reply('RCPT TO', '550 <no-such-user@example.com> relay denied')).recipientRefused).toBe(false);
      expect(smtpFailure(reply('RCPT TO', '550 <user.unknown@example.com> relay denied')).recipientRefused).toBe(false);
    });

    test("nodemailer's own verdict on a reply wins over the code's class", () => {
      expect(smtpFailure(reply('DATA', '554 5.6.0 transaction failed', { permanent: false })).permanent).toBe(false);
    });
  });
});
