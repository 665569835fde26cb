import type { Browser } from 'playwright-core';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { agentSignsIn, customerAsksForAPerson, launchBrowser, sees, shot } from '../helpers/browser';
import { recordsNotifications } from '../helpers/recordedNotifications';
import { startTestApp } from '../helpers/testApp';

/**
 * With AUTO_ASSIGN on, a hand-off the router gives to Bo calls him although he did not accept it
 * (issue 20, item 3): a browser notification, the count in the title, and his seats in the header.
 */
let browser: Browser;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  ctx = await startTestApp({ env: { AUTO_ASSIGN: 'on', AGENT_CAPACITY: '2' } });
});
afterEach(async () => {
  await ctx.app.close();
});

jest.setTimeout(90_000);

const TITLE = 'Q-See agent console';

test('the router gives Bo a chat: he is told, though he did not accept it', async () => {
  await new AgentAccounts(ctx.app.storage.agents).create('bo', 'password-bo', { displayName: 'Bo Berg' });
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  await recordsNotifications(context, { focused: false });
  const bo = await context.newPage();
  const errors: string[] = [];
  bo.on('pageerror', (e) => errors.push(e.message));
  await agentSignsIn(bo, ctx.base, { username: 'bo', password: 'password-bo' });
  await bo.locator('#seats').getByText('0/2 chats').waitFor();

  const customer = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await customerAsksForAPerson(customer, ctx.base);
  await sees(customer, /Bo Berg from Q-See support/);

  await bo.locator('#mine').getByRole('button', { name: 'Open' }).first().waitFor();
  await bo.locator('#seats').getByText('1/2 chats').waitFor();
  await bo.waitForFunction((t) => (globalThis as any).document.title === t, `(1) ${TITLE}`, { timeout: 10_000 });
  const shown = await bo.evaluate<{ title: string; body: string }[]>('window.__shown');
  expect(shown.map((n) => n.title)).toContain('A chat is now yours');
  expect(shown.find((n) => n.title === 'A chat is now yours')?.body).toContain('QT5682');
  // the hand-off itself called nobody: it was given at once (the console knows AUTO_ASSIGN is on); before, every
  // console was called for the hand-off first, then Bo again for the chat
  expect(shown.map((n) => n.title)).toEqual(['A chat is now yours']);
  await shot(bo, 'auto-assigned-chat-notice');
  expect(errors).toEqual([]);
  await context.close();
});
