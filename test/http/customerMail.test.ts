import { COVERED_CLAIM_ANSWERS, UPLOAD } from '../helpers/coveredClaim';
import { FILES } from '../helpers/harness';
import { type DlActivity, rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { TestSmtpServer } from '../helpers/smtpServer';
import { agentToken, startTestApp } from '../helpers/testApp';

/**
 * Mail as a customer and an agent meet it, through the whole server and a real SMTP server: a
 * covered claim's decision mail with its RMA number and the link back, an offline hand-off answered
 * by an agent's email, and a mail server that is down for a while.
 */
let smtp: TestSmtpServer;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
const customers: { close(): void }[] = [];
beforeEach(async () => {
  smtp = await TestSmtpServer.start();
  ctx = await startTestApp({
    now: new Date().toISOString(),
    env: { SMTP_URL: smtp.url(), MAIL_FROM: 'Q-See Support <support@example.com>' },
  });
});
afterEach(async () => {
  for (const c of customers.splice(0)) c.close();
  await ctx.app.close();
  await smtp.stop();
});

const call = (path: string, token?: string, body?: unknown) =>
  fetch(`${ctx.base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A customer on our Direct Line (HTTP and its WebSocket), who can wait for a question asked after a point of the chat. */
async function customer() {
  const c = await rawDirectLineCustomer(ctx.base);
  customers.push(c);
  /** The first bot activity after the `from`th that passes `test`. */
  const until = async (test: (a: DlActivity) => boolean, from = 0) => {
    await c.until((a) => c.seen.slice(from).includes(a) && test(a));
    return c.seen.slice(from).find((a) => a.from.role !== 'user' && test(a)) as DlActivity & { value?: any };
  };
  const asked = (prompt: string, from: number) => until((a) => a.inputHint === 'expectingInput' && a.channelData?.prompt === prompt, from);
  return { ...c, until, asked, upload: () => c.upload('receipt.jpg', FILES['receipt.jpg']) };
}

/** Walks a covered claim to the question after its decision. */
async function coveredClaim(c: Awaited<ReturnType<typeof customer>>) {
  let from = 0;
  for (const [prompt, answer] of Object.entries(COVERED_CLAIM_ANSWERS)) {
    const question = await c.asked(prompt, from);
    from = c.seen.indexOf(question) + 1;
    if (answer === UPLOAD) await c.upload();
    else await c.say(answer);
  }
  const offer = await c.asked('email', from);
  return { offer, from: c.seen.indexOf(offer) + 1 };
}

test('a covered claim: the decision mail arrives with the RMA number and a link back that opens the conversation', async () => {
  const c = await customer();
  const { from } = await coveredClaim(c);
  await c.say('you can use jane.doe@example.com');
  await c.asked('csat', from);
  const [mail] = await smtp.waitForMessages(1);
  const claim = (await (
    await call(`/api/agent/claims?conversationId=${c.session.conversationId}`, await agentToken(ctx.base))
  ).json()) as any[];
  const rma = claim[0].rmaNumber as string;
  expect(rma).toBeTruthy();
  expect(mail.to).toEqual(['jane.doe@example.com']);
  expect(mail.subject).toContain(rma);
  expect(mail.text).toContain(rma);
  expect(mail.html).toContain(rma);
  expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  // no tracking: nothing remote to load
  expect(mail.html).not.toMatch(/<img|<script|src=|url\(/i);
  const link = /https?:\/\/\S+\/resume\/[\w.-]+/.exec(mail.text)?.[0] as string;
  expect(link.startsWith(ctx.base)).toBe(true);
  expect(mail.html).toContain(link);
  // the link opens the help page, and trades for a session of the same conversation and user
  expect((await fetch(link)).status).toBe(200);
  const resumed = await fetch(`${ctx.base}/api/directline/resume`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ link: link.split('/resume/')[1] }),
  });
  expect(resumed.status).toBe(200);
  expect(await resumed.json()).toMatchObject({ conversationId: c.session.conversationId, userId: c.session.userId });
});

test('an offline hand-off answered by an agent’s email: to the call-back address, with the link; 409 with no address', async () => {
  const c = await customer();
  await c.asked('menu', 0);
  await c.say('my QT5682 died, bought it last week');
  await c.say('I want to talk to a person');
  const handoff = (await c.until((a) => a.type === 'event' && a.name === 'handoff.initiate')) as any;
  const callback = await c.asked('email', c.seen.indexOf(handoff));
  const token = await agentToken(ctx.base);
  // nobody has left an address yet
  const early = await call(`/api/agent/claims/${handoff.value.claimId}/email`, token, { text: 'Hello?' });
  expect(early.status).toBe(409);
  expect(((await early.json()) as any).error.code).toBe('NO_CUSTOMER_EMAIL');
  await c.say('sam@example.net');
  await c.until((a) => /get back to you at sam@example.net/.test(a.text ?? ''), c.seen.indexOf(callback));

  const text = 'Hi Sam, this is Ana. Your camera is covered — please upload your receipt through the link and I will issue the RMA.';
  const sent = await call(`/api/agent/claims/${handoff.value.claimId}/email`, token, { text });
  expect(sent.status).toBe(200);
  expect(await sent.json()).toMatchObject({ to: 'sam@example.net', kind: 'agent_reply', status: 'waiting' });
  const [mail] = await smtp.waitForMessages(1);
  expect(mail.to).toEqual(['sam@example.net']);
  expect(mail.text).toContain(text);
  expect(mail.text).toMatch(/\/resume\/[\w.-]+/);
  expect(mail.text).toMatch(/Replies to this email don't reach the chat/);
  // the customer's chat shows it too, in the agent's name, for when they come back through the link
  const inChat = await c.until((a) => a.text === text);
  expect(inChat.from.id).toBe('agent:ana');
  // and the claim's mails say it was sent
  const mails = async () => (await (await call(`/api/agent/claims/${handoff.value.claimId}/email`, token)).json()) as any[];
  // a pass after the one that sent it: its outcome is written by then
  await ctx.app.mailSender?.sendDue();
  expect((await mails())[0]).toMatchObject({ status: 'sent', to: 'sam@example.net' });
  expect((await mails())[0].text).toBeUndefined();
});

test('a mail server down for a while: the mail waits with the reason, and goes once the server is back and its retry is due', async () => {
  await smtp.stop();
  const c = await customer();
  const { from } = await coveredClaim(c);
  await c.say('late@example.com');
  await c.asked('csat', from);
  const token = await agentToken(ctx.base);
  const outbox = async () => (await (await call('/api/agent/outbox', token)).json()) as any[];
  // the pass the turn woke, or one after it: the attempt is written by then
  await ctx.app.mailSender?.sendDue();
  const [waiting] = await outbox();
  expect(waiting).toMatchObject({ status: 'waiting', attempts: 1, to: 'late@example.com' });
  expect(waiting.lastError).toMatch(/unreachable|ECONNREFUSED/i);
  expect(Date.parse(waiting.nextAttemptAt) - ctx.clock.now().getTime()).toBe(60_000);

  await smtp.restart();
  // not due yet: nothing goes
  await ctx.app.mailSender?.sendDue();
  expect(smtp.messages).toHaveLength(0);
  ctx.clock.advance(60_000);
  await ctx.app.mailSender?.sendDue();
  const [mail] = await smtp.waitForMessages(1);
  expect(mail.to).toEqual(['late@example.com']);
  expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 2 });
});
