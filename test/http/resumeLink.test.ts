import { Writable } from 'node:stream';
import pino from 'pino';
import WebSocket from 'ws';
import { AgentTokens } from '../../src/agents/agentTokens';
import { DirectLineTokens } from '../../src/channels/directLine/directLineTokens';
import { DIRECT_LINE_CHANNEL } from '../../src/domain/conversationKey';
import { ResumeLinks } from '../../src/mail/resumeLinks';
import { type DlActivity, rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { agentToken, startTestApp, TEST_TOKEN_SECRET } from '../helpers/testApp';

const DAY_MS = 24 * 60 * 60 * 1000;
const notRevoked = {
  revoke: async () => {},
  isRevoked: async () => false,
  standing: async () => ({ revoked: false, account: { role: 'admin', generation: 0 } }),
};
const SETTINGS = { TOKEN_SECRET: TEST_TOKEN_SECRET };

type TestApp = Awaited<ReturnType<typeof startTestApp>>;
interface Session {
  token: string;
  conversationId: string;
  userId: string;
  expires_in: number;
}

/** The link the customer's mail would carry, made as the mail would make it (the app's secret, clock and origin). */
function linkTo(ctx: TestApp, conversationId: string, days = 30): { link: string; token: string } {
  const link = new ResumeLinks(TEST_TOKEN_SECRET, ctx.clock, days, () => ctx.base).linkFor({
    channel: DIRECT_LINE_CHANNEL,
    id: conversationId,
  }) as string;
  return { link, token: link.slice(`${ctx.base}/resume/`.length) };
}

const resume = (base: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  fetch(`${base}/api/directline/resume`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** A customer who has chatted a little: the bot asked for the product, then for the purchase date. */
async function customerWhoChatted(base: string) {
  const customer = await rawDirectLineCustomer(base);
  await customer.asked('menu');
  await customer.say('my camera stopped working');
  await customer.asked('product');
  await customer.say('QT5682 bullet camera');
  await customer.asked('purchaseDate');
  customer.close();
  return customer.session;
}

/** The conversation's stream as the help page opens it on a resumed session: GET the conversation (no watermark), then its streamUrl. */
async function streamOf(base: string, session: Session) {
  const res = await fetch(`${base}/v3/directline/conversations/${session.conversationId}`, {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(res.status).toBe(200);
  const { streamUrl } = (await res.json()) as { streamUrl: string };
  const seen: DlActivity[] = [];
  const waiters: Array<() => void> = [];
  const socket = new WebSocket(streamUrl);
  socket.on('message', (data) => {
    if (String(data) === '') return;
    seen.push(...(JSON.parse(String(data)) as { activities: DlActivity[] }).activities);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return {
    seen,
    async until(match: (a: DlActivity) => boolean): Promise<DlActivity> {
      for (;;) {
        const found = seen.find(match);
        if (found) return found;
        await new Promise<void>((done) => waiters.push(done));
      }
    },
    close: () => socket.close(),
  };
}

async function expectLinkPage(res: Response, status: number, says: RegExp, help: TestApp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  // the help page's headers, and no Referer or cache may keep the token
  const page = await fetch(`${help.base}/`);
  expect(res.headers.get('content-security-policy')).toBe(page.headers.get('content-security-policy'));
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = await res.text();
  expect(body).toMatch(says);
  expect(body).toContain('/static/help.css');
  return body;
}

describe('the link back to a conversation', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await startTestApp({ env: SETTINGS });
  });
  afterAll(async () => {
    await ctx.app.close();
  });

  test('a valid link opens the help page itself, with the pages’ headers, no Referer and no caching', async () => {
    const session = await customerWhoChatted(ctx.base);
    const res = await fetch(linkTo(ctx, session.conversationId).link);
    const body = await expectLinkPage(res, 200, /<div id="webchat"/, ctx);
    expect(body).toBe(await (await fetch(`${ctx.base}/`)).text());
  });

  test('POST resume gives a session of the same conversation and user, whose stream replays the earlier messages; the customer carries on', async () => {
    const session = await customerWhoChatted(ctx.base);
    const res = await resume(ctx.base, { link: linkTo(ctx, session.conversationId).token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const resumed = (await res.json()) as Session;
    expect(resumed).toEqual({
      token: expect.any(String),
      conversationId: session.conversationId,
      userId: session.userId,
      expires_in: 1800,
    });

    // the activities, read with the new token: the customer's own (as theirs) and the bot's
    const page = await fetch(`${ctx.base}/v3/directline/conversations/${session.conversationId}/activities`, {
      headers: { Authorization: `Bearer ${resumed.token}` },
    });
    expect(page.status).toBe(200);
    const { activities } = (await page.json()) as { activities: DlActivity[] };
    expect(activities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'my camera stopped working', from: expect.objectContaining({ id: session.userId }) }),
        expect.objectContaining({ text: 'QT5682 bullet camera', from: expect.objectContaining({ id: session.userId }) }),
        expect.objectContaining({ channelData: expect.objectContaining({ prompt: 'purchaseDate' }) }),
      ]),
    );

    // as Web Chat reconnects (no watermark): the history comes first, then the conversation goes on
    const stream = await streamOf(ctx.base, resumed);
    await stream.until((a) => a.text === 'my camera stopped working');
    const asks = () => stream.seen.filter((a) => a.channelData?.prompt === 'purchaseDate').length;
    await stream.until((a) => a.channelData?.prompt === 'purchaseDate');
    const askedBefore = asks();
    const sent = await fetch(`${ctx.base}/v3/directline/conversations/${session.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${resumed.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        from: { id: session.userId },
        text: 'February 20th',
        channelData: { clientActivityID: 'r1' },
      }),
    });
    expect(sent.status).toBe(200);
    // stored as the customer's own, as the history before it
    expect((await stream.until((a) => a.text === 'February 20th')).from).toMatchObject({ id: session.userId, role: 'user' });
    await stream.until((a) => a.channelData?.prompt === 'proofType');
    expect(asks()).toBe(askedBefore);
    stream.close();

    // the same claim, now with the date given after resuming
    const agent = await agentToken(ctx.base);
    const claims = (await (
      await fetch(`${ctx.base}/api/agent/claims?conversationId=${session.conversationId}`, {
        headers: { Authorization: `Bearer ${agent}` },
      })
    ).json()) as Array<{ product: { text: string }; purchase: { date: string | null } }>;
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ product: { text: expect.stringContaining('QT5682') }, purchase: { date: '2026-02-20' } });
  });

  test('the resumed session reads and writes its own conversation only (another customer’s is 403)', async () => {
    const mine = await customerWhoChatted(ctx.base);
    const theirs = await customerWhoChatted(ctx.base);
    const resumed = (await (await resume(ctx.base, { link: linkTo(ctx, mine.conversationId).token })).json()) as Session;
    const auth = { Authorization: `Bearer ${resumed.token}` };
    const read = await fetch(`${ctx.base}/v3/directline/conversations/${theirs.conversationId}/activities`, { headers: auth });
    expect(read.status).toBe(403);
    const write = await fetch(`${ctx.base}/v3/directline/conversations/${theirs.conversationId}/activities`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: theirs.userId }, text: 'hello' }),
    });
    expect(write.status).toBe(403);
    expect((await fetch(`${ctx.base}/v3/directline/conversations/${theirs.conversationId}`, { headers: auth })).status).toBe(403);
    // and the link is not a Direct Line token, nor an agent's
    const link = linkTo(ctx, mine.conversationId).token;
    const asToken = await fetch(`${ctx.base}/v3/directline/conversations/${mine.conversationId}/activities`, {
      headers: { Authorization: `Bearer ${link}` },
    });
    expect(asToken.status).toBe(401);
    expect((await fetch(`${ctx.base}/api/agent/queue`, { headers: { Authorization: `Bearer ${link}` } })).status).toBe(401);
  });

  describe('edge cases: links that open nothing (404 page; POST 404 RESUME_LINK_NOT_VALID)', () => {
    const forged: Array<[string, (ctx: TestApp, conversationId: string) => string]> = [
      ['a tampered signature', (c, id) => `${linkTo(c, id).token.slice(0, -3)}AAA`],
      [
        'another secret',
        (c, id) =>
          new ResumeLinks('another secret', c.clock, 30, () => c.base).linkFor({ channel: 'directline', id })?.split('/').at(-1) as string,
      ],
      [
        'a Direct Line token of the conversation',
        (c, id) => new DirectLineTokens(TEST_TOKEN_SECRET, c.clock).issue({ userId: 'u_x', conversationId: id }).token,
      ],
      ['an agent token', (c) => new AgentTokens(TEST_TOKEN_SECRET, 60 * 60_000, notRevoked, c.clock).issue('ana', 'admin').token],
      [
        'a stream ticket',
        (c, id) => new DirectLineTokens(TEST_TOKEN_SECRET, c.clock).issueStreamTicket({ userId: 'u_x', conversationId: id }),
      ],
      ['garbage', () => 'not-a-link'],
      ['nothing', () => ''],
      ['a signed link to a conversation we do not have', (c) => linkTo(c, 'ffffffffffffffffffffffffffffffff').token],
    ];
    test.each(forged)('%s', async (_what, make) => {
      const session = await customerWhoChatted(ctx.base);
      const token = make(ctx, session.conversationId);
      await expectLinkPage(await fetch(`${ctx.base}/resume/${encodeURIComponent(token)}`), 404, /This link is not valid/, ctx);
      const res = await resume(ctx.base, { link: token });
      expect(res.status).toBe(token ? 404 : 400);
      if (!token) return;
      expect(await res.json()).toMatchObject({ error: { code: 'RESUME_LINK_NOT_VALID' } });
    });
  });

  test.each([
    ['bad JSON', 400, 'BAD_JSON', '{"link":', undefined],
    ['no link', 400, 'BAD_REQUEST', {}, undefined],
    ['a link that is not a string', 400, 'BAD_REQUEST', { link: { conv: 'x' } }, undefined],
    ['an empty link', 400, 'BAD_REQUEST', { link: '' }, undefined],
    ['a body that is not an object', 400, 'BAD_REQUEST', '"eyJ.x.y"', undefined],
    ['null', 400, 'BAD_REQUEST', 'null', undefined],
    ['a huge body', 413, 'TOO_LARGE', { link: 'x'.repeat(10_000) }, undefined],
    ['a form instead of JSON', 415, 'UNSUPPORTED_MEDIA_TYPE', 'link=x', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ])('edge case: POST resume with %s → %i %s', async (_what, status, code, body, headers: Record<string, string> | undefined) => {
    const res = await resume(ctx.base, body, headers);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
  });

  test('the token in a link path is never logged', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _e, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const logged = await startTestApp({ env: SETTINGS, logger });
    try {
      const { token } = linkTo(logged, 'ffffffffffffffffffffffffffffffff');
      // restify refuses these itself (wrong method, unknown route) and logs the request's URL
      expect((await fetch(`${logged.base}/resume/${token}`, { method: 'DELETE' })).status).toBe(405);
      expect((await fetch(`${logged.base}/resume/${token}?x=1`, { method: 'POST' })).status).toBe(405);
      const refusals = lines.filter((l) => l.includes('request refused'));
      expect(refusals).toHaveLength(2);
      expect(refusals.join('')).toContain('/resume/…');
      expect(lines.join('')).not.toContain(token.split('.')[2]);
    } finally {
      await logged.app.close();
    }
  });
});

test('an expired link opens a page that says so (410), and POST resume answers 410', async () => {
  const ctx = await startTestApp({ env: SETTINGS });
  try {
    const session = await customerWhoChatted(ctx.base);
    const { link, token } = linkTo(ctx, session.conversationId, 30);
    ctx.clock.advance(30 * DAY_MS - 1000);
    expect((await fetch(link)).status).toBe(200);
    ctx.clock.advance(1000);
    const body = await expectLinkPage(await fetch(link), 410, /This link has expired/, ctx);
    expect(body).toMatch(/Your claim is kept/);
    expect(body).toMatch(/<a class="button" href="\/">Start a new chat<\/a>/);
    const res = await resume(ctx.base, { link: token });
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ error: { code: 'RESUME_LINK_EXPIRED' } });
    // a link sent today works again
    expect((await resume(ctx.base, { link: linkTo(ctx, session.conversationId).token })).status).toBe(200);
  } finally {
    await ctx.app.close();
  }
});

test('resuming is rate-limited per address, together with new chats (DIRECTLINE_TOKENS_PER_MINUTE); guesses count too', async () => {
  const ctx = await startTestApp({ env: { ...SETTINGS, DIRECTLINE_TOKENS_PER_MINUTE: '4' } });
  try {
    const session = (await (await fetch(`${ctx.base}/api/directline/token`, { method: 'POST' })).json()) as Session;
    const { token } = linkTo(ctx, session.conversationId);
    expect((await resume(ctx.base, { link: token })).status).toBe(200);
    expect((await resume(ctx.base, { link: 'a-guess' })).status).toBe(404);
    expect((await resume(ctx.base, { link: token })).status).toBe(200);
    const refused = await resume(ctx.base, { link: token });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fetch(`${ctx.base}/api/directline/token`, { method: 'POST' })).status).toBe(429);
    // the page itself is only a signature check: it stays open
    expect((await fetch(`${ctx.base}/resume/${token}`)).status).toBe(200);
  } finally {
    await ctx.app.close();
  }
});
