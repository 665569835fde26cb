import type { Browser, Page } from 'playwright-core';
import { DIRECT_LINE_CHANNEL } from '../../src/domain/conversationKey';
import { ResumeLinks } from '../../src/mail/resumeLinks';
import { launchBrowser, sees, send, shot, uploadsReceipt } from '../helpers/browser';
import { agentToken, startTestApp, TEST_TOKEN_SECRET } from '../helpers/testApp';

const DAY_MS = 24 * 60 * 60 * 1000;
const SESSION_KEY = 'qsee.chat.session';

let browser: Browser;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  ctx = await startTestApp({ env: { TOKEN_SECRET: TEST_TOKEN_SECRET } });
});
afterEach(async () => {
  await ctx.app.close();
});

/** The link the customer's mail carries (the app's secret, clock and origin). */
const linkTo = (conversationId: string) =>
  new ResumeLinks(TEST_TOKEN_SECRET, ctx.clock, 30, () => ctx.base).linkFor({ channel: DIRECT_LINE_CHANNEL, id: conversationId }) as string;

/** The conversation the page's chat is on, as it saved it for a reload. */
const savedConversation = async (page: Page) =>
  page.evaluate((key) => {
    // runs in the page (the test's tsconfig has no DOM types)
    const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage;
    return JSON.parse(storage.getItem(key) ?? 'null')?.conversationId as string | undefined;
  }, SESSION_KEY);

/** A customer who starts a claim on the help page and leaves when asked for the purchase date; the conversation's id. */
async function customerStartsAClaimAndLeaves(): Promise<string> {
  const first = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await first.newPage();
  await page.goto(`${ctx.base}/`);
  await sees(page, 'What can I do for you?');
  await send(page, 'my camera stopped working');
  await sees(page, 'Which product is it?');
  await send(page, 'QT5682 bullet camera');
  await sees(page, 'When did you buy it?');
  const conversationId = (await savedConversation(page)) as string;
  expect(conversationId).toMatch(/^[0-9a-f]{32}$/);
  await first.close();
  return conversationId;
}

async function claimsOf(conversationId: string) {
  const agent = await agentToken(ctx.base);
  const res = await fetch(`${ctx.base}/api/agent/claims?conversationId=${conversationId}`, {
    headers: { Authorization: `Bearer ${agent}` },
  });
  return (await res.json()) as Array<{ product: { text: string }; purchase: { date: string | null }; proof: { files: unknown[] } }>;
}

describe('the link back to the claim, in a real browser', () => {
  test('days later, on another device: the link shows the earlier messages, leaves the address bar, and the customer carries on (types, uploads)', async () => {
    const conversationId = await customerStartsAClaimAndLeaves();
    ctx.clock.advance(3 * DAY_MS);

    // a fresh browser (no localStorage, no cookies): only the link knows the conversation
    const device = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await device.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const resumes: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/directline/resume')) resumes.push(r.status());
    });
    await page.goto(linkTo(conversationId));
    // the history is replayed: the customer's own messages (on their side) and the bot's question
    await sees(page, 'When did you buy it?');
    await page.locator('.webchat__bubble--from-user', { hasText: 'my camera stopped working' }).waitFor();
    await page.locator('.webchat__bubble--from-user', { hasText: 'QT5682 bullet camera' }).waitFor();
    expect(page.url()).toBe(`${ctx.base}/`);
    expect(await savedConversation(page)).toBe(conversationId);
    expect(resumes).toEqual([200]);
    await shot(page, 'resume-link-history');

    await send(page, 'February 20th');
    await sees(page, 'Do you have a proof of purchase?');
    await page.getByRole('button', { name: 'Receipt' }).first().click();
    await sees(page, 'Please upload a photo');
    await uploadsReceipt(page, 'resumed-receipt.jpg');
    await sees(page, /You mentioned .stopped working.\. What exactly does it do/);
    await shot(page, 'resume-link-carried-on');

    // one claim, the one from before, with what was given after resuming
    const claims = await claimsOf(conversationId);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ product: { text: expect.stringContaining('QT5682') }, purchase: { date: '2026-02-20' } });
    expect(claims[0].proof.files).toHaveLength(1);

    // a reload (the address bar now says /) resumes from what the page saved
    await page.reload();
    await sees(page, /What exactly does it do/);
    expect(await savedConversation(page)).toBe(conversationId);
    expect(resumes).toEqual([200]);
    expect(errors).toEqual([]);
    await device.close();
  });

  test('the page that had the chat open says the link opened it elsewhere, stops asking the server, and starts a new chat from its button', async () => {
    // the chat is open on one device (the customer's laptop, or a stranger who had the transcript mailed to them)
    const before = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const open = await before.newPage();
    const calls: string[] = [];
    open.on('request', (r) => {
      if (r.url().includes('/v3/directline/')) calls.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    // the page's timers run as usual, and can be moved on: Web Chat's reconnect waits 3 to 15 s, its retries 20 s
    await open.clock.install();
    await open.goto(`${ctx.base}/`);
    await sees(open, 'What can I do for you?');
    await send(open, 'my camera stopped working');
    await sees(open, 'Which product is it?');
    const conversationId = (await savedConversation(open)) as string;

    // the link is followed on another device
    const elsewhere = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const resumed = await elsewhere.newPage();
    await resumed.goto(linkTo(conversationId));
    await sees(resumed, 'Which product is it?');

    // the open page's stream was closed; Web Chat reconnects (after 3 to 15 s), is refused, and the page says why
    await open.clock.fastForward(15_000);
    const error = open.locator('#chat-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toMatch(/opened from the link in our email on another device or tab, so it was closed here/);
    await shot(open, 'resume-link-closed-elsewhere');
    // it asked once why, and then ended the chat: a quarter of an hour later it has asked the server nothing more
    expect(calls.filter((c) => c === 'POST /v3/directline/tokens/refresh')).toHaveLength(1);
    const asked = calls.length;
    await open.clock.runFor(16 * 60_000);
    await send(resumed, 'QT5682 bullet camera');
    await sees(resumed, 'When did you buy it?');
    expect(calls.slice(asked)).toEqual([]);
    expect(await open.getByText('QT5682 bullet camera').count()).toBe(0);

    // its button starts a chat of its own (the old session cannot be refreshed any more)
    await open.getByRole('link', { name: 'Start a new chat' }).click();
    await sees(open, 'What can I do for you?');
    expect(await savedConversation(open)).not.toBe(conversationId);
    await before.close();
    await elsewhere.close();
  }, 90_000);

  test('an expired link opens a page that says so, keeps the claim, and starts a new chat from its button', async () => {
    const conversationId = await customerStartsAClaimAndLeaves();
    const link = linkTo(conversationId);
    ctx.clock.advance(30 * DAY_MS);
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const response = await page.goto(link);
    expect(response?.status()).toBe(410);
    await page.getByRole('heading', { name: 'This link has expired' }).waitFor();
    await page.getByText('Your claim is kept.').waitFor();
    await shot(page, 'resume-link-expired');
    await page.getByRole('link', { name: 'Start a new chat' }).click();
    await sees(page, 'What can I do for you?');
    expect(page.url()).toBe(`${ctx.base}/`);
    expect(await savedConversation(page)).not.toBe(conversationId);
    // the old claim is still there for the agents
    expect(await claimsOf(conversationId)).toHaveLength(1);
    await page.close();
  });

  test('a link that expires between the page and its session is a clear message, not a blank chat', async () => {
    const conversationId = await customerStartsAClaimAndLeaves();
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    // the page is served while the link is good; by the time its script trades the link, it has expired
    await page.route('**/api/directline/resume', async (route) => {
      ctx.clock.advance(31 * DAY_MS);
      await route.continue();
    });
    await page.goto(linkTo(conversationId));
    const error = page.locator('#chat-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toMatch(/link from our email has expired\. Your claim is kept/);
    await page.getByRole('link', { name: 'Start a new chat' }).waitFor();
    expect(page.url()).toBe(`${ctx.base}/`);
    await shot(page, 'resume-link-expired-meanwhile');
    await page.close();
  });

  test('a forged link opens a page that says it is not valid', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const forged = new ResumeLinks('not our secret', ctx.clock, 30, () => ctx.base).linkFor({
      channel: DIRECT_LINE_CHANNEL,
      id: 'ffffffffffffffffffffffffffffffff',
    }) as string;
    const response = await page.goto(forged);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    await shot(page, 'resume-link-not-valid');
    await page.close();
  });
});
