import type { DirectLine } from 'botframework-directlinejs';
import { openAgentFeed } from '../helpers/agentFeedClient';
import { addedAgentToken, agentToken, callApi, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';

/*
 * An agent hands a chat to a colleague (issue 20, timers: "an agent can transfer a chat to a
 * colleague"): the owner or an admin, to an enabled colleague who is someone else; the claim's
 * agent changes on the record, a note says so, the customer is told who now has their chat and
 * the agents' feeds show it. `ana` is the bootstrap admin; Bo and Cy are agents.
 */
let ctx: Awaited<ReturnType<typeof startTestApp>>;
let admin: string;
const customers: DirectLine[] = [];
beforeEach(async () => {
  ctx = await startTestApp();
  admin = await agentToken(ctx.base);
});
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  await ctx.app.close();
});

const call = (method: string, path: string, token?: string, body?: unknown, contentType?: string) =>
  callApi(ctx.base, method, path, token, body, contentType);
const addAgent = (username: string, displayName: string) => addedAgentToken(ctx.base, admin, username, displayName);

/** A Web Chat customer who asks for a person; returns what they see. */
async function customerWantingAPerson() {
  const { seen, until, say } = await webChatCustomer(ctx.base, customers);
  await say('I want to talk to a person');
  const handoff = await until((a) => a.type === 'event' && a.name === 'handoff.initiate');
  return { until, seen, claimId: handoff.value.claimId as string };
}

const claimOf = async (id: string) => (await (await call('GET', `/api/agent/claims/${id}`, admin)).json()) as any;
const transfer = (id: string, token: string | undefined, body: unknown, contentType?: string) =>
  call('POST', `/api/agent/claims/${id}/transfer`, token, body, contentType);
/** A colleague with the console open (their agent stream connected): only they can be given a chat. */
const online: { close(): void }[] = [];
async function withConsoleOpen(token: string) {
  online.push(await openAgentFeed(ctx.base, token));
}
afterEach(() => {
  for (const feed of online.splice(0)) feed.close();
});

describe('transferring a chat', () => {
  test('the owner hands it to a colleague: the claim is theirs on the record, a note says so, the customer is told, the feed shows it', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const cy = await addAgent('cy', 'Cy Dana');
    const customer = await customerWantingAPerson();
    expect((await call('POST', `/api/agent/claims/${customer.claimId}/accept`, bo)).status).toBe(200);
    const cyFeed = await openAgentFeed(ctx.base, cy);

    const res = await transfer(customer.claimId, bo, { to: 'cy' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: customer.claimId, status: 'with_agent', handoff: { agent: 'cy' } });

    const claim = await claimOf(customer.claimId);
    expect(claim).toMatchObject({ status: 'with_agent', handoff: { agent: 'cy' } });
    expect(claim.audit.at(-1)).toMatchObject({
      action: 'transfer',
      from: 'with_agent',
      to: 'with_agent',
      actorKind: 'agent',
      actorId: 'bo',
    });
    const notes = (await (await call('GET', `/api/agent/claims/${customer.claimId}/notes`, cy)).json()) as any;
    // stamped by the server's clock (the test's), in the unit of the transfer
    expect(notes.at(-1)).toEqual({ author: 'bo', text: 'Transferred from bo to cy.', createdAt: ctx.clock.now().toISOString() });
    const told = await customer.until((a) => /taking over your chat/.test(a.text ?? ''));
    expect(told.text).toBe('Cy Dana from Q-See support is taking over your chat.');
    expect(told.channelData.agentAuthor).toEqual({ username: 'cy', name: 'Cy Dana' });
    await cyFeed.until((e) => e.type === 'claim.updated' && e.claim?.id === customer.claimId && (e.claim as any).handoff?.agent === 'cy');
    cyFeed.close();

    // the chat is Cy's now: Bo may no longer speak in it, Cy may
    expect((await call('POST', `/api/agent/claims/${customer.claimId}/messages`, bo, { text: 'still me' })).status).toBe(403);
    expect((await call('POST', `/api/agent/claims/${customer.claimId}/messages`, cy, { text: 'Hello, Cy here' })).status).toBe(200);
  });

  test("an admin moves another agent's chat; the agent who does not hold it may not (403)", async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const cy = await addAgent('cy', 'Cy Dana');
    const customer = await customerWantingAPerson();
    expect((await call('POST', `/api/agent/claims/${customer.claimId}/accept`, bo)).status).toBe(200);

    await withConsoleOpen(cy);
    const refused = await transfer(customer.claimId, cy, { to: 'cy' });
    expect(refused.status).toBe(403);
    expect((await claimOf(customer.claimId)).handoff.agent).toBe('bo');

    expect((await transfer(customer.claimId, admin, { to: 'cy' })).status).toBe(200);
    const claim = await claimOf(customer.claimId);
    expect(claim.handoff.agent).toBe('cy');
    expect(claim.audit.at(-1)).toMatchObject({ action: 'transfer', actorKind: 'admin', actorId: 'ana' });
    // "from" names who had the chat, not the admin who moved it
    const notes = (await (await call('GET', `/api/agent/claims/${customer.claimId}/notes`, admin)).json()) as any;
    expect(notes.at(-1)).toMatchObject({ author: 'ana', text: 'Transferred from bo to cy.' });
  });

  test('409 to the agent who already has it, to a colleague whose console is closed, and for a claim still in the queue; 404 alike for an unknown and a disabled colleague, and an unknown claim', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const cy = await addAgent('cy', 'Cy Dana');
    const customer = await customerWantingAPerson();

    expect((await transfer(customer.claimId, bo, { to: 'cy' })).status).toBe(409); // nobody has it yet
    expect((await call('POST', `/api/agent/claims/${customer.claimId}/accept`, bo)).status).toBe(200);
    expect((await transfer(customer.claimId, bo, { to: 'bo' })).status).toBe(409);
    // Cy is signed in but has no console open: nobody would see the chat arrive
    const offline = await transfer(customer.claimId, bo, { to: 'cy' });
    expect(offline.status).toBe(409);
    expect(((await offline.json()) as any).error).toMatchObject({
      code: 'COLLEAGUE_OFFLINE',
      message: expect.stringMatching(/not connected/),
    });
    await withConsoleOpen(cy);
    expect((await call('POST', '/api/agent/agents/cy/disable', admin)).status).toBe(200);
    const disabled = await transfer(customer.claimId, bo, { to: 'cy' });
    const unknown = await transfer(customer.claimId, bo, { to: 'nobody' });
    // the same answer: a caller cannot tell a disabled account from none
    expect([disabled.status, unknown.status]).toEqual([404, 404]);
    const [disabledBody, unknownBody] = [(await disabled.json()) as any, (await unknown.json()) as any];
    expect(disabledBody).toEqual(unknownBody);
    expect(unknownBody.error.code).toBe('AGENT_NOT_FOUND');
    expect((await transfer('no-such-claim', bo, { to: 'ana' })).status).toBe(404);

    const claim = await claimOf(customer.claimId);
    expect(claim.handoff.agent).toBe('bo');
    expect(claim.audit.some((e: any) => e.action === 'transfer')).toBe(false);
  });

  test('hostile callers: signed out, a forged token, bad bodies', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const customer = await customerWantingAPerson();
    expect((await call('POST', `/api/agent/claims/${customer.claimId}/accept`, bo)).status).toBe(200);

    expect((await transfer(customer.claimId, undefined, { to: 'ana' })).status).toBe(401);
    expect((await transfer(customer.claimId, `${bo.slice(0, -2)}xx`, { to: 'ana' })).status).toBe(401);
    // a customer's Direct Line token is not an agent's
    const session = (await (await fetch(`${ctx.base}/api/directline/token`, { method: 'POST' })).json()) as any;
    expect((await transfer(customer.claimId, session.token, { to: 'ana' })).status).toBe(401);
    // an agent who signed out
    const gone = await addAgent('dee', 'Dee Ell');
    expect((await call('POST', '/api/agent/logout', gone)).status).toBe(200);
    expect((await transfer(customer.claimId, gone, { to: 'ana' })).status).toBe(401);
    for (const body of [{}, { to: '' }, { to: 42 }, { to: ['ana'] }, { to: 'a'.repeat(101) }, 'null', '[]'])
      expect((await transfer(customer.claimId, bo, body)).status).toBe(400);
    expect((await transfer(customer.claimId, bo, '{"to": ')).status).toBe(400);
    expect((await transfer(customer.claimId, bo, 'to=ana', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await transfer(customer.claimId, bo, JSON.stringify({ to: 'ana', pad: 'x'.repeat(70 * 1024) }))).status).toBe(413);
    expect((await claimOf(customer.claimId)).handoff.agent).toBe('bo');
  });
});

describe("an agent's own seats (GET /api/agent/me)", () => {
  test('openChats counts the chats they hold now, effectiveCapacity is their own capacity or AGENT_CAPACITY; a transfer moves the seat', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const cy = await addAgent('cy', 'Cy Dana');
    expect((await call('PATCH', '/api/agent/agents/cy', admin, { capacity: 1 })).status).toBe(200);
    const me = async (token: string) => (await (await call('GET', '/api/agent/me', token)).json()) as any;
    // autoAssign: whether the router gives hand-offs out (the console then chimes only for what it cannot give at once)
    expect(await me(bo)).toMatchObject({ username: 'bo', openChats: 0, capacity: null, effectiveCapacity: 3, autoAssign: false });
    expect(await me(cy)).toMatchObject({ username: 'cy', openChats: 0, capacity: 1, effectiveCapacity: 1 });

    const customer = await customerWantingAPerson();
    expect((await me(bo)).openChats).toBe(0); // waiting in the queue is nobody's seat
    expect((await call('POST', `/api/agent/claims/${customer.claimId}/accept`, bo)).status).toBe(200);
    expect((await me(bo)).openChats).toBe(1);
    await withConsoleOpen(cy);
    expect((await transfer(customer.claimId, bo, { to: 'cy' })).status).toBe(200);
    expect((await me(bo)).openChats).toBe(0);
    expect((await me(cy)).openChats).toBe(1);
    expect(JSON.stringify(await me(cy))).not.toMatch(/scrypt|password/i);
    // and the admins' list of agents says the same
    const list = (await (await call('GET', '/api/agent/agents', admin)).json()) as any;
    expect(list.items.map((a: any) => [a.username, a.openChats, a.effectiveCapacity])).toEqual([
      ['ana', 0, 3],
      ['bo', 0, 3],
      ['cy', 1, 1],
    ]);
  });
});

describe('colleagues', () => {
  test('any signed-in agent sees the enabled agents (names only); signed out is 401', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    await addAgent('cy', 'Cy Dana');
    expect((await call('POST', '/api/agent/agents/cy/disable', admin)).status).toBe(200);
    const res = await call('GET', '/api/agent/colleagues', bo);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { username: 'ana', displayName: 'ana' },
      { username: 'bo', displayName: 'Bo Berg' },
    ]);
    expect((await call('GET', '/api/agent/colleagues')).status).toBe(401);
    expect((await call('GET', '/api/agent/colleagues', `${bo.slice(0, -2)}xx`)).status).toBe(401);
  });
});
