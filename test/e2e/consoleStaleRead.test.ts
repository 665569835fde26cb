import type { Route } from 'playwright-core';
import { agentSignsIn, browserAndServerPerTest, customerAsksForAPerson, sees, send } from '../helpers/browser';

/**
 * The console reads a claim in several requests (the claim, its notes, the canned replies, the
 * colleagues) and then draws it whole. A customer's message that arrives on the stream while such a
 * read is under way — after the claim itself was read — must still be on screen once the claim is
 * drawn. It was not: the drawing replaced the transcript with the older read, and the message was
 * gone until the next reload (seen as a rare failure of clusterBrowser.test.ts on a loaded machine:
 * the agent's Send reloads the claim, and the customer answered before that reload was drawn).
 */
const env = browserAndServerPerTest();

test('a customer message that arrives while the open claim is being read again stays on screen', async () => {
  const agent = await env.browser.newPage({ viewport: { width: 1300, height: 900 } });
  const customer = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [];
  agent.on('pageerror', (e) => errors.push(e.message));
  await agentSignsIn(agent, env.ctx.base);
  await agent.getByText('Nobody is waiting.').waitFor();
  await customerAsksForAPerson(customer, env.ctx.base);
  await agent.getByRole('button', { name: 'Accept' }).first().click();
  await sees(customer, /from Q-See support/);
  await agent.locator('#reply:not([disabled])').waitFor();

  // the next read of the claim's notes is held: by then the claim itself has been read
  let held: (route: Route) => void = () => undefined;
  const notesHeld = new Promise<Route>((resolve) => (held = resolve));
  await agent.route(/\/api\/agent\/claims\/[^/]+\/notes/, (route) => held(route), { times: 1 });
  // the transcript drawn so far is marked: the next one drawn is the reload's
  await agent.locator('#transcript').evaluate((node: any) => node.setAttribute('data-before', ''));

  // the agent's Send reloads the claim; the customer answers while that reload waits for its notes
  await agent.fill('#reply', 'Do you have the receipt handy?');
  await agent.getByRole('button', { name: 'Send' }).click();
  const route = await notesHeld;
  await sees(customer, 'Do you have the receipt handy?');
  await send(customer, 'yes, it is right here');
  await agent.locator('#transcript').getByText('yes, it is right here').waitFor();

  await route.continue();
  const redrawn = agent.locator('#transcript:not([data-before])');
  await redrawn.waitFor();
  expect(await redrawn.getByText('yes, it is right here').count()).toBe(1);
  expect(errors).toEqual([]);
  await customer.close();
  await agent.close();
}, 60_000);
