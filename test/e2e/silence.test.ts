import { agentSignsIn, browserAndServerPerTest, customerAsksForAPerson, sees, send, shot } from '../helpers/browser';
import { recordsNotifications } from '../helpers/recordedNotifications';
import { agentToken } from '../helpers/testApp';

/**
 * Silence in a chat (issue 20, timers), in browsers: the customer's message unanswered calls ana
 * (a notification); ana's answer unanswered, the customer is reminded in Web Chat and, still silent,
 * the chat is ended; the console marks the chat ended in ana's list and in the claim view. Time moves
 * by the server's injected clock, the watch runs by `tick()`.
 */
const env = browserAndServerPerTest();
const MIN = 60_000;

jest.setTimeout(90_000);

async function later(ms: number) {
  env.ctx.clock.advance(ms);
  await env.ctx.app.silenceWatch.tick();
}

test('an unanswered customer calls ana; a silent customer is reminded, then the chat ends and the console marks it', async () => {
  const anaContext = await env.browser.newContext({ viewport: { width: 1300, height: 900 } });
  await recordsNotifications(anaContext, { focused: true });
  const ana = await anaContext.newPage();
  const errors: string[] = [];
  ana.on('pageerror', (e) => errors.push(e.message));
  await agentSignsIn(ana, env.ctx.base);
  await ana.getByText('Nobody is waiting.').waitFor();

  const customer = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  customer.on('pageerror', (e) => errors.push(e.message));
  await customerAsksForAPerson(customer, env.ctx.base);
  await ana.getByRole('button', { name: 'Accept' }).first().click();
  await sees(customer, /ana from Q-See support/);
  await ana.locator('#seats').getByText('1/3 chats').waitFor();

  // the customer writes, ana looks away and does not answer: after AGENT_SILENT_REMIND_MINUTES she is called
  await send(customer, 'Hello? Are you there?');
  await ana.getByText('Hello? Are you there?').waitFor();
  await ana.evaluate("window.__focused = false; window.__shown = []; window.dispatchEvent(new Event('blur'))");
  await later(3 * MIN);
  await ana.waitForFunction(() => (globalThis as any).__shown.length > 0, undefined, { timeout: 10_000 });
  expect(await ana.evaluate('window.__shown')).toEqual([
    { title: 'Your customer is waiting for an answer', body: expect.stringMatching(/is not answered yet/) },
  ]);
  await ana.evaluate("window.__focused = true; window.dispatchEvent(new Event('focus'))");

  // ana answers; the customer goes quiet: one reminder, then the chat ends
  const claimId = await ana.evaluate(() => (globalThis as any).document.querySelector('#mine li')?.getAttribute('data-claim'));
  const token = await agentToken(env.ctx.base);
  const answered = await fetch(`${env.ctx.base}/api/agent/claims/${claimId}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: 'Sorry for the wait! Which model is it?' }),
  });
  expect(answered.status).toBe(200);
  await sees(customer, 'Sorry for the wait! Which model is it?');
  await later(5 * MIN);
  await sees(customer, /Are you still there\? ana is waiting for your answer/);
  await shot(customer, 'silence-customer-reminded');
  await later(10 * MIN);
  await sees(customer, /We.ve ended this chat because we haven.t heard from you/);
  await shot(customer, 'silence-customer-chat-ended');

  // the console: marked in ana's list and in the claim view, and the seat is free
  await ana
    .locator('#mine li.chat-ended')
    .getByText(/Chat ended — customer silent since/)
    .waitFor();
  await ana
    .locator('#case .chat-ended-line')
    .getByText(/Chat ended — customer silent since/)
    .waitFor();
  await ana.locator('#seats').getByText('0/3 chats').waitFor();
  await shot(ana, 'silence-console-chat-ended');
  expect(errors).toEqual([]);
});
