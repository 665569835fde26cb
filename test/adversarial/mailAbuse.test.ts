import { type DlActivity, rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { TestSmtpServer } from '../helpers/smtpServer';
import { agentToken, startTestApp } from '../helpers/testApp';

/*
 * An attacker's probe of issue 19's mail, through the whole server and a real SMTP server: one
 * inbox flooded under many spellings (F2), an agent's decision crowded out by anonymous chats (F3),
 * a corrected address ignored (F4). Each failed before the fixes; the mail's own content (F1, F6) is
 * tested in test/mail/mailMessages.test.ts, the link's sessions (F5) in linkFixation.test.ts, the
 * mail server's answers (F7, F8) in test/mail/.
 */

const T0 = '2026-03-02T17:30:00.000Z';

// ---------------------------------------------------------------- the whole server, a real SMTP server

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

  test('F2: one mailbox gets no more than MAIL_LIMIT_PER_ADDRESS_PER_HOUR mails, however its address is spelled (plus tags)', async () => {
    await start({ MAIL_LIMIT_PER_ADDRESS_PER_HOUR: '5' });
    for (let n = 0; n < 8; n++) await transcriptTo(`victim+${n}@example.com`);
    await drainOutbox();
    // every one of these lands in victim@example.com's inbox
    expect(smtp.messages.length).toBeLessThanOrEqual(5);
  });

  test('F3: an agent’s decision is mailed to the customer even when anonymous chats have used up the hourly limit', async () => {
    await start({ MAIL_LIMIT_PER_HOUR: '2' });
    // strangers spend the hour's budget on transcripts to addresses of their choosing
    await transcriptTo('one@example.org');
    await transcriptTo('two@example.org');
    await drainOutbox();
    expect(smtp.messages).toHaveLength(2);

    // a real customer waits for a person and leaves an address; an agent decides
    const c = await customer();
    await c.asked('menu');
    await c.say('my QT5682 died, bought it last week');
    await c.say('I want to talk to a person');
    const handoff = (await c.until((a) => a.type === 'event' && a.name === 'handoff.initiate')) as DlActivity & { value: any };
    const ask = await c.after(c.seen.indexOf(handoff), (a) => a.channelData?.prompt === 'email');
    await c.say('sam@example.net');
    await c.after(c.seen.indexOf(ask) + 1, (a) => /get back to you at sam@example.net/.test(a.text ?? ''));
    const token = await agentToken(ctx.base);
    expect((await call(`/api/agent/claims/${handoff.value.claimId}/accept`, token, {})).status).toBe(200);
    expect((await call(`/api/agent/claims/${handoff.value.claimId}/resolve`, token, { outcome: 'awaiting_proof' })).status).toBe(200);
    await drainOutbox();

    expect(smtp.messages.map((m) => m.to[0])).toContain('sam@example.net');
  });

  test('F4: the address a waiting customer corrected to is the one the agent’s email goes to', async () => {
    await start();
    const c = await customer();
    await c.asked('menu');
    await c.say('my QT5682 died, bought it last week');
    await c.say('I want to talk to a person');
    const handoff = (await c.until((a) => a.type === 'event' && a.name === 'handoff.initiate')) as DlActivity & { value: any };
    const ask = await c.after(c.seen.indexOf(handoff), (a) => a.channelData?.prompt === 'email');
    await c.say('jane@gmial.com');
    const first = await c.after(c.seen.indexOf(ask) + 1, (a) => /get back to you at jane@gmial.com/.test(a.text ?? ''));
    await c.say('sorry, typo: jane@gmail.com');
    await c.after(c.seen.indexOf(first) + 1, (a) => /get back to you at jane@gmail.com/.test(a.text ?? ''));

    const sent = await call(`/api/agent/claims/${handoff.value.claimId}/email`, await agentToken(ctx.base), { text: 'Your RMA is ready.' });

    expect(sent.body.to).toBe('jane@gmail.com');
  });
});
