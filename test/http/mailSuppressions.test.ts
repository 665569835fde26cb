import jwt from 'jsonwebtoken';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { SUPPRESSION_DAYS } from '../../src/storage/outbox';
import { TestSmtpServer } from '../helpers/smtpServer';
import { agentToken, startTestApp } from '../helpers/testApp';

/**
 * The addresses mail is kept from after a bounce, as admins see and lift them
 * (GET /api/agent/suppressions, DELETE /api/agent/suppressions/:address), against hostile and
 * mistaken callers: signed out, forged, expired, a customer's token, a plain agent, addresses
 * spelled oddly or not at all.
 */
let smtp: TestSmtpServer;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
let ana: string; // the bootstrap account: an admin
let bo: string; // a plain agent

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  ctx = await startTestApp({ env: { SMTP_URL: smtp.url(), MAIL_FROM: 'support@example.com' } });
  await new AgentAccounts(ctx.app.storage.agents).create('bo', 'password-bo');
  ana = await agentToken(ctx.base);
  bo = await agentToken(ctx.base, { username: 'bo', password: 'password-bo' });
});
afterAll(async () => {
  await ctx.app.close();
  await smtp.stop();
});

const call = (path: string, token?: string, method = 'GET') =>
  fetch(`${ctx.base}${path}`, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} });
const lift = (address: string, token?: string) => call(`/api/agent/suppressions/${encodeURIComponent(address)}`, token, 'DELETE');
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
const listed = async (token = ana) =>
  ((await (await call('/api/agent/suppressions', token)).json()) as { address: string }[]).map((s) => s.address);
const suppress = async (address: string) => {
  await ctx.app.storage.outbox.suppress(address, 'refused by the mail server: 550 5.1.1 no such user', ctx.clock.now().toISOString());
};

let n = 0;
/** A claim waiting for a person whose customer left `address`. */
async function waitingClaim(address: string): Promise<string> {
  const { claims } = ctx.app;
  const claim = await claims.open({ channel: 'directline', id: `gone-${++n}` }, 'America/New_York');
  await claims.requestHandoff(claim.id, 'customer_request');
  await claims.recordCallbackEmail(claim.id, address);
  await ctx.app.storage.commits.durable();
  return claim.id;
}

test('signed out, garbage, forged, a customer’s token: 401, and nothing is lifted', async () => {
  await suppress('kept@example.com');
  const customer = (await (await fetch(`${ctx.base}/api/directline/token`, { method: 'POST' })).json()) as { token: string };
  const [header, payload] = bo.split('.');
  const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' })).toString(
    'base64url',
  );
  const wrongKey = jwt.sign({ sub: 'ana', role: 'admin', aud: 'agent', jti: 'x' }, 'not-the-secret-of-this-server-at-all', {
    algorithm: 'HS256',
    expiresIn: 600,
  });
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${promoted}.`;
  for (const token of [undefined, 'not.a.token', `${header}.${promoted}.${bo.split('.')[2]}`, wrongKey, unsigned, customer.token]) {
    expect((await call('/api/agent/suppressions', token)).status).toBe(401);
    expect((await lift('kept@example.com', token)).status).toBe(401);
  }
  const gone = await agentToken(ctx.base);
  await fetch(`${ctx.base}/api/agent/logout`, { method: 'POST', headers: { Authorization: `Bearer ${gone}` } });
  expect((await call('/api/agent/suppressions', gone)).status).toBe(401);
  expect((await lift('kept@example.com', gone)).status).toBe(401);
  expect(await ctx.app.storage.outbox.isSuppressed('kept@example.com')).toBe(true);
});

test('a plain agent: 403 FORBIDDEN to see or lift them', async () => {
  await suppress('kept@example.com');
  const seen = await call('/api/agent/suppressions', bo);
  expect(seen.status).toBe(403);
  expect(await codeOf(seen)).toBe('FORBIDDEN');
  expect((await lift('kept@example.com', bo)).status).toBe(403);
  expect(await ctx.app.storage.outbox.isSuppressed('kept@example.com')).toBe(true);
});

test('an address that bounced is listed for an admin, lifted, and a failed mail to it can then be sent again', async () => {
  smtp.rejectRecipients('Jane.Doe+claims@Example.com');
  const id = await waitingClaim('Jane.Doe+claims@Example.com');
  const queued = (await (
    await fetch(`${ctx.base}/api/agent/claims/${id}/email`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bo}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Are you there?' }),
    })
  ).json()) as { id: string };
  const { outbox } = ctx.app.storage;
  for (let i = 0; i < 100 && (await outbox.get(queued.id))?.status === 'waiting'; i++) await ctx.app.mailSender?.sendDue();
  expect((await outbox.get(queued.id))?.status).toBe('failed');

  const res = await call('/api/agent/suppressions', ana);
  expect(res.status).toBe(200);
  const items = (await res.json()) as Record<string, string>[];
  const jane = items.find((s) => s.address === 'jane.doe+claims@example.com');
  const since = ctx.clock.now().toISOString();
  expect(jane).toEqual({
    address: 'jane.doe+claims@example.com',
    reason: 'refused by the mail server: 550 5.1.1 <Jane.Doe+claims@example.com>: no such user',
    createdAt: since,
    expiresAt: new Date(Date.parse(since) + SUPPRESSION_DAYS * 86_400_000).toISOString(),
  });
  expect(Number(res.headers.get('x-total-count'))).toBe(items.length);
  // still suppressed: sending it again, or a new email, is refused, saying why
  const again = await call(`/api/agent/outbox/${queued.id}/retry`, bo, 'POST');
  expect(again.status).toBe(409);
  expect(await codeOf(again)).toBe('ADDRESS_SUPPRESSED');
  const another = await fetch(`${ctx.base}/api/agent/claims/${id}/email`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bo}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: 'Hello again?' }),
  });
  expect(another.status).toBe(409);
  expect(await codeOf(another)).toBe('ADDRESS_SUPPRESSED');

  // the address as typed, URL-encoded ("+" and "@" included), in any case
  const lifted = await lift('Jane.Doe+claims@EXAMPLE.com', ana);
  expect(lifted.status).toBe(204);
  expect(await listed()).not.toContain('jane.doe+claims@example.com');
  expect((await lift('jane.doe+claims@example.com', ana)).status).toBe(404);

  smtp.acceptRecipients('Jane.Doe+claims@Example.com');
  expect((await call(`/api/agent/outbox/${queued.id}/retry`, bo, 'POST')).status).toBe(200);
  await ctx.app.mailSender?.sendDue();
  expect((await outbox.get(queued.id))?.status).toBe('sent');
  expect((await smtp.waitForMessages(1)).at(-1)?.to).toEqual(['Jane.Doe+claims@example.com']);
});

test('lifting what is not there: 404, whatever the address looks like; never a 500', async () => {
  await suppress('kept@example.com');
  for (const address of [
    'nobody@example.com',
    'kept',
    ' kept@example.com',
    'kept@example.com%00',
    'x'.repeat(5000),
    '../../outbox',
    "' OR 1=1 --",
  ]) {
    const res = await lift(address, ana);
    expect(res.status).toBe(404);
  }
  // a broken percent-encoding, a bare path, a slash inside
  for (const path of ['/api/agent/suppressions/%E0%A4%A', '/api/agent/suppressions/', '/api/agent/suppressions/a%2Fb@example.com']) {
    const res = await call(path, ana, 'DELETE');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  }
  expect(await ctx.app.storage.outbox.isSuppressed('kept@example.com')).toBe(true);
});

test('an odd address that did bounce is lifted by its own spelling, URL-encoded', async () => {
  const odd = "o'brien/sales%ops@example.com";
  await suppress(odd);
  expect(await listed()).toContain(odd);
  expect((await lift(odd, ana)).status).toBe(204);
  expect(await ctx.app.storage.outbox.isSuppressed(odd)).toBe(false);
});

test('the list pages newest first, with a Link to the next page; bad paging is refused', async () => {
  for (const query of ['limit=0', 'limit=100000', 'limit=x', 'cursor=%%%', 'cursor=abc', 'limit=1&limit=2', 'limit[$gt]=1'])
    expect((await call(`/api/agent/suppressions?${query}`, ana)).status).toBe(400);
  for (let i = 0; i < 3; i++) {
    ctx.clock.advance(1000);
    await suppress(`page${i}@example.com`);
  }
  const first = await call('/api/agent/suppressions?limit=2', ana);
  expect(((await first.json()) as { address: string }[]).map((s) => s.address)).toEqual(['page2@example.com', 'page1@example.com']);
  const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
  expect(next).toMatch(/^\/api\/agent\/suppressions\?/);
  const second = (await (await call(next as string, ana)).json()) as { address: string }[];
  expect(second[0].address).toBe('page0@example.com');
});

test(`after ${SUPPRESSION_DAYS} days a suppression is no longer listed, and lifting it is a 404; an expired admin token is a 401`, async () => {
  await suppress('old@example.com');
  expect(await listed()).toContain('old@example.com');
  ctx.clock.advance(SUPPRESSION_DAYS * 86_400_000);
  const fresh = await agentToken(ctx.base);
  expect(await listed(fresh)).not.toContain('old@example.com');
  expect((await lift('old@example.com', fresh)).status).toBe(404);
  // ana's token of 90 days ago expired long since
  expect((await call('/api/agent/suppressions', ana)).status).toBe(401);
});
