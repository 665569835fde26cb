import type { DirectLine } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { AGENT, agentToken, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';

let ctx: Awaited<ReturnType<typeof startTestApp>>;
/** Every customer's Direct Line client of the test: ended after it, even when the test failed half-way (else jest never exits). */
const customers: DirectLine[] = [];
beforeEach(async () => {
  ctx = await startTestApp();
});
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  await ctx.app.close();
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

/** A Web Chat customer who asks for a person straight away; returns their view of the chat. */
async function customerWantingAPerson() {
  const customer = await webChatCustomer(ctx.base, customers);
  await customer.say('my QT5682 died, bought it February 20th');
  await customer.until((a) => a.channelData?.prompt === 'proofType');
  await customer.say('I want to talk to a person');
  const handoff = await customer.until((a) => a.type === 'event' && a.name === 'handoff.initiate');
  return { ...customer, claimId: handoff.value.claimId as string };
}

describe('the agent API', () => {
  test.each([
    ['POST', '/api/agent/claims/x/accept'],
    ['POST', '/api/agent/claims/x/messages'],
    ['POST', '/api/agent/claims/x/resolve'],
    ['POST', '/api/agent/claims/x/return-to-bot'],
    ['POST', '/api/agent/claims/x/close'],
    ['POST', '/api/agent/claims/x/notes'],
    ['GET', '/api/agent/claims/x/notes'],
    ['GET', '/api/agent/files/x'],
    ['GET', '/api/agent/canned'],
    ['GET', '/api/agent/me'],
    ['POST', '/api/agent/logout'],
  ])('%s %s refuses a caller without a token', async (method, path) => {
    const res = await fetch(`${ctx.base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: method === 'POST' ? '{}' : undefined,
    });
    expect(res.status).toBe(401);
  });

  test('the agent stream refuses a connection without a valid token', async () => {
    const ws = new WebSocket(`${ctx.base.replace('http', 'ws')}/api/agent/stream`, ['token.forged']);
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });

  test('two agents accept at once: exactly one gets it, the other gets 409', async () => {
    const c = await customerWantingAPerson();
    // two different accounts: one account racing itself would not show who won
    const accounts = new AgentAccounts(ctx.app.storage.agents);
    await accounts.create('bo', 'password-bo');
    await accounts.create('cy', 'password-cy');
    const bo = await agentToken(ctx.base, { username: 'bo', password: 'password-bo' });
    const cy = await agentToken(ctx.base, { username: 'cy', password: 'password-cy' });
    const [r1, r2] = await Promise.all([
      call(`/api/agent/claims/${c.claimId}/accept`, bo, {}),
      call(`/api/agent/claims/${c.claimId}/accept`, cy, {}),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const winner = r1.status === 200 ? 'bo' : 'cy';
    const claim = (await (await call(`/api/agent/claims/${c.claimId}`, bo)).json()) as any;
    expect(claim.handoff.agent).toBe(winner);
    c.dl.end();
  });

  test('hand-over end to end: queue, accept, messages both ways, resolve with an RMA, then CSAT', async () => {
    const c = await customerWantingAPerson();
    const token = await agentToken(ctx.base);
    // the agent's live stream sees the customer's messages
    const events: any[] = [];
    const feed = new WebSocket(`${ctx.base.replace('http', 'ws')}/api/agent/stream`, ['qsee.agent', `token.${token}`]);
    await new Promise((r) => feed.on('open', r));
    feed.on('message', (m) => events.push(JSON.parse(String(m))));

    const queue = (await (await call('/api/agent/queue', token)).json()) as any[];
    expect(queue.map((q) => q.id)).toContain(c.claimId);
    expect((await call(`/api/agent/claims/${c.claimId}/accept`, token, {})).status).toBe(200);
    await c.until((a) => a.from?.id === `agent:${AGENT.username}` && /Q-See support/.test(a.text));

    expect((await call(`/api/agent/claims/${c.claimId}/messages`, token, { text: 'Could you send the receipt?' })).status).toBe(200);
    const fromAgent = await c.until((a) => a.text === 'Could you send the receipt?');
    expect(fromAgent.from).toMatchObject({ id: `agent:${AGENT.username}`, name: AGENT.username });

    await c.say('sure, one moment');
    const relayed = await new Promise<any>((resolve) => {
      const check = () => events.find((e) => e.type === 'customer.message' && e.text === 'sure, one moment');
      const found = check();
      if (found) return resolve(found);
      feed.on('message', () => check() && resolve(check()));
    });
    expect(relayed.claimId).toBe(c.claimId);
    // the bot stays silent while a person has the case
    const botAfter = c.seen.filter(
      (a) => a.from?.role !== 'user' && !String(a.from?.id).startsWith('agent:') && a.timestamp > relayed.timestamp,
    );
    expect(botAfter).toEqual([]);

    const resolved = (await (
      await call(`/api/agent/claims/${c.claimId}/resolve`, token, { outcome: 'covered', reasons: [], note: 'receipt seen on video call' })
    ).json()) as any;
    expect(resolved).toMatchObject({
      status: 'rma_issued',
      decision: { outcome: 'covered', decidedBy: 'agent', note: 'receipt seen on video call' },
    });
    expect(resolved.rmaNumber).toMatch(/^RMA-2026-/);
    await c.until((a) => (a.text ?? '').includes(resolved.rmaNumber));
    await c.until((a) => a.channelData?.prompt === 'csat');
    await c.say('5');
    await c.until((a) => a.channelData?.prompt === 'csatComment');
    const claim = (await (await call(`/api/agent/claims/${c.claimId}`, token)).json()) as any;
    expect(claim.csat.score).toBe(5);
    expect(claim.transcript.some((t: any) => t.from === 'agent' && t.text === 'Could you send the receipt?')).toBe(true);
    feed.close();
    c.dl.end();
  });

  test('return to the assistant resumes the claim at its next question', async () => {
    const c = await customerWantingAPerson();
    const token = await agentToken(ctx.base);
    await call(`/api/agent/claims/${c.claimId}/accept`, token, {});
    expect((await call(`/api/agent/claims/${c.claimId}/return-to-bot`, token, {})).status).toBe(200);
    const notice = await c.until((a) => /back with the Q-See assistant/.test(a.text ?? ''));
    // the first question from the notice on (the two may leave as one message) is the claim's next open one
    const asked = await c.until((a) => c.seen.indexOf(a) >= c.seen.indexOf(notice) && a.channelData?.prompt !== undefined);
    expect(asked).toMatchObject({
      channelData: { prompt: 'proofType' },
      inputHint: 'expectingInput',
      text: expect.stringMatching(/Do you have a proof of purchase\?/),
    });
    expect(asked.suggestedActions.actions.map((action: any) => action.value)).toContain("I don't have one");
    const claim = (await (await call(`/api/agent/claims/${c.claimId}`, token)).json()) as any;
    expect(claim.status).toBe('in_progress');
    c.dl.end();
  });

  test('bad resolutions are refused with the reason', async () => {
    const c = await customerWantingAPerson();
    const token = await agentToken(ctx.base);
    expect((await call(`/api/agent/claims/${c.claimId}/resolve`, token, { outcome: 'covered' })).status).toBe(409);
    await call(`/api/agent/claims/${c.claimId}/accept`, token, {});
    expect((await call(`/api/agent/claims/${c.claimId}/resolve`, token, { outcome: 'maybe' })).status).toBe(400);
    expect((await call(`/api/agent/claims/${c.claimId}/resolve`, token, { outcome: 'not_covered', reasons: [] })).status).toBe(400);
    // design.md's table: missing proof never denies, and a claim waits for proof only because proof is missing
    const resolve = (body: object) => call(`/api/agent/claims/${c.claimId}/resolve`, token, body);
    expect((await resolve({ outcome: 'not_covered', reasons: ['no_proof_of_purchase'] })).status).toBe(400);
    expect((await resolve({ outcome: 'awaiting_proof', reasons: ['outside_warranty_period'] })).status).toBe(400);
    expect((await call(`/api/agent/claims/${c.claimId}/messages`, token, { text: '' })).status).toBe(400);
    c.dl.end();
  });

  test('logout closes that agent’s open stream at once, and presence counts them offline', async () => {
    const token = await agentToken(ctx.base);
    // the stream takes Authorization: Bearer on the upgrade (tools), besides the console's subprotocol
    const feed = new WebSocket(`${ctx.base.replace('http', 'ws')}/api/agent/stream`, { headers: { Authorization: `Bearer ${token}` } });
    const hello = await new Promise<any>((resolve) => feed.once('message', (m) => resolve(JSON.parse(String(m)))));
    expect(hello).toEqual({ type: 'hello', agent: AGENT.username });
    const closed = new Promise<void>((resolve) => feed.on('close', () => resolve()));
    const events: any[] = [];
    feed.on('message', (m) => events.push(JSON.parse(String(m))));
    expect((await call('/api/agent/logout', token, {})).status).toBe(200);
    await closed; // closed by the server: the test would time out otherwise
    // with nobody online, a customer who asks for a person is offered a call-back, not a place in line
    const c = await customerWantingAPerson();
    await c.until((a) => a.channelData?.prompt === 'email');
    expect(c.seen.some((a) => /You're number/.test(a.text ?? ''))).toBe(false);
    expect(events).toEqual([]);
    c.dl.end();
  });

  test('the console’s subprotocol: the stream answers with its fixed name, never with the token', async () => {
    const token = await agentToken(ctx.base);
    const feed = new WebSocket(`${ctx.base.replace('http', 'ws')}/api/agent/stream`, ['qsee.agent', `token.${token}`]);
    const echoed = await new Promise<string | undefined>((resolve) =>
      feed.once('upgrade', (res) => resolve(res.headers['sec-websocket-protocol'] as string | undefined)),
    );
    expect(echoed).toBe('qsee.agent');
    expect(feed.protocol).toBe('qsee.agent');
    feed.close();
  });

  test('a token in the stream URL is never taken (it would end up in logs and history), nor the token echoed', async () => {
    const token = await agentToken(ctx.base);
    const inUrl = new WebSocket(`${ctx.base.replace('http', 'ws')}/api/agent/stream?token=${token}`);
    const status = await new Promise<number>((resolve) => inUrl.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    // a client that offers only its token as a subprotocol is served, but the token is not echoed back
    const tokenOnly = new WebSocket(`${ctx.base.replace('http', 'ws')}/api/agent/stream`, [`token.${token}`]);
    const echoed = await new Promise<string | undefined>((resolve, reject) => {
      tokenOnly.once('upgrade', (res) => resolve(res.headers['sec-websocket-protocol'] as string | undefined));
      tokenOnly.once('error', reject);
    }).catch(() => 'refused');
    expect(echoed === undefined || echoed === 'refused').toBe(true);
    tokenOnly.terminate();
  });

  test('logout revokes the token', async () => {
    const token = await agentToken(ctx.base);
    expect((await call('/api/agent/me', token)).status).toBe(200);
    expect((await call('/api/agent/logout', token, {})).status).toBe(200);
    expect((await call('/api/agent/me', token)).status).toBe(401);
  });
});
