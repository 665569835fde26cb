import { type DlActivity, rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { TestSmtpServer } from '../helpers/smtpServer';
import { startTestApp } from '../helpers/testApp';

/*
 * Finding F5 of the probe of issue 19 (docs/probe-issue19.md on branch `probe`), "link fixation": an
 * anonymous stranger chats, has the transcript mailed to someone else's address, and that person follows
 * the genuine link into the stranger's conversation and types into it. The link reopens the conversation
 * there and closes it everywhere else, so the stranger reads nothing of it.
 */

const T0 = '2026-03-02T17:30:00.000Z';

describe('an anonymous customer and the mail the server sends', () => {
  let smtp: TestSmtpServer;
  let ctx: Awaited<ReturnType<typeof startTestApp>>;
  const customers: { close(): void }[] = [];

  const start = async (env: Record<string, string> = {}) => {
    smtp = await TestSmtpServer.start();
    ctx = await startTestApp({ now: T0, env: { SMTP_URL: smtp.url(), MAIL_FROM: 'Q-See Support <support@example.com>', ...env } });
  };
  afterEach(async () => {
    for (const c of customers.splice(0)) c.close();
    await ctx?.app.close();
    await smtp?.stop();
  });

  const customer = async () => {
    const c = await rawDirectLineCustomer(ctx.base);
    customers.push(c);
    const after = (from: number, test: (a: DlActivity) => boolean) => c.until((a) => c.seen.indexOf(a) >= from && test(a));
    return { ...c, after };
  };
  const call = async (path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${ctx.base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** Sends what is due until nothing waits (the clock is fixed: a temporary failure would wait, none is expected here). */
  const drainOutbox = async () => {
    for (let i = 0; i < 20; i++) {
      const summary = await ctx.app.mailSender?.sendDue();
      if (!summary || summary.sent + summary.retried + summary.failed === 0) return;
    }
  };
  /** A new chat that asks for the transcript and gives `to`; resolves with the bot's answer. */
  const transcriptTo = async (to: string, firstWords = 'my camera stopped working') => {
    const c = await customer();
    await c.asked('menu');
    await c.say(firstWords);
    const product = await c.asked('product');
    await c.say('email me this conversation');
    const ask = await c.after(c.seen.indexOf(product) + 1, (a) => a.channelData?.prompt === 'email');
    await c.say(to);
    return { c, answer: await c.after(c.seen.indexOf(ask) + 1, (a) => /^(Done|Sorry)/.test(a.text ?? '')) };
  };

  test('F5: following the link in a mail sent to a typed address does not hand the reader’s words to whoever typed it', async () => {
    await start();
    const { c: attacker } = await transcriptTo('victim@example.com');
    await drainOutbox();
    const [mail] = await smtp.waitForMessages(1);
    const link = /\/resume\/([\w.-]+)/.exec(mail.text)?.[1];
    if (!link) return; // no link in mail to an unconfirmed address: nothing to follow (one acceptable fix)

    // the victim follows the genuine link and writes into what looks like their own chat
    const victim = await call('/api/directline/resume', undefined, { link });
    expect(victim.status).toBe(200);
    const secret = 'my address is 1 Main St, Springfield';
    const posted = await fetch(`${ctx.base}/v3/directline/conversations/${victim.body.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${victim.body.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: victim.body.userId }, text: secret, channelData: { clientActivityID: 'v1' } }),
    });
    expect(posted.status).toBe(200);

    // the attacker still holds the token it started the chat with
    const read = await fetch(`${ctx.base}/v3/directline/conversations/${attacker.session.conversationId}/activities`, {
      headers: { Authorization: `Bearer ${attacker.session.token}` },
    });
    const texts = read.status === 200 ? ((await read.json()) as { activities: DlActivity[] }).activities.map((a) => a.text) : [];
    expect(texts).not.toContain(secret);
    // nor can it refresh that token into one that would (its stream: test/http/endedSessions.test.ts)
    const refreshed = await call('/v3/directline/tokens/refresh', attacker.session.token, {});
    expect(refreshed).toMatchObject({ status: 403, body: { error: { code: 'SESSION_ENDED' } } });
  });
});
