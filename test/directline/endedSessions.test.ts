import jwt from 'jsonwebtoken';
import { DIRECT_LINE_TOKEN_SECONDS, DirectLineTokens } from '../../src/channels/directLine/directLineTokens';
import { EndedSessions } from '../../src/channels/directLine/endedSessions';
import { fixedClock } from '../../src/clock';
import type { LinkResume } from '../../src/storage/directLineStore';

const T0 = '2026-03-02T17:30:00.000Z';
const SECRET = 'secret';
const STRANGER = { userId: 'u_1', conversationId: 'c1' };
const MINUTE = 60_000;

/** Tokens and their ended sessions on a fixed clock; `resume` does what the resume route does (less the database). */
function setUp(keepSeconds = DIRECT_LINE_TOKEN_SECONDS) {
  const clock = fixedClock(T0);
  const sessions = new EndedSessions(clock, keepSeconds);
  const tokens = new DirectLineTokens(SECRET, clock, undefined, sessions);
  const resume = (conversationId = STRANGER.conversationId) => {
    const made = sessions.next(conversationId);
    sessions.learn(conversationId, made, true);
    return tokens.issue({ ...STRANGER, conversationId, sessionId: made.sessionId }).token;
  };
  return { clock, sessions, tokens, resume };
}

const claimsOf = (tokens: DirectLineTokens, token: string) => {
  const claims = tokens.verify(token);
  if (typeof claims === 'string') throw new Error(`token ${claims}`);
  return claims;
};

describe('a resume through a link ends the conversation’s earlier sessions', () => {
  test('the stranger’s token is refused once the link is used, cached or not; the resumed one works, and so do its refreshes', () => {
    const { tokens, resume, clock } = setUp();
    const stranger = tokens.issue(STRANGER).token;
    const verifiedBefore = tokens.issue(STRANGER).token;
    expect(tokens.verify(verifiedBefore)).toMatchObject(STRANGER); // now in the verified cache
    clock.advance(MINUTE);

    const resumed = resume();
    expect(tokens.verify(stranger)).toBe('ended');
    expect(tokens.verify(verifiedBefore)).toBe('ended');
    expect(tokens.verify(resumed)).toMatchObject(STRANGER);

    // a refresh keeps the session: the new token works, for as long as the chain of refreshes goes on
    clock.advance(15 * MINUTE);
    const refreshed = tokens.issue(claimsOf(tokens, resumed)).token;
    clock.advance(25 * MINUTE);
    expect(tokens.verify(resumed)).toBe('expired');
    expect(tokens.verify(refreshed)).toMatchObject(STRANGER);
  });

  test('a second resume ends the first resumer’s session; the stranger stays out', () => {
    const { tokens, resume, clock } = setUp();
    const stranger = tokens.issue(STRANGER).token;
    clock.advance(MINUTE);
    const first = resume();
    clock.advance(MINUTE);
    const second = resume();
    expect(tokens.verify(stranger)).toBe('ended');
    expect(tokens.verify(first)).toBe('ended');
    expect(tokens.verify(second)).toMatchObject(STRANGER);
  });

  test('other conversations are not touched', () => {
    const { tokens, resume } = setUp();
    const other = tokens.issue({ userId: 'u_2', conversationId: 'c2' }).token;
    resume('c1');
    expect(tokens.verify(other)).toMatchObject({ userId: 'u_2', conversationId: 'c2' });
  });

  test('stream tickets: one minted before the resume and used after it opens nothing; the resumed session’s does', async () => {
    const { tokens, resume } = setUp();
    const strangers = tokens.issueStreamTicket(claimsOf(tokens, tokens.issue(STRANGER).token));
    const resumed = claimsOf(tokens, resume());
    const resumedTicket = tokens.issueStreamTicket(resumed);
    expect(await tokens.verifyStreamTicket(strangers)).toBeNull();
    expect(await tokens.verifyStreamTicket(resumedTicket)).toEqual(resumed);
  });

  describe('edge cases', () => {
    test('all in the same millisecond (a fixed clock): the stranger’s token, the resume, the resumed token, more resumes', () => {
      const { tokens, resume } = setUp();
      const stranger = tokens.issue(STRANGER).token;
      const first = resume();
      expect(tokens.verify(stranger)).toBe('ended');
      expect(tokens.verify(first)).toMatchObject(STRANGER);
      // each later one wins, not the one whose random session id happens to sort last
      let previous = first;
      for (let n = 0; n < 20; n++) {
        const next = resume();
        expect(tokens.verify(previous)).toBe('ended');
        expect(tokens.verify(next)).toMatchObject(STRANGER);
        previous = next;
      }
    });

    test('a token from before sessions had ids works until its conversation is resumed, then it is refused', () => {
      const { tokens, resume, clock } = setUp();
      const now = Math.floor(clock.now().getTime() / 1000);
      const old = jwt.sign({ sub: 'u_1', conv: 'c1', aud: 'directline', iat: now, exp: now + DIRECT_LINE_TOKEN_SECONDS }, SECRET);
      expect(tokens.verify(old)).toEqual({ ...STRANGER, sessionId: undefined });
      resume();
      expect(tokens.verify(old)).toBe('ended');
    });

    test('a session id forged into a token is not accepted: the signature is checked first', () => {
      const { tokens, sessions, resume, clock } = setUp();
      resume();
      const now = Math.floor(clock.now().getTime() / 1000);
      const current = [...(sessions as unknown as { latest: Map<string, LinkResume> }).latest.values()][0].sessionId;
      const forged = jwt.sign({ sub: 'u_1', conv: 'c1', sid: current, aud: 'directline', iat: now, exp: now + 60 }, 'not our secret');
      expect(tokens.verify(forged)).toBe('invalid');
    });

    test('a resume is forgotten once every token issued before it has expired (its entry is not needed any more)', () => {
      const { tokens, sessions, resume, clock } = setUp();
      const stranger = tokens.issue(STRANGER).token;
      const resumed = claimsOf(tokens, resume());
      expect(sessions.size).toBe(1);
      clock.advance(DIRECT_LINE_TOKEN_SECONDS * 1000);
      expect(tokens.verify(stranger)).toBe('expired');
      // the next resume (of any conversation) forgets it
      resume('c2');
      expect(sessions.size).toBe(1);
      expect(tokens.verify(tokens.issue(resumed).token)).toMatchObject(STRANGER);
    });
  });
});

describe('EndedSessions: resumes learnt here, from other instances and from the database agree', () => {
  const at = new Date(T0).getTime();

  test('the newest resume wins whatever order they arrive in; ties (two instances, one millisecond) go to the greater session id', () => {
    const resumes: LinkResume[] = [
      { at, sessionId: 'a' },
      { at: at + 5, sessionId: 'b' },
      { at: at + 5, sessionId: 'c' },
      { at: at + 1, sessionId: 'z' },
    ];
    for (const order of [resumes, [...resumes].reverse(), [resumes[2], resumes[0], resumes[3], resumes[1]]]) {
      const sessions = new EndedSessions(fixedClock(T0), DIRECT_LINE_TOKEN_SECONDS);
      for (const resume of order) sessions.learn('c1', resume);
      expect(['a', 'b', 'c', 'z'].filter((id) => !sessions.isEnded('c1', id))).toEqual(['c']);
    }
  });

  test('listeners hear news only, with where it was made', () => {
    const sessions = new EndedSessions(fixedClock(T0), DIRECT_LINE_TOKEN_SECONDS);
    const heard: string[] = [];
    sessions.onEnded((conversationId, resume, madeHere) => heard.push(`${conversationId} ${resume.sessionId} ${madeHere}`));
    expect(sessions.learn('c1', { at: at + 1, sessionId: 'b' }, true)).toBe(true);
    expect(sessions.learn('c1', { at, sessionId: 'a' })).toBe(false);
    expect(sessions.learn('c1', { at: at + 1, sessionId: 'b' })).toBe(false);
    expect(sessions.learn('c1', { at: at + 2, sessionId: 'c' })).toBe(true);
    expect(heard).toEqual(['c1 b true', 'c1 c false']);
  });

  test('next() is after every resume known, even one from a clock ahead of ours', () => {
    const sessions = new EndedSessions(fixedClock(T0), DIRECT_LINE_TOKEN_SECONDS);
    sessions.learn('c1', { at: at + 2000, sessionId: 'from a clock ahead' });
    const next = sessions.next('c1');
    expect(next.at).toBe(at + 2001);
    expect(sessions.next('c2').at).toBe(at);
    expect(next.sessionId).not.toBe(sessions.next('c1').sessionId);
  });

  test('readBack learns what the database kept since the cutoff; a resume older than that ends nothing any more', async () => {
    const clock = fixedClock(T0);
    const sessions = new EndedSessions(clock, DIRECT_LINE_TOKEN_SECONDS);
    const asked: number[] = [];
    await sessions.readBack(async (since) => {
      asked.push(since);
      return [
        { conversationId: 'c1', at: at - 10 * MINUTE, sessionId: 'kept' },
        { conversationId: 'c2', at: at - DIRECT_LINE_TOKEN_SECONDS * 1000, sessionId: 'too old' },
      ];
    });
    expect(asked).toEqual([at - DIRECT_LINE_TOKEN_SECONDS * 1000]);
    expect(sessions.isEnded('c1', 'another')).toBe(true);
    expect(sessions.isEnded('c1', 'kept')).toBe(false);
    expect(sessions.isEnded('c2', 'another')).toBe(false);
  });
});
