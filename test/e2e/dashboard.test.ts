import type { Page } from 'playwright-core';
import { agentSignsIn, browserAndServerPerTest, shot } from '../helpers/browser';
import { HOSTILE_REASON, HOSTILE_WORDS, PERIOD, seedDashboard } from '../helpers/dashboardClaims';
import { agentToken } from '../helpers/testApp';

/**
 * The supervisor's dashboard in a real browser against the real app: claims of known shape stored in
 * its database (test/helpers/dashboardClaims.ts, every figure worked out by hand there), dates
 * corrected through the corrections API, the page asking the real /api/agent/stats, its CSV and the
 * corrections. The server's clock is 2026-03-02T17:30Z, the browser's 2026-03-02 noon.
 */
const env = browserAndServerPerTest();
jest.setTimeout(90_000);

const BROWSER_NOW = new Date('2026-03-02T12:00:00');

/** What each chart holds (Chart.js's own instance) and whether each bar or slice is drawn in its colour. */
const charts = (page: Page) =>
  page.$$eval('#sections canvas', (canvases) =>
    canvases.map((canvas: any) => {
      const chart = (globalThis as any).Chart.getChart(canvas);
      const context = canvas.getContext('2d');
      const ratio = chart.currentDevicePixelRatio;
      const dataset = chart.data.datasets[0];
      // the pixel at the middle of each bar or slice, as #rrggbb
      const painted = chart.getDatasetMeta(0).data.map((element: any) => {
        const { x, y } = element.getCenterPoint();
        const [r, g, b] = context.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
        return `#${[r, g, b].map((n: number) => n.toString(16).padStart(2, '0')).join('')}`;
      });
      return {
        section: canvas.closest('section').id,
        type: chart.config.type,
        rows: chart.data.labels.map((label: string, i: number) => [label, dataset.data[i]]),
        colours: dataset.backgroundColor,
        painted,
      };
    }),
  );

/** The rows of a section's table as [label, value] text. */
const tableRows = (page: Page, section: string) =>
  page.$$eval(`#${section} tbody tr`, (rows) => rows.map((r) => [r.querySelector('th')?.textContent, r.querySelector('td')?.textContent]));

/** [label, value] pairs sorted by label: where the contract gives an object, its keys' order is the store's. */
const byLabel = <T extends unknown[]>(rows: T[]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

/** The query of the next stats request once `act` is done. */
async function statsQueryAfter(page: Page, act: () => Promise<void>): Promise<string> {
  const request = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/agent/stats', { timeout: 10_000 });
  await act();
  return new URL((await request).url()).search;
}

/** Page errors, console errors and failed requests, collected from now on. */
function problemsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return errors;
}

/** ana (admin) signs in to the console, follows its Dashboard link, and waits for the last 7 days to be shown. */
async function adminOpensDashboard(page: Page): Promise<void> {
  await page.clock.setFixedTime(BROWSER_NOW);
  await agentSignsIn(page, env.ctx.base);
  await page.locator('#who').getByText('(admin)').waitFor();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.waitForURL(/\/agent\/dashboard$/);
}

async function choosePeriod(page: Page, from: string, to: string): Promise<string> {
  await page.fill('#from', from);
  await page.fill('#to', to);
  return statsQueryAfter(page, () => page.getByRole('button', { name: 'Show', exact: true }).click());
}

/** The text the CSV download saved. */
async function downloadedCsv(page: Page): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const saved = await download;
  const chunks: Buffer[] = [];
  for await (const chunk of await saved.createReadStream()) chunks.push(chunk as Buffer);
  return { name: saved.suggestedFilename(), text: Buffer.concat(chunks).toString() };
}

test('an admin sees the stored claims of the period picked: charts drawn from them, exact tables, the corrections, the CSV', async () => {
  await seedDashboard(env.ctx.app.storage, env.ctx.base);
  const page = await env.browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const errors = problemsOf(page);
  await adminOpensDashboard(page);

  // the last 7 days (2026-02-24..03-02) by default: none of the stored claims, said in words, no empty charts
  await page.locator('#summary').getByText('0 claims', { exact: false }).waitFor();
  expect(await page.inputValue('#from')).toBe('2026-02-24');
  expect(await page.inputValue('#to')).toBe('2026-03-02');
  expect(await page.locator('#summary').textContent()).toBe('0 claims · 0 hand-offs · no ratings · 0 date corrections');
  expect(await page.locator('canvas').count()).toBe(0);
  expect(await page.locator('#first-response .empty').textContent()).toBe('No agent answered a hand-off in this period.');
  expect(await page.locator('#corrections-list').textContent()).toBe('none');
  await shot(page, 'dashboard-empty-period');

  // the last 30 days: every stored claim, o1 and o2 included
  expect(await statsQueryAfter(page, () => page.getByRole('button', { name: 'Last 30 days' }).click())).toBe(
    '?from=2026-02-01&to=2026-03-02',
  );
  await page.locator('#summary').getByText('11 claims', { exact: false }).waitFor();
  expect(await page.locator('#summary').textContent()).toBe('11 claims · 6 hand-offs · 7 ratings, average 2.71 · 3 date corrections');

  // the period of the test: d1..d9, o1 and o2 a millisecond outside it
  expect(await choosePeriod(page, PERIOD.from, PERIOD.to)).toBe('?from=2026-02-16&to=2026-02-22');
  await page.locator('#summary').getByText('9 claims', { exact: false }).waitFor();
  expect(await page.locator('#summary').textContent()).toBe('9 claims · 5 hand-offs · 5 ratings, average 3.40 · 2 date corrections');

  expect(await tableRows(page, 'by-outcome')).toEqual([
    ['Covered', '4'],
    ['Not covered', '2'],
    ['Awaiting proof', '1'],
    ['Needs an agent', '1'],
    ['No decision yet', '1'],
  ]);
  expect(await tableRows(page, 'decided-by')).toEqual([
    ['By the assistant', '3'],
    ['By people', '4'],
  ]);
  expect(byLabel(await tableRows(page, 'by-reason'))).toEqual(
    byLabel([
      ['Asked for a person', '2'],
      ['Purchase date unclear', '1'],
      ['Proof of purchase unclear', '1'],
      [HOSTILE_REASON, '1'],
    ]),
  );
  expect(await tableRows(page, 'first-response')).toEqual([
    ['p50 (median)', '45 s'],
    ['p90', '300 s'],
  ]);
  expect(byLabel(await tableRows(page, 'csat-by-outcome'))).toEqual([
    ['Covered', '4.67'],
    ['Not covered', '1.50'],
  ]);
  expect(byLabel(await tableRows(page, 'csat-by-agent'))).toEqual([
    ['ana', '4.00'],
    ['bo', '3.50'],
  ]);

  // each chart is Chart.js's, holds the table's numbers, and has each bar or slice painted in its colour
  const drawn = await charts(page);
  expect(drawn.map((c) => [c.section, c.type])).toEqual([
    ['by-outcome', 'bar'],
    ['decided-by', 'doughnut'],
    ['by-reason', 'bar'],
    ['first-response', 'bar'],
    ['csat-by-outcome', 'bar'],
    ['csat-by-agent', 'bar'],
  ]);
  const rowsOf = (section: string) => drawn.find((c) => c.section === section)?.rows;
  expect(rowsOf('by-outcome')).toEqual([
    ['Covered', 4],
    ['Not covered', 2],
    ['Awaiting proof', 1],
    ['Needs an agent', 1],
    ['No decision yet', 1],
  ]);
  expect(rowsOf('decided-by')).toEqual([
    ['By the assistant', 3],
    ['By people', 4],
  ]);
  expect(byLabel(rowsOf('by-reason') ?? [])).toEqual(
    byLabel([
      ['Asked for a person', 2],
      ['Purchase date unclear', 1],
      ['Proof of purchase unclear', 1],
      [HOSTILE_REASON, 1],
    ]),
  );
  expect(rowsOf('first-response')).toEqual([
    ['p50 (median)', 45],
    ['p90', 300],
  ]);
  expect(byLabel(rowsOf('csat-by-outcome') ?? [])).toEqual([
    ['Covered', expect.closeTo(14 / 3, 10)],
    ['Not covered', 1.5],
  ]);
  expect(byLabel(rowsOf('csat-by-agent') ?? [])).toEqual([
    ['ana', 4],
    ['bo', 3.5],
  ]);
  for (const chart of drawn) expect(chart.painted).toEqual(chart.colours);

  // markup in a reason or in the customer's words stays text
  expect(await page.evaluate(() => (globalThis as any).__owned)).toBeUndefined();
  expect(await page.locator('#dashboard img, #dashboard b').count()).toBe(0);

  // the corrected readings of the period's claims, newest first, with the customer's words
  expect(await page.locator('#corrections-count').textContent()).toBe('2 in this period.');
  expect(await page.locator('#corrections-list li').allTextContents()).toEqual([
    "around valentine's day — read as 2026-02-13..2026-02-15, corrected to 2026-02-14 by ana on 2026-03-02 (claim d8)",
    `${HOSTILE_WORDS} — read as 2026-01-03, corrected to 2025-12-03 by ana on 2026-03-02 (claim d5)`,
  ]);
  expect(await page.locator('#corrections-list q').allTextContents()).toEqual(["around valentine's day", HOSTILE_WORDS]);
  await shot(page, 'dashboard-period');

  // the CSV: the period's claims, oldest first, nothing else
  const csv = await downloadedCsv(page);
  expect(csv.name).toBe('claims-2026-02-16-to-2026-02-22.csv');
  expect(csv.text.split('\r\n')).toEqual([
    'id,createdAt,status,outcome,decidedBy,handoffReason,agent,requestedAt,firstResponseAt,firstResponseSeconds,csatScore',
    'd1,2026-02-16T05:00:00.000Z,rma_issued,covered,bot,,,,,,5',
    'd2,2026-02-17T14:00:00.000Z,not_covered,not_covered,bot,,,,,,1',
    'd3,2026-02-18T09:00:00.000Z,awaiting_proof,awaiting_proof,bot,,,,,,',
    'd4,2026-02-18T15:00:00.000Z,closed,covered,agent,customer_request,ana,2026-02-18T15:00:00.000Z,2026-02-18T15:00:45.000Z,45,4',
    'd5,2026-02-19T10:00:00.000Z,not_covered,not_covered,agent,ambiguous_purchase_date,bo,2026-02-19T10:02:00.000Z,2026-02-19T10:04:00.000Z,120,2',
    'd6,2026-02-20T16:00:00.000Z,rma_issued,covered,agent,unclear_proof,ana,2026-02-20T16:00:00.000Z,2026-02-20T16:05:00.000Z,300,',
    'd7,2026-02-21T20:00:00.000Z,in_progress,,,,,,,,',
    'd8,2026-02-22T12:00:00.000Z,pending_agent,needs_agent,,"<img src=x onerror=""window.__owned=1"">",,2026-02-22T12:00:00.000Z,,,',
    'd9,2026-02-23T04:59:59.999Z,closed,covered,agent,customer_request,bo,2026-02-23T04:59:00.000Z,2026-02-23T04:59:10.000Z,10,5',
    '',
  ]);

  expect(errors).toEqual([]);
});

test('a period the server cannot answer is said in words, and no figures of another period stay on the page', async () => {
  await seedDashboard(env.ctx.app.storage, env.ctx.base);
  const page = await env.browser.newPage({ viewport: { width: 1300, height: 900 } });
  await adminOpensDashboard(page);
  await choosePeriod(page, PERIOD.from, PERIOD.to);
  await page.locator('#summary').getByText('9 claims', { exact: false }).waitFor();

  // from after to: the server's reason, the charts of the period before taken off
  await choosePeriod(page, '2026-02-22', '2026-02-16');
  const problem = page.locator('#problem');
  await problem.getByText('from must not be after to.').waitFor();
  expect(await page.locator('#dashboard').isVisible()).toBe(true);
  expect(await page.locator('#summary').textContent()).toBe('');
  expect(await page.locator('#sections canvas').count()).toBe(0);
  expect(await page.evaluate(() => Object.keys((globalThis as any).Chart.instances).length)).toBe(0);
  expect(await page.locator('#corrections-list li').count()).toBe(0);
  await shot(page, 'dashboard-from-after-to');

  // the CSV of that period: the same reason, no file
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await problem.getByText(/^The CSV could not be made: .*from must not be after to\.$/).waitFor();

  // no day at all (what a half-typed date leaves): the browser's own check, nothing asked of the server
  let asked = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/agent/')) asked++;
  });
  await page.fill('#from', '');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  expect(await page.$eval('#from', (input: any) => input.validity.valueMissing)).toBe(true);
  // a garbled value is no day either: the server names the form it wants
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await problem.getByText(/^The CSV could not be made: .*Send from and to as days, YYYY-MM-DD\.$/).waitFor();
  expect(asked).toBe(1);
  expect(downloads).toBe(0);
  await shot(page, 'dashboard-no-day');

  // a good period again: the banner goes, the figures come back
  await choosePeriod(page, PERIOD.from, PERIOD.to);
  await page.locator('#summary').getByText('9 claims', { exact: false }).waitFor();
  expect(await problem.isHidden()).toBe(true);
  expect(await page.locator('#sections canvas').count()).toBe(6);
});

test('the presets end on the day the stats count as today, and an answer that comes back late is not drawn over a newer one', async () => {
  await seedDashboard(env.ctx.app.storage, env.ctx.base);
  // a supervisor in Auckland: already 2026-03-03 there, still 03-02 in New York (SUPPORT_TIMEZONE)
  const context = await env.browser.newContext({ viewport: { width: 1300, height: 900 }, timezoneId: 'Pacific/Auckland' });
  const page = await context.newPage();
  const errors = problemsOf(page);
  await adminOpensDashboard(page);
  await page.locator('#summary').getByText('0 claims', { exact: false }).waitFor();
  expect([await page.inputValue('#from'), await page.inputValue('#to')]).toEqual(['2026-02-24', '2026-03-02']);

  // the answer for the test period is held back until "last 30 days" has been drawn
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`**/api/agent/stats?from=${PERIOD.from}*`, async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  await choosePeriod(page, PERIOD.from, PERIOD.to);
  await statsQueryAfter(page, () => page.getByRole('button', { name: 'Last 30 days' }).click());
  await page.locator('#summary').getByText('11 claims', { exact: false }).waitFor();
  expect(await page.getAttribute('#dashboard', 'aria-busy')).toBe('true');
  release();
  // the late answer handled (busy no more): the figures are still the 30 days' ones
  await page.waitForSelector('#dashboard[aria-busy="false"]');
  expect(await page.locator('#summary').textContent()).toBe('11 claims · 6 hand-offs · 7 ratings, average 2.71 · 3 date corrections');
  expect([await page.inputValue('#from'), await page.inputValue('#to')]).toEqual(['2026-02-01', '2026-03-02']);
  expect(errors).toEqual([]);
  await context.close();
});

test('an agent who is not an admin is refused (page and API); nobody signed in is sent to sign in', async () => {
  await seedDashboard(env.ctx.app.storage, env.ctx.base);
  const admin = await agentToken(env.ctx.base);
  const created = await fetch(`${env.ctx.base}/api/agent/agents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'bo', password: 'password-bo', role: 'agent', displayName: 'Bo' }),
  });
  expect(created.status).toBe(201);
  const bo = await agentToken(env.ctx.base, { username: 'bo', password: 'password-bo' });
  const query = `?from=${PERIOD.from}&to=${PERIOD.to}`;
  for (const path of ['/api/agent/stats', '/api/agent/stats.csv', '/api/agent/corrections']) {
    const asAgent = await fetch(`${env.ctx.base}${path}${query}`, { headers: { Authorization: `Bearer ${bo}` } });
    expect([path, asAgent.status, await asAgent.text()]).toEqual([path, 403, expect.stringContaining('Only an admin can do that.')]);
    const signedOut = await fetch(`${env.ctx.base}${path}${query}`);
    expect([path, signedOut.status]).toEqual([path, 401]);
  }

  const page = await env.browser.newPage({ viewport: { width: 1300, height: 700 } });
  const statsAsked: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/agent/stats') || pathname === '/api/agent/corrections') statsAsked.push(r.url());
  });
  await agentSignsIn(page, env.ctx.base, { username: 'bo', password: 'password-bo' });
  await page.locator('#who').getByText('Bo (agent)').waitFor();
  expect(await page.locator('#show-dashboard').isHidden()).toBe(true);

  await page.goto(`${env.ctx.base}/agent/dashboard`);
  await page.locator('#problem').getByText('Only an admin can see the dashboard.').waitFor();
  expect(await page.locator('#dashboard').isHidden()).toBe(true);
  expect(statsAsked).toEqual([]);
  await shot(page, 'dashboard-refused-agent');

  const stranger = await env.browser.newPage();
  await stranger.goto(`${env.ctx.base}/agent/dashboard`);
  await stranger.locator('#problem').getByText('Sign in to the agent console first.').waitFor();
  expect(await stranger.locator('#dashboard').isHidden()).toBe(true);
  await shot(stranger, 'dashboard-signed-out');
});
