import type { BrowserContext, Page } from 'playwright-core';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { agentSignsIn, browserAndServerPerTest, customerAsksForAPerson, sees, send, shot } from '../helpers/browser';

/**
 * Nobody waits unseen (issue 20, item 3): two agents whose console pages are in the background are
 * told of a hand-off by a browser notification, a chime and a count in the title; the agent who took
 * the chat is told of the customer's next message, the other is not; opening the chat clears the count.
 */
const env = browserAndServerPerTest();
const BO = { username: 'bo', password: 'password-bo' };
const TITLE = 'Q-See agent console';

/**
 * Before any of the page's scripts (the browser's JavaScript, as text: this file is compiled without
 * the DOM's types): what the console shows through the Notification API and how many tones it plays
 * are recorded, and the test decides whether the page has the focus or is hidden.
 */
const RECORD_ATTENTION = `
  window.__shown = [];
  window.__asked = 0;
  window.__tones = 0;
  window.__focused = true;
  window.__hidden = false;
  const Real = window.Notification;
  class Recorded extends EventTarget {
    constructor(title, options) {
      super();
      window.__shown.push({ title, body: options && options.body, tag: options && options.tag });
    }
    close() {}
    // headless Chromium cannot prompt, so it says "denied" before anyone asked: shown as a browser that has not asked yet
    static get permission() { return Real.permission === 'denied' ? 'default' : Real.permission; }
    static requestPermission() { window.__asked++; return Real.requestPermission(); }
  }
  window.Notification = Recorded;
  Document.prototype.hasFocus = () => window.__focused;
  Object.defineProperty(Document.prototype, 'visibilityState', { get: () => (window.__hidden ? 'hidden' : 'visible') });
  const oscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () { window.__tones++; return oscillator.call(this); };
`;

async function consolePage(permissions: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ viewport: { width: 1300, height: 900 }, permissions });
  await context.addInitScript({ content: RECORD_ATTENTION });
  return { context, page: await context.newPage() };
}

const shown = (page: Page) => page.evaluate<{ title: string; body: string; tag: string }[]>('window.__shown');
const tones = (page: Page) => page.evaluate<number>('window.__tones');
const asked = (page: Page) => page.evaluate<number>('window.__asked');
// a function, not text: the console's CSP forbids evaluating strings in the page
const titleIs = (page: Page, title: string) =>
  page.waitForFunction((t) => (globalThis as any).document.title === t, title, { timeout: 10_000 });
const unfocus = (page: Page) => page.evaluate("window.__focused = false; window.dispatchEvent(new Event('blur'))");
/** `announce`: the window's focus event too (without it, only what the page asks later sees the focus). */
const focus = (page: Page, announce = true) =>
  page.evaluate(`window.__focused = true; ${announce ? "window.dispatchEvent(new Event('focus'))" : ''}`);
const hide = (page: Page) => page.evaluate("window.__hidden = true; document.dispatchEvent(new Event('visibilitychange'))");

test('a hand-off and a customer message reach the agents whose pages are in the background; opening the chat clears the count', async () => {
  await new AgentAccounts(env.ctx.app.storage.agents).create(BO.username, BO.password);
  const ana = await consolePage(['notifications']); // allowed already: no button to click
  const bo = await consolePage([]);
  const errors: string[] = [];
  for (const { page } of [ana, bo]) page.on('pageerror', (e) => errors.push(e.message));

  await agentSignsIn(ana.page, env.ctx.base);
  await ana.page.getByText('Nobody is waiting.').waitFor();
  await titleIs(ana.page, TITLE);
  expect(await ana.page.locator('#notify-on').isVisible()).toBe(false);

  // bo is asked nothing on load: the permission is requested only when he clicks the button
  await agentSignsIn(bo.page, env.ctx.base, BO);
  await bo.page.getByText('Nobody is waiting.').waitFor();
  const turnOn = bo.page.getByRole('button', { name: 'Turn on notifications' });
  await turnOn.waitFor({ timeout: 5000 });
  expect(await asked(bo.page)).toBe(0);
  await shot(bo.page, 'notifications-button');
  await bo.context.grantPermissions(['notifications']); // what the browser's prompt would do on "Allow"
  await turnOn.click();
  await turnOn.waitFor({ state: 'hidden', timeout: 5000 });
  expect(await asked(bo.page)).toBe(1);
  // and he mutes the sound, which this browser remembers
  await bo.page.getByRole('button', { name: 'Mute sound' }).click();
  await bo.page.locator('#mute[aria-pressed="true"]').waitFor();

  // ana's page loses the focus, bo's is hidden (another tab); a customer asks for a person
  await unfocus(ana.page);
  await hide(bo.page);
  const customer = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  await customerAsksForAPerson(customer, env.ctx.base);
  await sees(customer, /number 1 in the queue\. Someone will reply/);

  await titleIs(ana.page, `(1) ${TITLE}`);
  await titleIs(bo.page, `(1) ${TITLE}`);
  for (const { page } of [ana, bo])
    expect(await shown(page)).toEqual([
      expect.objectContaining({ title: 'A customer is waiting', body: expect.stringContaining('QT5682') }),
    ]);
  expect(await tones(ana.page)).toBeGreaterThan(0);
  expect(await tones(bo.page)).toBe(0); // muted
  await ana.page.getByRole('button', { name: 'Accept' }).first().waitFor(); // the queue has caught up
  // the queued claim shows its wait target (issue 20, item 4)
  expect(await ana.page.locator('#queue [data-timer]').first().textContent()).toMatch(/^Wait on time · by /);
  await shot(ana.page, 'notifications-handoff-title-count');

  // ana comes back and takes the chat: her count is cleared, and bo's too (the chat is no longer waiting for him)
  await focus(ana.page);
  await ana.page.getByRole('button', { name: 'Accept' }).first().click();
  await sees(customer, /from Q-See support/);
  await titleIs(ana.page, TITLE);
  await titleIs(bo.page, TITLE);

  // she looks away; the customer writes: a notification and a count for her, nothing for bo
  await unfocus(ana.page);
  const before = await tones(ana.page);
  await send(customer, 'the LED blinks red three times');
  await titleIs(ana.page, `(1) ${TITLE}`);
  expect((await shown(ana.page)).at(-1)).toEqual(
    expect.objectContaining({ title: 'New message from your customer', body: 'the LED blinks red three times' }),
  );
  expect(await tones(ana.page)).toBeGreaterThan(before);
  await shot(ana.page, 'notifications-customer-message');

  // a message in a chat that is not bo's calls nobody there (a later hand-off would: the feed is not stuck)
  expect(await shown(bo.page)).toHaveLength(1);
  expect(await bo.page.title()).toBe(TITLE);

  // opening the chat clears the count; 12.5 minutes after the hand-off, still unanswered (the greeting is no answer),
  // the chat warns of its first-response target (15 minutes from the hand-off)
  await focus(ana.page, false);
  env.ctx.clock.advance(750_000);
  await ana.page.locator('#mine').getByRole('button', { name: 'Open' }).click();
  await titleIs(ana.page, TITLE);
  await ana.page.getByText('the LED blinks red three times').waitFor();
  expect(await ana.page.locator('#case [data-timer="warning"]').textContent()).toMatch(/^First response due soon · by /);
  await shot(ana.page, 'notifications-chat-opened');

  // bo's choice to mute is remembered after a reload
  await bo.page.reload();
  await bo.page.locator('#mute[aria-pressed="true"]').waitFor();
  expect(errors).toEqual([]);
  await customer.close();
  await ana.context.close();
  await bo.context.close();
});

test('with the page in front of the agent, a message in the open chat calls nothing', async () => {
  const ana = await consolePage(['notifications']);
  await agentSignsIn(ana.page, env.ctx.base);
  await ana.page.getByText('Nobody is waiting.').waitFor();
  const customer = await env.browser.newPage();
  await customerAsksForAPerson(customer, env.ctx.base);
  // focused: the hand-off is counted and chimed (it is not on screen) but no notification is shown
  await titleIs(ana.page, `(1) ${TITLE}`);
  expect(await shown(ana.page)).toEqual([]);
  await ana.page.getByRole('button', { name: 'Accept' }).first().click();
  await titleIs(ana.page, TITLE);
  await send(customer, 'hello?');
  await ana.page.locator('#transcript').getByText('hello?').waitFor();
  expect(await ana.page.title()).toBe(TITLE);
  expect(await shown(ana.page)).toEqual([]);
  await customer.close();
  await ana.context.close();
});
