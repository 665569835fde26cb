import type { DirectLine } from 'botframework-directlinejs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { BACK_IN_QUEUE } from '../../src/routing/router';
import { agentSignsIn, customerAsksForAPerson, launchBrowser, sees, shot } from '../helpers/browser';
import { AGENT, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';

/**
 * Two agents of capacity 1 in their consoles, AUTO_ASSIGN on (issue 20, items 2 to 4): three hand-offs,
 * the first two given one to each agent, the third waiting; a resolution frees a seat and the third
 * is given to it; an agent closes their console and, past the grace, their chat is back in the queue
 * with a note, and goes to the agent with a free seat. The server's clock is the test's: the grace
 * passes when the test moves it and runs the routing timer.
 */
const GRACE_S = 120;
const BO = { username: 'bo', password: 'password-bo' };
const TITLE = 'Q-See agent console';
/**
 * Before the page's scripts: the notifications it shows are recorded, each with whether it is still up
 * (one with the same tag replaces it, as in browsers), and the page has no focus (an agent at another window).
 */
const RECORD_NOTIFICATIONS = `
  window.__shown = [];
  class Recorded extends EventTarget {
    constructor(title, options) {
      super();
      const tag = options && options.tag;
      for (const earlier of window.__shown) if (tag && earlier.tag === tag) earlier.up = false;
      this.entry = { title, body: options && options.body, tag, up: true };
      window.__shown.push(this.entry);
    }
    close() { this.entry.up = false; }
    static get permission() { return 'granted'; }
    static requestPermission() { return Promise.resolve('granted'); }
  }
  window.Notification = Recorded;
  Document.prototype.hasFocus = () => false;
`;

let browser: Browser;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
const customers: DirectLine[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  ctx = await startTestApp({ env: { AUTO_ASSIGN: 'on', AGENT_CAPACITY: '1', AGENT_OFFLINE_GRACE_SECONDS: String(GRACE_S) } });
});
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  await ctx.app.close();
});

jest.setTimeout(90_000);

/** Polls a condition the server decides (presence, a claim's status) at most 10 s: never a sleep. */
async function eventually(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** An agent's console in a browser context of their own, signed in, their stream connected. */
async function openConsole(who: typeof AGENT): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  await context.addInitScript({ content: RECORD_NOTIFICATIONS });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await agentSignsIn(page, ctx.base, who);
  await page.locator('#seats').getByText('0/1 chats').waitFor();
  await eventually(`${who.username}'s stream connected`, () => ctx.app.presence.isOnline(who.username));
  return { context, page, errors };
}

const titled = (page: Page, count: number) =>
  page.waitForFunction((t) => (globalThis as any).document.title === t, count ? `(${count}) ${TITLE}` : TITLE, { timeout: 10_000 });
/**
 * Waits (bounded) until the notifications still up on the page have the titles `up`, oldest first: a
 * call for a chat that is no longer waiting must not stay up. Asked only once a newer call has come
 * (the events arrive in order), so an older call that should have gone cannot be missed.
 */
async function notifications(page: Page, up: string[]): Promise<void> {
  const upNow = async () =>
    (await page.evaluate<{ title: string; up: boolean }[]>('window.__shown')).filter((n) => n.up).map((n) => n.title);
  const deadline = Date.now() + 10_000;
  for (let titles = await upNow(); JSON.stringify(titles) !== JSON.stringify(up); titles = await upNow()) {
    // past the bound: fail saying what the page shows instead
    if (Date.now() > deadline) expect(titles).toEqual(up);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const YOURS = 'A chat is now yours';
const WAITING = 'A customer is waiting';
const statusOf = async (claimId: string) => (await ctx.app.claims.get(claimId))?.status;
/** The console's own list of open chats ("Open" buttons) and the queue's entries. */
const mine = (page: Page) => page.locator('#mine li');
const waiting = (page: Page, claimId: string) => page.locator(`#queue li[data-claim="${claimId}"]`);

test('two agents of capacity 1, three hand-offs, a resolution freeing a seat, an agent going offline', async () => {
  await new AgentAccounts(ctx.app.storage.agents).create(BO.username, BO.password, { displayName: 'Bo Berg' });
  const ana = await openConsole(AGENT);
  const bo = await openConsole(BO);

  // 1. the first hand-off: both have 0 chats, ana has never been given one either — hers
  const first = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await customerAsksForAPerson(first, ctx.base);
  await sees(first, /ana from Q-See support/);
  await mine(ana.page).getByRole('button', { name: 'Open' }).waitFor();
  await ana.page.locator('#seats').getByText('1/1 chats').waitFor();
  await titled(ana.page, 1);
  await notifications(ana.page, [YOURS]);

  // 2. the second: ana is full — Bo's
  const second = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await customerAsksForAPerson(second, ctx.base);
  await sees(second, /Bo Berg from Q-See support/);
  await mine(bo.page).getByRole('button', { name: 'Open' }).waitFor();
  await bo.page.locator('#seats').getByText('1/1 chats').waitFor();
  await titled(bo.page, 1);
  await titled(ana.page, 1);
  // Bo's call for the first chat, which went to ana, is gone
  await notifications(bo.page, [YOURS]);
  await shot(bo.page, 'two-agents-1-bo-given-the-second');
  expect(await mine(ana.page).count()).toBe(1);

  // 3. the third waits in the queue: both are full; each console shows it and calls its agent
  const third = await webChatCustomer(ctx.base, customers);
  await third.say('my QT5682 died, bought it February 20th');
  await third.until((a) => a.channelData?.prompt === 'proofType');
  await third.say('I want to talk to a person');
  const thirdClaim = (await third.until((a) => a.type === 'event' && a.name === 'handoff.initiate')).value.claimId as string;
  await third.until((a) => a.type === 'message' && /number 1 in the queue/.test(a.text ?? ''));
  for (const agent of [ana, bo]) {
    await waiting(agent.page, thirdClaim).waitFor();
    await agent.page.locator('#queue-count').getByText('1').waitFor();
    await titled(agent.page, 2);
    // each agent's call for the other's chat is gone: their own, and the one waiting
    await notifications(agent.page, [YOURS, WAITING]);
  }
  await ctx.app.router.tick();
  expect(await statusOf(thirdClaim)).toBe('pending_agent');
  await shot(ana.page, 'two-agents-2-third-waits');

  // 4. ana resolves her chat: her seat is free, and the third is hers
  await mine(ana.page).getByRole('button', { name: 'Open' }).click();
  await ana.page.getByRole('button', { name: 'Issue RMA (covered)' }).click();
  await sees(first, /Your RMA number is RMA-2026-\d{6}/);
  await third.until((a) => a.type === 'message' && /^Hi, I'm ana from Q-See support/.test(a.text ?? ''));
  await ana.page.getByText('Nobody is waiting.').waitFor();
  await ana.page.locator('#seats').getByText('1/1 chats').waitFor();
  await eventually("ana's list shows the third chat as hers", async () => (await mine(ana.page).count()) === 1);
  // her first chat's call went when she opened it; the third's call is now "yours"
  await notifications(ana.page, [YOURS]);
  await bo.page.getByText('Nobody is waiting.').waitFor();
  await notifications(bo.page, [YOURS]);
  await shot(ana.page, 'two-agents-3-seat-freed-third-is-anas');

  // 5. Bo closes his console: within the grace his chat stays his; past it, it is back in the queue with a note
  const secondClaim = (await ctx.app.storage.claims.chatsOf(BO.username))[0];
  expect(bo.errors).toEqual([]);
  await bo.context.close();
  await eventually("Bo's stream gone", () => !ctx.app.presence.isOnline(BO.username));
  ctx.clock.advance((GRACE_S - 1) * 1000);
  await ctx.app.router.tick();
  expect(await statusOf(secondClaim)).toBe('with_agent');
  ctx.clock.advance(1000);
  await ctx.app.router.tick();
  await sees(second, BACK_IN_QUEUE);
  expect(await statusOf(secondClaim)).toBe('pending_agent');
  // ana has no free seat: it waits, and her console shows it and calls her
  await waiting(ana.page, secondClaim).waitFor();
  await titled(ana.page, 2);
  await notifications(ana.page, [YOURS, WAITING]);
  await waiting(ana.page, secondClaim).getByRole('button', { name: 'View' }).click();
  await ana.page.getByText("Back to the queue: bo's console was disconnected for 120 s.").waitFor();
  await shot(second, 'two-agents-4-customer-back-in-queue');
  await shot(ana.page, 'two-agents-5-bos-chat-back-with-note');

  // 6. ana resolves the third: the chat Bo left is hers
  await mine(ana.page).getByRole('button', { name: 'Open' }).click();
  await ana.page.getByRole('button', { name: 'Issue RMA (covered)' }).click();
  await sees(second, /Hi, I.m ana from Q-See support/);
  expect(await statusOf(secondClaim)).toBe('with_agent');
  expect((await ctx.app.claims.get(secondClaim))?.handoff.agent).toBe(AGENT.username);
  await ana.page.getByText('Nobody is waiting.').waitFor();
  await eventually("ana's list shows Bo's old chat as hers", async () => (await mine(ana.page).count()) === 1);
  await notifications(ana.page, [YOURS]);
  await shot(ana.page, 'two-agents-6-bos-chat-is-anas');
  expect(ana.errors).toEqual([]);
  await ana.context.close();
});
