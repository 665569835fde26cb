import { agentSignsIn, browserAndServerPerTest, customerAsksForAPerson, sees, shot } from '../helpers/browser';

/**
 * A claim nobody took within QUEUE_REOFFER_MINUTES (5 by default) stands out in the console's queue
 * (issue 20, item 2), by the server's clock: the routing pass offers it again to every console, which
 * flags it at once; a later hand-off is not flagged.
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

  // the routing pass offers it again: the console reads its queue by itself and flags it
  env.ctx.clock.advance(5 * 60_000);
  await env.ctx.app.router.tick();
  await ana
    .locator('#queue li.waiting-too-long')
    .getByText(/waiting too long/)
    .waitFor();

  const second = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  await customerAsksForAPerson(second, env.ctx.base);
  await sees(second, /number 2 in the queue/);
  await ana.locator('#queue li[data-claim]').nth(1).waitFor();
  expect(await ana.locator('#queue li[data-claim]').count()).toBe(2);
  expect(await ana.locator('#queue li.waiting-too-long').count()).toBe(1);
  await shot(ana, 'queue-waiting-too-long');
  expect(errors).toEqual([]);
});
