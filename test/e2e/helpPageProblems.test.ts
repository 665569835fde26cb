import type { Browser } from 'playwright-core';
import { launchBrowser, shot } from '../helpers/browser';
import { startTestApp } from '../helpers/testApp';

let browser: Browser;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  browser = await launchBrowser();
  ctx = await startTestApp();
});
afterAll(async () => {
  await browser?.close();
  await ctx?.app.close();
});

describe('the help page when the chat cannot start', () => {
  test('a 429 on a new chat is shown as a readable message with the wait', async () => {
    const page = await browser.newPage();
    // the server's own 429 body and Retry-After, as the token route's rate limit answers
    await page.route('**/api/directline/token', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '42', 'Content-Type': 'application/json' },
        body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests; wait a moment and try again.' } }),
      }),
    );
    await page.goto(`${ctx.base}/`);
    const error = page.locator('#chat-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toMatch(/Lots of chats were started from your network.*reload the page in 42 seconds/);
    await shot(page, 'help-page-rate-limited');
    await page.close();
  });

  test('a server that answers with an error is a polite message, not a blank chat', async () => {
    const page = await browser.newPage();
    await page.route('**/api/directline/token', (route) => route.fulfill({ status: 503, body: '{}' }));
    await page.goto(`${ctx.base}/`);
    const error = page.locator('#chat-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toMatch(/could not start/);
    await page.close();
  });
});
