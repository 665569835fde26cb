import { agentToken, callApi, startTestApp } from '../helpers/testApp';

/** A password reset or a disable is what an admin does when a password leaked: no sign-in in flight may outlive it. */
let ctx: Awaited<ReturnType<typeof startTestApp>>;
let admin: string;
beforeEach(async () => {
  ctx = await startTestApp();
  admin = await agentToken(ctx.base);
  const res = await call('POST', '/api/agent/agents', admin, { username: 'bo', password: 'password-bo', role: 'agent', displayName: 'Bo' });
  expect(res.status).toBe(201);
});
afterEach(() => ctx.app.close());

const call = (method: string, path: string, token?: string, body?: unknown, contentType?: string) =>
  callApi(ctx.base, method, path, token, body, contentType);

/** The admin's change lands while the sign-in checks the old password (after it read the hash, during the slow check). */
function duringTheCheck(change: () => Promise<Response>) {
  const store = ctx.app.storage.agents;
  const readHash = store.passwordHash.bind(store);
  store.passwordHash = async (username: string) => {
    const hash = await readHash(username);
    store.passwordHash = readHash;
    expect((await change()).status).toBe(200);
    return hash;
  };
}

test.each([
  ['a new password', () => call('POST', '/api/agent/agents/bo/password', admin, { password: 'a brand new password' })],
  ['a disable', () => call('POST', '/api/agent/agents/bo/disable', admin)],
])('a sign-in with the old password straddling %s gives no token that outlives it', async (_, change) => {
  duringTheCheck(change);
  const signIn = await call('POST', '/api/agent/login', undefined, { username: 'bo', password: 'password-bo' });
  const token = signIn.status === 200 ? ((await signIn.json()) as { token: string }).token : null;
  // refused, or a token the change already ended — also once the account is enabled again
  if (token) {
    expect((await call('GET', '/api/agent/me', token)).status).toBe(401);
    await call('POST', '/api/agent/agents/bo/enable', admin);
    expect((await call('GET', '/api/agent/me', token)).status).toBe(401);
  }
});
