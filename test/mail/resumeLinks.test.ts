import jwt from 'jsonwebtoken';
import { AgentTokens } from '../../src/agents/agentTokens';
import { DirectLineTokens } from '../../src/channels/directLine/directLineTokens';
import { fixedClock } from '../../src/clock';
import { DIRECT_LINE_CHANNEL } from '../../src/domain/conversationKey';
import { ResumeLinks } from '../../src/mail/resumeLinks';

const SECRET = 'resume-links-test-secret';
const ORIGIN = 'https://help.example.com';
const SENT_AT = '2026-03-02T17:30:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const OURS = { channel: DIRECT_LINE_CHANNEL, id: '0123456789abcdef0123456789abcdef' };

const notRevoked = {
  revoke: async () => {},
  isRevoked: async () => false,
  standing: async () => ({ revoked: false, account: { role: 'admin', generation: 0 } }),
};

/** A clock at SENT_AT, links valid for `days`, and the token of the link for OURS. */
function sent(days = 30) {
  const clock = fixedClock(SENT_AT);
  const links = new ResumeLinks(SECRET, clock, days, () => ORIGIN);
  const link = links.linkFor(OURS) as string;
  return { clock, links, link, token: link.slice(`${ORIGIN}/resume/`.length) };
}

describe('ResumeLinks.linkFor', () => {
  test('a link on our public origin whose token names the conversation and nothing more', () => {
    const { link, token } = sent();
    expect(link).toMatch(/^https:\/\/help\.example\.com\/resume\/[\w-]+\.[\w-]+\.[\w-]+$/);
    // short enough for an email line
    expect(link.length).toBeLessThan(220);
    expect(jwt.decode(token)).toEqual({ conv: OURS.id, aud: 'resume', exp: Date.parse(SENT_AT) / 1000 + 30 * 86400 });
    expect(jwt.decode(token, { complete: true })?.header.alg).toBe('HS256');
  });

  test('the origin is read when the link is made (it is known only once the server listens)', () => {
    let origin = 'http://localhost';
    const links = new ResumeLinks(SECRET, fixedClock(SENT_AT), 30, () => origin);
    origin = 'http://127.0.0.1:4000';
    expect(links.linkFor(OURS)).toMatch(/^http:\/\/127\.0\.0\.1:4000\/resume\//);
  });

  test.each([
    ['a Bot Framework channel (Teams, the Emulator)', { channel: 'https://smba.trafficmanager.net', id: OURS.id }],
    ['a conversation with no channel recorded', { channel: '', id: OURS.id }],
    ['a channel that only looks like ours', { channel: 'DirectLine', id: OURS.id }],
  ])('edge case: %s cannot be reopened on the help page → null', (_what, conversation) => {
    expect(sent().links.linkFor(conversation)).toBeNull();
  });
});

describe('ResumeLinks.verify', () => {
  const verifiedAt = (days: number, laterMs: number) => {
    const { clock, links, token } = sent(days);
    clock.advance(laterMs);
    return links.verify(token);
  };

  test.each([
    ['right away', 30, 0, { conversationId: OURS.id }],
    ['a day before it ends', 30, 29 * DAY_MS, { conversationId: OURS.id }],
    ['its last second', 30, 30 * DAY_MS - 1000, { conversationId: OURS.id }],
    ['exactly at its end (the boundary is expired)', 30, 30 * DAY_MS, 'expired'],
    ['a second after', 30, 30 * DAY_MS + 1000, 'expired'],
    ['a year later', 30, 365 * DAY_MS, 'expired'],
    ['RESUME_LINK_DAYS=1, 23 hours on', 1, 23 * 60 * 60 * 1000, { conversationId: OURS.id }],
    ['RESUME_LINK_DAYS=1, 24 hours on', 1, DAY_MS, 'expired'],
  ])('%s (valid %i days, +%i ms) → %p', (_when, days, laterMs, expected) => {
    expect(verifiedAt(days, laterMs)).toEqual(expected);
  });

  describe('edge cases: anything that is not a resume link of ours is invalid, never expired', () => {
    const clock = fixedClock(SENT_AT);
    const links = new ResumeLinks(SECRET, clock, 30, () => ORIGIN);
    const { token } = sent();
    const [header, payload, signature] = token.split('.');
    const directLine = new DirectLineTokens(SECRET, clock);
    const customer = { userId: 'u_1', conversationId: OURS.id };
    const agentTokens = new AgentTokens(SECRET, 60 * 60_000, notRevoked, clock);
    const expiredDirectLineToken = new DirectLineTokens(SECRET, fixedClock('2026-01-01T00:00:00Z')).issue(customer).token;
    const flip = (text: string) => `${text.slice(0, -2)}${text.at(-2) === 'A' ? 'B' : 'A'}${text.at(-1)}`;
    const signedWith = (claims: object, secret = SECRET, algorithm: jwt.Algorithm = 'HS256') =>
      jwt.sign(claims, secret, { algorithm, noTimestamp: true });
    const inAYear = Date.parse(SENT_AT) / 1000 + 365 * 86400;

    test.each([
      ['a Direct Line token', directLine.issue(customer).token],
      ['a Direct Line token that has expired', expiredDirectLineToken],
      ['a stream ticket', directLine.issueStreamTicket(customer)],
      ['an agent token', agentTokens.issue('ana', 'admin').token],
      ['a tampered signature', `${header}.${payload}.${flip(signature)}`],
      [
        'a payload changed to another conversation',
        `${header}.${Buffer.from(JSON.stringify({ conv: 'other', aud: 'resume', exp: inAYear })).toString('base64url')}.${signature}`,
      ],
      ['a link signed with another secret', new ResumeLinks('another secret', clock, 30, () => ORIGIN).linkFor(OURS)?.split('/').at(-1)],
      ['alg none', `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`],
      ['HS512 with our secret (only HS256 is ours)', signedWith({ conv: OURS.id, aud: 'resume', exp: inAYear }, SECRET, 'HS512')],
      ['no conversation', signedWith({ aud: 'resume', exp: inAYear })],
      ['an empty conversation', signedWith({ conv: '', aud: 'resume', exp: inAYear })],
      ['a conversation that is not a string', signedWith({ conv: 42, aud: 'resume', exp: inAYear })],
      ['no expiry', signedWith({ conv: OURS.id, aud: 'resume' })],
      ['garbage', 'not-a-token'],
      ['three dots of garbage', 'a.b.c'],
      ['an empty string', ''],
      ['a huge string', `${token}${'x'.repeat(5000)}`],
      ['not a string', { conv: OURS.id }],
      ['undefined', undefined],
    ])('%s', (_what, given) => {
      expect(links.verify(given)).toBe('invalid');
    });
  });

  test('vice versa: a resume link is no Direct Line token, stream ticket or agent token', async () => {
    const { clock, token } = sent();
    const directLine = new DirectLineTokens(SECRET, clock);
    expect(directLine.verify(token)).toBe('invalid');
    expect(await directLine.verifyStreamTicket(token)).toBeNull();
    expect(await new AgentTokens(SECRET, 60 * 60_000, notRevoked, clock).verify(token)).toBeNull();
  });
});
