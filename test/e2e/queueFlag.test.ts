import { agentSignsIn, browserAndServerPerTest, customerAsksForAPerson, sees, shot } from '../helpers/browser';

/**
 * A claim nobody took within QUEUE_REOFFER_MINUTES (5 by default) stands out in the console's queue
 * (issue 20, item 2), by the server's clock: a later hand-off, which the console reads the queue again
 * for, finds the first one flagged and itself not.
 */
const env = browserAndServerPerTest();

jest.setTimeout(90_000);

test('the queue highlights the claim that has waited past the re-offer time', async () => {
  const ana = await env.browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors: string[] = [];
  ana.on('pageerror', (e) => errors.push(e.message));
  await agentSignsIn(ana, env.ctx.base);
  await ana.getByText('Nobody is waiting.').waitFor();

  const first = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  await customerAsksForAPerson(first, env.ctx.base);
  await ana.locator('#queue li[data-claim]').first().waitFor();
  expect(await ana.locator('#queue li.waiting-too-long').count()).toBe(0);

  env.ctx.clock.advance(5 * 60_000);
  const second = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  await customerAsksForAPerson(second, env.ctx.base);
  await sees(second, /number 2 in the queue/);
  await ana
    .locator('#queue li.waiting-too-long')
    .getByText(/waiting too long/)
    .waitFor();
  expect(await ana.locator('#queue li[data-claim]').count()).toBe(2);
  expect(await ana.locator('#queue li.waiting-too-long').count()).toBe(1);
  await shot(ana, 'queue-waiting-too-long');
  expect(errors).toEqual([]);
});
