import type { App } from '../../src/app';
import { type OwnCluster, startOwnCluster } from '../helpers/ownPostgres';
import { ON_POSTGRES } from '../helpers/postgres';
import { startTestApp } from '../helpers/testApp';

/*
 * PostgreSQL goes away while the server runs, and comes back. The cluster is the test's own
 * (initdb/pg_ctl on a free port), never the shared one. While it is down, what needs the database
 * is refused with a clear 503 (and /readyz says so, /healthz does not: the process is fine); what
 * was acknowledged before is still there after; once it is back, the next request is served
 * without a restart, and the customer's resend of the refused message carries the claim on.
 * Runs in the PostgreSQL run only (`npm run test:postgres`).
 */
const onPostgres = ON_POSTGRES ? describe : describe.skip;

const AGENT = { username: 'ana', password: 'correct horse' };

onPostgres('PostgreSQL outage', () => {
  let cluster: OwnCluster;
  let app: App;
  let base: string;

  beforeAll(async () => {
    cluster = await startOwnCluster();
    ({ app, base } = await startTestApp({
      env: {
        DATABASE_URL: cluster.url,
        TOKEN_SECRET: 'outage-test-secret',
      },
    }));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    cluster?.destroy();
  });

  /** One Direct Line customer over HTTP: posts with a clientActivityID (resends reuse it) and reads the bot's replies. */
  async function customer() {
    const { token, conversationId } = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const url = `${base}/v3/directline/conversations/${conversationId}`;
    let watermark = '0';
    return {
      start: () => fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers }),
      post: (text: string, clientActivityID: string) =>
        fetch(`${url}/activities`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ type: 'message', from: { id: 'me' }, text, channelData: { clientActivityID } }),
        }),
      /** The bot's questions since the last read (their prompt tags). */
      async prompts(): Promise<string[]> {
        const res = await fetch(`${url}/activities?watermark=${watermark}`, { headers });
        expect(res.status).toBe(200);
        const page = (await res.json()) as {
          watermark: string;
          activities: { from: { role?: string }; channelData?: { prompt?: string } }[];
        };
        watermark = page.watermark;
        return page.activities.filter((a) => a.from.role !== 'user' && a.channelData?.prompt).map((a) => a.channelData?.prompt as string);
      },
      async customerTexts(): Promise<string[]> {
        const res = await fetch(`${url}/activities?watermark=0`, { headers });
        const page = (await res.json()) as { activities: { from: { role?: string }; text?: string }[] };
        return page.activities.filter((a) => a.from.role === 'user').map((a) => a.text as string);
      },
    };
  }

  test('requests that need the database get 503 while it is down; it resumes by itself; nothing acknowledged is lost', async () => {
    const me = await customer();
    expect((await me.start()).status).toBe(201);
    expect((await me.post('my camera stopped working', 'm1')).status).toBe(200);
    expect((await me.post('QT5682', 'm2')).status).toBe(200);
    expect((await me.prompts()).at(-1)).toBe('purchaseDate');

    cluster.stop();

    const refused = await me.post('5 days ago', 'm3');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('DATABASE_UNAVAILABLE');
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const login = await fetch(`${base}/api/agent/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(AGENT),
    });
    expect(login.status).toBe(503);
    expect((await fetch(`${base}/api/directline/token`, { method: 'POST' })).status).toBe(503);

    const downAt = performance.now();
    cluster.start();
    const upAfterMs = performance.now() - downAt;

    // the first request after PostgreSQL is back is served: no restart, no waiting for the pool
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await me.post('5 days ago', 'm3')).status).toBe(200);
    expect((await me.prompts()).at(-1)).toBe('proofType');
    // each message once: the two acknowledged before the outage, and the refused one as resent
    expect(await me.customerTexts()).toEqual(['my camera stopped working', 'QT5682', '5 days ago']);
    // a new customer and an agent are served again too
    expect((await fetch(`${base}/api/directline/token`, { method: 'POST' })).status).toBe(200);
    const agent = await fetch(`${base}/api/agent/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(AGENT),
    });
    expect(agent.status).toBe(200);
    if (process.env.OUTAGE_REPORT)
      process.stdout.write(`outage: PostgreSQL back in ${upAfterMs.toFixed(0)} ms; first request after it served\n`);
  }, 90_000);
});
