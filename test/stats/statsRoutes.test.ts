import { agentToken, startTestApp } from '../helpers/testApp';
import { EXPECTED, statsClaim, storePeriod } from './statsClaims';

/*
 * GET /api/agent/stats and /api/agent/stats.csv (design.md, "Dashboard") over HTTP: who may read them,
 * what a bad period gets, the JSON against hand-worked truth, and the CSV's rows, quoting and defused formulas.
 * The test app's SUPPORT_TIMEZONE is America/New_York (its DEFAULT_TIMEZONE).
 */
let ctx: Awaited<ReturnType<typeof startTestApp>>;
let admin: string;
beforeEach(async () => {
  ctx = await startTestApp();
  admin = await agentToken(ctx.base);
});
afterEach(async () => {
  await ctx.app.close();
});
const get = (path: string, token?: string) => fetch(`${ctx.base}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
const PERIOD = '?from=2026-03-01&to=2026-03-02';
async function anAgent(): Promise<string> {
  const res = await fetch(`${ctx.base}/api/agent/agents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'bo', password: 'password-bo', role: 'agent', displayName: 'Bo' }),
  });
  expect(res.status).toBe(201);
  return agentToken(ctx.base, { username: 'bo', password: 'password-bo' });
}

describe.each(['/api/agent/stats', '/api/agent/stats.csv'])('%s', (path) => {
  test('401 signed out or with a forged token, 403 for an agent, 200 for an admin', async () => {
    expect((await get(`${path}${PERIOD}`)).status).toBe(401);
    expect((await get(`${path}${PERIOD}`, `${admin.slice(0, -2)}xx`)).status).toBe(401);
    expect((await get(`${path}${PERIOD}`, await anAgent())).status).toBe(403);
    expect((await get(`${path}${PERIOD}`, admin)).status).toBe(200);
  });

  test.each([
    ['', 'missing'],
    ['?from=2026-03-01', 'no to'],
    ['?from=2026-3-1&to=2026-03-02', 'not YYYY-MM-DD'],
    ['?from=2026-02-30&to=2026-03-02', 'no such day'],
    ['?from=2026-03-02&to=2026-03-01', 'from after to'],
    ['?from=2025-01-01&to=2026-01-02', 'over 366 days'],
    ['?from=x&to=%00', 'garbage'],
    ['?from[]=1&to=2026-03-01', 'an array'],
    ['?from=2026-03-01&from=2026-03-02&to=2026-03-02', 'a repeated day'],
  ])('400 for a bad period (%s: %s), before anything is sent', async (query) => {
    const res = await get(`${path}${query}`, admin);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });

  test('a full leap year (366 days) is allowed', async () => {
    expect((await get(`${path}?from=2028-01-01&to=2028-12-31`, admin)).status).toBe(200);
  });
});

test('the JSON shape and every figure, against the claims stored', async () => {
  await storePeriod(ctx.app.storage);
  const res = await get(`/api/agent/stats${PERIOD}`, admin);
  expect(res.status).toBe(200);
  const body = (await res.json()) as typeof EXPECTED;
  expect(body).toEqual({ ...EXPECTED, csat: { ...body.csat, average: expect.closeTo(3.8, 10) } });
  expect(body.csat.byOutcome.covered).toBeCloseTo(14 / 3, 10);
});

test('the CSV: a header, one row per claim of the period, RFC 4180 lines, nothing personal', async () => {
  await storePeriod(ctx.app.storage);
  const res = await get(`/api/agent/stats.csv${PERIOD}`, admin);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const text = await res.text();
  const lines = text.split('\r\n');
  expect(lines.pop()).toBe('');
  expect(lines[0]).toBe(
    'id,createdAt,status,outcome,decidedBy,handoffReason,agent,requestedAt,firstResponseAt,firstResponseSeconds,csatScore',
  );
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['c1', 'c2', 'c8', 'c3', 'c4', 'c6', 'c7', 'c5']);
  expect(lines).toContain(
    'c7,2026-03-02T21:00:00.000Z,with_agent,covered,agent,unclear_proof,ana,2026-03-02T21:00:00.000Z,2026-03-02T21:00:10.500Z,10.5,5',
  );
  expect(lines).toContain('c8,2026-03-01T15:00:00.000Z,in_progress,,,,,,,,');
  expect(text).not.toMatch(/Secret|secret@|customer words|a comment|the tenth/);
});

test('the CSV defuses formulas and quotes what needs quoting', async () => {
  await ctx.app.storage.claims.insert(statsClaim('=1+2', '2026-03-01T12:00:00.000Z', { agent: '@SUM(A1:A9),"x"', score: 4 }));
  await ctx.app.storage.claims.insert(statsClaim('-3', '2026-03-01T12:00:01.000Z', { agent: '+cmd|calc', score: 1 }));
  await ctx.app.storage.commits.durable();
  const text = await (await get('/api/agent/stats.csv?from=2026-03-01&to=2026-03-01', admin)).text();
  const rows = text.split('\r\n').slice(1, 3);
  expect(rows[0]).toBe(`'=1+2,2026-03-01T12:00:00.000Z,closed,,,,"'@SUM(A1:A9),""x""",,,,4`);
  expect(rows[1]).toBe(`'-3,2026-03-01T12:00:01.000Z,closed,,,,'+cmd|calc,,,,1`);
});

test('the CSV streams a period larger than one page, each claim once', async () => {
  const day = Date.parse('2026-03-01T12:00:00.000Z');
  for (let i = 0; i < 2500; i++)
    await ctx.app.storage.claims.insert(statsClaim(`k${i}`, new Date(day + Math.floor(i / 3) * 1000).toISOString()));
  await ctx.app.storage.commits.durable();
  const lines = (await (await get('/api/agent/stats.csv?from=2026-03-01&to=2026-03-01', admin)).text()).split('\r\n').slice(1, -1);
  expect(lines).toHaveLength(2500);
  expect(new Set(lines.map((l) => l.split(',')[0])).size).toBe(2500);
});

test('a crowd of stats requests: two read at once, eight wait their turn, the rest are told to come back (503 STATS_BUSY)', async () => {
  const stats = ctx.app.storage.stats;
  const summary = stats.summary.bind(stats);
  const rows = stats.rows.bind(stats);
  let reading = 0;
  let mostAtOnce = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const held =
    <T>(read: () => Promise<T>) =>
    async () => {
      reading++;
      mostAtOnce = Math.max(mostAtOnce, reading);
      await gate;
      reading--;
      return read();
    };
  stats.summary = (period) => held(() => summary(period))();
  stats.rows = (period, after, limit) => held(() => rows(period, after, limit))();
  // twelve at once, summaries and CSVs: while the first two are held, nothing can finish but a refusal
  const answered: Response[] = [];
  const asked = Array.from({ length: 12 }, (_, i) =>
    get(`/api/agent/stats${i % 3 === 2 ? '.csv' : ''}${PERIOD}`, admin).then((res) => {
      answered.push(res);
      return res;
    }),
  );
  while (answered.length < 2) await new Promise<void>((r) => setImmediate(r));
  for (const res of answered) {
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('STATS_BUSY');
  }
  expect(mostAtOnce).toBe(2);
  open();
  const statuses = (await Promise.all(asked)).map((res) => res.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(10);
  expect(statuses.filter((s) => s === 503)).toHaveLength(2);
  expect(mostAtOnce).toBe(2);
  // the crowd gone, a request is served again
  expect((await get(`/api/agent/stats${PERIOD}`, admin)).status).toBe(200);
});
