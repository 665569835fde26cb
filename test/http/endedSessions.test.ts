import WebSocket from 'ws';
import { SESSION_ENDED_CLOSE_CODE } from '../../src/channels/directLine/directLineStreams';
import { DirectLineTokens } from '../../src/channels/directLine/directLineTokens';
import { DIRECT_LINE_CHANNEL } from '../../src/domain/conversationKey';
import { ResumeLinks } from '../../src/mail/resumeLinks';
import { arrivals } from '../helpers/arrivals';
import { FILES } from '../helpers/harness';
import type { DlActivity } from '../helpers/rawDirectLine';
import { startTestApp, TEST_TOKEN_SECRET } from '../helpers/testApp';

/*
 * The link in a customer's mail reopens the conversation where it is followed and closes it everywhere
 * else (finding F5 of the probe of issue 19: a stranger has the transcript mailed to someone else, who
 * follows the genuine link and types into the stranger's chat). Every app here runs on a fixed clock:
 * the stranger's token, the resume and the resumed token are all issued in the same second.
 */

const SETTINGS = { TOKEN_SECRET: TEST_TOKEN_SECRET };
const MINUTE = 60_000;
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
interface Session {
  token: string;
  conversationId: string;
  userId: string;
}
interface Answer {
  status: number;
  body: any;
}

const answer = async (res: Response): Promise<Answer> => {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

async function newChat(base: string): Promise<Session> {
  return (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json() as Promise<Session>;
}

/** The link the customer's mail carries, traded for a session as the help page trades it. */
async function resumeThroughLink(ctx: TestApp, conversationId: string): Promise<Session> {
  const link = new ResumeLinks(TEST_TOKEN_SECRET, ctx.clock, 30, () => ctx.base).linkFor({
    channel: DIRECT_LINE_CHANNEL,
    id: conversationId,
  });
  const res = await fetch(`${ctx.base}/api/directline/resume`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ link: link?.split('/').at(-1) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Session;
}

/** Every Direct Line call a session's token makes, as botframework-directlinejs makes it. */
function directLine(base: string, session: Session) {
  const auth = { Authorization: `Bearer ${session.token}` };
  const conversation = `${base}/v3/directline/conversations/${session.conversationId}`;
  // a clientActivityID of this session's own: one already stored in the conversation would be taken for a resend
  const id = (kind: string) => `${kind}-${session.token.slice(-8)}-${++n}`;
  let n = 0;
  return {
    start: async () => answer(await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth })),
    reconnect: async () => answer(await fetch(`${conversation}?watermark=1`, { headers: auth })),
    refresh: async () => answer(await fetch(`${base}/v3/directline/tokens/refresh`, { method: 'POST', headers: auth })),
    read: async () => answer(await fetch(`${conversation}/activities`, { headers: auth })),
    say: async (text: string) =>
      answer(
        await fetch(`${conversation}/activities`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', from: { id: session.userId }, text, channelData: { clientActivityID: id('m') } }),
        }),
      ),
    upload: async () => {
      const form = new FormData();
      const activity = JSON.stringify({ type: 'message', from: { id: session.userId }, channelData: { clientActivityID: id('u') } });
      form.append('activity', new Blob([activity], { type: 'application/vnd.microsoft.activity' }));
      form.append('file', new Blob([new Uint8Array(FILES['receipt.jpg'])], { type: 'image/jpeg' }), 'receipt.jpg');
      return answer(await fetch(`${conversation}/upload?userId=${session.userId}`, { method: 'POST', headers: auth, body: form }));
    },
    /** The stream URL's address with the session's token instead of a ticket (tools do this). */
    streamWithToken: () => ({ url: `${conversation.replace('http', 'ws')}/stream`, headers: auth }),
  };
}

/** A stream as Web Chat opens it: frames as they come, and how it closed. */
async function openStream(url: string, headers?: Record<string, string>) {
  const seen: DlActivity[] = [];
  const arrived = arrivals();
  let closed: { code: number; reason: string } | null = null;
  const socket = new WebSocket(url, { headers });
  socket.on('message', (data) => {
    if (String(data) !== '') seen.push(...(JSON.parse(String(data)) as { activities: DlActivity[] }).activities);
    arrived.wake();
  });
  socket.on('close', (code, reason) => {
    closed = { code, reason: String(reason) };
    arrived.wake();
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const texts = () => seen.map((a) => a.text).join(' | ');
  return {
    seen,
    until: (what: string, match: (a: DlActivity) => boolean) => arrived.until(what, () => seen.find(match), texts),
    closed: () => arrived.until('the stream to close', () => closed ?? undefined, texts),
    close: () => socket.close(),
  };
}

/** The status an upgrade is refused with (or 101 if it opens). */
function upgradeStatus(url: string, headers?: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.once('error', (error) => reject(error));
  });
}

const ENDED = {
  status: 403,
  body: { error: { code: 'SESSION_ENDED', message: expect.stringMatching(/opened from the link in our email/) } },
};

describe('following the link ends the conversation’s earlier sessions', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await startTestApp({ env: SETTINGS });
  });
  afterAll(async () => {
    await ctx.app.close();
  });

  test('the stranger’s token, its refresh, its stream URLs and tickets, uploads, posts, reads and its open stream are refused; the resumed session carries on', async () => {
    const stranger = await newChat(ctx.base);
    const strangers = directLine(ctx.base, stranger);
    const started = await strangers.start();
    expect(started.status).toBe(201);
    const strangersStream = await openStream(started.body.streamUrl);
    await strangersStream.until('the greeting', (a) => a.channelData?.prompt === 'menu');
    expect((await strangers.say('my camera stopped working')).status).toBe(200);
    await strangersStream.until('the product question', (a) => a.channelData?.prompt === 'product');
    // a stream URL minted before the resume, to be used after it
    const spare = await strangers.reconnect();
    expect(spare.status).toBe(200);
    const bystander = await newChat(ctx.base);

    const resumed = await resumeThroughLink(ctx, stranger.conversationId);
    expect(resumed).toMatchObject({ conversationId: stranger.conversationId, userId: stranger.userId });

    // the stranger's open stream is closed, with a code that says why
    expect(await strangersStream.closed()).toEqual({ code: SESSION_ENDED_CLOSE_CODE, reason: expect.stringMatching(/session ended/) });
    // and every call of its session is refused, as Web Chat takes as final (403)
    expect(await strangers.say('anyone there?')).toMatchObject(ENDED);
    expect(await strangers.upload()).toMatchObject(ENDED);
    expect(await strangers.read()).toMatchObject(ENDED);
    expect(await strangers.refresh()).toMatchObject(ENDED);
    expect(await strangers.reconnect()).toMatchObject(ENDED);
    expect(await strangers.start()).toMatchObject(ENDED);
    expect(await upgradeStatus(spare.body.streamUrl)).toBe(401);
    const withToken = strangers.streamWithToken();
    expect(await upgradeStatus(withToken.url, withToken.headers)).toBe(401);

    // the one who followed the link reads the history and carries on, with a stream of their own
    const resumedSession = directLine(ctx.base, resumed);
    const reconnected = await resumedSession.reconnect();
    expect(reconnected.status).toBe(200);
    const stream = await openStream(reconnected.body.streamUrl.replace('watermark=1', 'watermark=0'));
    await stream.until('the history', (a) => a.text === 'my camera stopped working');
    const secret = 'QT5682, my address is 1 Main St, Springfield';
    expect((await resumedSession.say(secret)).status).toBe(200);
    await stream.until('the purchase date question', (a) => a.channelData?.prompt === 'purchaseDate');
    expect((await resumedSession.upload()).status).toBe(200);
    const refreshed = await resumedSession.refresh();
    expect(refreshed.status).toBe(200);
    const read = await directLine(ctx.base, { ...resumed, token: refreshed.body.token }).read();
    expect(read.status).toBe(200);
    expect(read.body.activities.map((a: DlActivity) => a.text)).toContain(secret);
    stream.close();

    // the stranger saw none of it; a customer of another conversation was not touched
    expect(strangersStream.seen.map((a) => a.text)).not.toContain(secret);
    expect(await strangers.read()).toMatchObject(ENDED);
    expect((await directLine(ctx.base, bystander).start()).status).toBe(201);
  });

  test('a second resume ends the first resumer’s session (its token, its refreshed token, its stream); the newest carries on', async () => {
    const stranger = await newChat(ctx.base);
    expect((await directLine(ctx.base, stranger).start()).status).toBe(201);
    const first = await resumeThroughLink(ctx, stranger.conversationId);
    const firsts = directLine(ctx.base, first);
    const refreshed = await firsts.refresh();
    expect(refreshed.status).toBe(200);
    const stream = await openStream((await firsts.reconnect()).body.streamUrl);

    const second = await resumeThroughLink(ctx, stranger.conversationId);
    expect((await stream.closed()).code).toBe(SESSION_ENDED_CLOSE_CODE);
    expect(await firsts.say('still me?')).toMatchObject(ENDED);
    expect(await directLine(ctx.base, { ...first, token: refreshed.body.token }).read()).toMatchObject(ENDED);
    expect(await directLine(ctx.base, stranger).read()).toMatchObject(ENDED);
    expect((await directLine(ctx.base, second).say('it is me now')).status).toBe(200);
  });

  test('without the link nobody ends a session: forged links, another deployment’s, a Direct Line token or stream ticket as a link', async () => {
    const customer = await newChat(ctx.base);
    const customers = directLine(ctx.base, customer);
    expect((await customers.start()).status).toBe(201);
    const forgedTokens = new DirectLineTokens(TEST_TOKEN_SECRET, ctx.clock);
    const link = new ResumeLinks(TEST_TOKEN_SECRET, ctx.clock, 30, () => ctx.base).linkFor({
      channel: DIRECT_LINE_CHANNEL,
      id: customer.conversationId,
    }) as string;
    const notLinks = [
      `${link.split('/').at(-1)?.slice(0, -3)}AAA`,
      new ResumeLinks('another secret', ctx.clock, 30, () => ctx.base)
        .linkFor({ channel: 'directline', id: customer.conversationId })
        ?.split('/')
        .at(-1),
      customer.token,
      forgedTokens.issue({ userId: customer.userId, conversationId: customer.conversationId }).token,
      forgedTokens.issueStreamTicket({ userId: customer.userId, conversationId: customer.conversationId }),
    ];
    for (const notALink of notLinks) {
      const res = await fetch(`${ctx.base}/api/directline/resume`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ link: notALink }),
      });
      expect(res.status).toBe(404);
    }
    expect((await customers.say('still here')).status).toBe(200);
    expect((await customers.refresh()).status).toBe(200);
  });
});

describe('a restart keeps the resume (it is stored with the conversation)', () => {
  test('within the token lifetime the stranger is still refused after a restart; later its token has expired anyway, and the resumed session goes on', async () => {
    const first = await startTestApp({ env: SETTINGS });
    const stranger = await newChat(first.base);
    expect((await directLine(first.base, stranger).start()).status).toBe(201);
    const resumed = await resumeThroughLink(first, stranger.conversationId);
    await first.app.close();

    first.clock.advance(10 * MINUTE);
    const again = await startTestApp({ env: SETTINGS, dataDir: first.dataDir, clock: first.clock });
    try {
      expect(await directLine(again.base, stranger).read()).toMatchObject(ENDED);
      expect(await directLine(again.base, stranger).refresh()).toMatchObject(ENDED);
      const refreshed = await directLine(again.base, resumed).refresh();
      expect(refreshed.status).toBe(200);

      // past the lifetime of every token issued before the resume: expired (401), and the resume can be forgotten
      again.clock.advance(21 * MINUTE);
      expect((await directLine(again.base, stranger).read()).status).toBe(401);
      expect((await directLine(again.base, { ...resumed, token: refreshed.body.token }).say('back again')).status).toBe(200);
    } finally {
      await again.app.close();
    }
  });
});
