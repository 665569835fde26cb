import { AgentAccounts } from '../../src/agents/agentAccounts';
import { agentActor } from '../../src/domain/claimLifecycle';
import { TestSmtpServer } from '../helpers/smtpServer';
import { AGENT, agentToken, startTestApp } from '../helpers/testApp';

/**
 * The agents' mail routes against hostile and mistaken callers: signed out, another agent's
 * claim, unknown ids, no address, bad bodies, filters that try to widen a list, mail not set up.
 */
let smtp: TestSmtpServer;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
let ana: string; // the bootstrap account: an admin
let bo: string;
let cy: string;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  ctx = await startTestApp({ env: { SMTP_URL: smtp.url(), MAIL_FROM: 'support@example.com' } });
  const accounts = new AgentAccounts(ctx.app.storage.agents);
  await accounts.create('bo', 'password-bo');
  await accounts.create('cy', 'password-cy');
  ana = await agentToken(ctx.base);
  bo = await agentToken(ctx.base, { username: 'bo', password: 'password-bo' });
  cy = await agentToken(ctx.base, { username: 'cy', password: 'password-cy' });
});
afterAll(async () => {
  await ctx.app.close();
  await smtp.stop();
});

const call = (path: string, token?: string, body?: unknown, init: RequestInit = {}) =>
  fetch(`${ctx.base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

let n = 0;
/** A claim waiting for a person, with a call-back address unless `address` is null. */
async function waitingClaim(address: string | null = 'left@example.com') {
  const { claims } = ctx.app;
  const claim = await claims.open({ channel: 'directline', id: `gone-${++n}` }, 'America/New_York');
  await claims.requestHandoff(claim.id, 'customer_request');
  if (address) await claims.recordCallbackEmail(claim.id, address);
  await ctx.app.storage.commits.durable();
  return claim.id;
}

test('signed out, with a garbage token or after logging out: 401, nothing queued', async () => {
  const id = await waitingClaim();
  expect((await call(`/api/agent/claims/${id}/email`, undefined, { text: 'hi' })).status).toBe(401);
  expect((await call(`/api/agent/claims/${id}/email`, 'not.a.token', { text: 'hi' })).status).toBe(401);
  const gone = await agentToken(ctx.base, { username: 'bo', password: 'password-bo' });
  await call('/api/agent/logout', gone, {});
  expect((await call(`/api/agent/claims/${id}/email`, gone, { text: 'hi' })).status).toBe(401);
  for (const path of ['/api/agent/outbox', `/api/agent/claims/${id}/email`, '/api/agent/mail-settings'])
    expect((await call(path)).status).toBe(401);
  expect((await call('/api/agent/outbox/x/retry', undefined, {})).status).toBe(401);
  expect((await ctx.app.storage.outbox.page({ claimId: id }, 10, null)).items).toEqual([]);
});

test('unknown claim 404; no address known 409 NO_CUSTOMER_EMAIL', async () => {
  const res = await call('/api/agent/claims/nope/email', bo, { text: 'hi' });
  expect(res.status).toBe(404);
  const id = await waitingClaim(null);
  const none = await call(`/api/agent/claims/${id}/email`, bo, { text: 'hi' });
  expect(none.status).toBe(409);
  expect(await codeOf(none)).toBe('NO_CUSTOMER_EMAIL');
});

test('bad bodies are refused: empty, too long, not text, not JSON, another content type', async () => {
  const id = await waitingClaim();
  for (const body of [{}, { text: '' }, { text: '   ' }, { text: 42 }, { text: ['hi'] }, { text: 'x'.repeat(10_001) }])
    expect((await call(`/api/agent/claims/${id}/email`, bo, body)).status).toBe(400);
  expect((await call(`/api/agent/claims/${id}/email`, bo, '{"text": "hi"')).status).toBe(400);
  const form = await call(`/api/agent/claims/${id}/email`, bo, undefined, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bo}`, 'Content-Type': 'text/plain' },
    body: 'text=hi',
  });
  expect(form.status).toBe(415);
  expect((await ctx.app.storage.outbox.page({ claimId: id }, 10, null)).items).toEqual([]);
});

test("another agent's claim: 403 for an agent, allowed for an admin", async () => {
  const id = await waitingClaim('owned@example.com');
  await ctx.app.claims.accept(id, agentActor('bo', 'agent'));
  await ctx.app.storage.commits.durable();
  const other = await call(`/api/agent/claims/${id}/email`, cy, { text: 'hi' });
  expect(other.status).toBe(403);
  expect((await call(`/api/agent/claims/${id}/email`, bo, { text: 'from the owner' })).status).toBe(200);
  expect((await call(`/api/agent/claims/${id}/email`, ana, { text: 'from an admin' })).status).toBe(200);
  const mails = (await (await call(`/api/agent/claims/${id}/email`, cy)).json()) as { to: string; requestedBy: string }[];
  expect(mails.map((m) => m.requestedBy).sort()).toEqual(['agent:ana', 'agent:bo']);
  expect(new Set(mails.map((m) => m.to))).toEqual(new Set(['owned@example.com']));
});

test('the address comes from the claim, never from the request', async () => {
  const id = await waitingClaim('real@example.com');
  const res = await call(`/api/agent/claims/${id}/email`, bo, { text: 'hi', to: 'victim@example.com' });
  expect(await res.json()).toMatchObject({ to: 'real@example.com' });
});

test('outbox filters are plain values: a bracketed or unknown status widens nothing', async () => {
  for (const query of ['status[$ne]=sent', 'status=bogus', 'status=sent&status=failed', 'limit=0', 'limit=100000', 'cursor=%%%'])
    expect((await call(`/api/agent/outbox?${query}`, bo)).status).toBe(400);
  expect((await call('/api/agent/outbox?status=failed', bo)).status).toBe(200);
});

test('retry: an unknown mail 404, a mail that has not failed 409', async () => {
  expect((await call('/api/agent/outbox/nope/retry', bo, {})).status).toBe(404);
  const id = await waitingClaim('retry@example.com');
  const sent = (await (await call(`/api/agent/claims/${id}/email`, bo, { text: 'hi' })).json()) as { id: string };
  expect((await call(`/api/agent/outbox/${sent.id}/retry`, bo, {})).status).toBe(409);
});

test('retry of a mail to an address that bounced for good: 409, it stays failed', async () => {
  smtp.rejectRecipients('bounced@example.com');
  const id = await waitingClaim('bounced@example.com');
  const queued = (await (await call(`/api/agent/claims/${id}/email`, bo, { text: 'hi' })).json()) as { id: string };
  const { outbox } = ctx.app.storage;
  await ctx.app.mailSender?.sendDue();
  expect((await outbox.get(queued.id))?.status).toBe('failed');
  const res = await call(`/api/agent/outbox/${queued.id}/retry`, bo, {});
  expect(res.status).toBe(409);
  expect((await outbox.get(queued.id))?.status).toBe('failed');
});

test('mail settings say it is on', async () => {
  expect(await (await call('/api/agent/mail-settings', bo)).json()).toEqual({ enabled: true });
});

describe('without SMTP_URL', () => {
  let plain: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    plain = await startTestApp();
  });
  afterAll(() => plain.app.close());

  test('agents are told mail is not set up (409 MAIL_NOT_SET_UP), and the settings say so', async () => {
    const token = await agentToken(plain.base, AGENT);
    const claim = await plain.app.claims.open({ channel: 'directline', id: 'offline' }, 'America/New_York');
    await plain.app.claims.requestHandoff(claim.id, 'customer_request');
    await plain.app.claims.recordCallbackEmail(claim.id, 'someone@example.com');
    await plain.app.storage.commits.durable();
    const res = await fetch(`${plain.base}/api/agent/claims/${claim.id}/email`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(res.status).toBe(409);
    expect(await codeOf(res)).toBe('MAIL_NOT_SET_UP');
    const settings = await fetch(`${plain.base}/api/agent/mail-settings`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await settings.json()).toEqual({ enabled: false });
  });
});
