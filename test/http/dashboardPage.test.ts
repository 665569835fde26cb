import { startTestApp } from '../helpers/testApp';

/**
 * The dashboard page and Chart.js come from this server with the pages' strict CSP (no CDN, no inline
 * script); the page holds no data, so anyone may load it — the numbers come from /api/agent/stats (admins).
 */
let ctx: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => {
  await ctx.app.close();
});

test('GET /agent/dashboard is the page, with its scripts all from our own origin and script-src self', async () => {
  const page = await fetch(`${ctx.base}/agent/dashboard`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
  expect(page.headers.get('x-frame-options')).toBe('DENY');
  const html = await page.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts).toEqual(['<script src="/vendor/chart.js">', '<script type="module" src="/static/agent/dashboard.js">']);
  // nothing inline, nothing from elsewhere
  expect(html).not.toMatch(/<script>|https?:\/\//);
  for (const path of ['/static/agent/dashboard.js', '/static/agent/dashboardStats.js', '/static/dashboard.css']) {
    expect((await fetch(`${ctx.base}${path}`)).status).toBe(200);
  }
});

test("Chart.js's UMD build is served from node_modules, cached, with the same headers as the pages", async () => {
  const chart = await fetch(`${ctx.base}/vendor/chart.js`);
  expect(chart.status).toBe(200);
  expect(chart.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(chart.headers.get('cache-control')).toBe('public, max-age=86400');
  expect(chart.headers.get('content-security-policy')).toContain("script-src 'self'");
  const body = await chart.text();
  expect(body).toMatch(/Chart\.js v4\.6\.1/);
  for (const path of [
    '/vendor/chart.js/../../package.json',
    '/vendor/chart.umd.js',
    '/vendor/chart.js%2F..%2Fpackage.json',
    '/agent/dashboard/x',
  ])
    expect((await fetch(`${ctx.base}${path}`)).status).toBe(404);
});
