import { AgentAccounts } from '../../src/agents/agentAccounts';
import { agentSignsIn, browserAndServerPerTest, customerAsksForAPerson, sees, shot } from '../helpers/browser';
import { recordsNotifications } from '../helpers/recordedNotifications';

/**
 * An agent transfers a chat to a colleague in the console (issue 20, timers): ana accepts a
 * hand-off, picks Bo under "Transfer to…", and the customer is told who has their chat now; the
 * chat shows up among Bo's own and leaves ana's.
 */
const env = browserAndServerPerTest();
const BO = { username: 'bo', password: 'password-bo' };
const TITLE = 'Q-See agent console';

jest.setTimeout(90_000);

test('ana transfers her chat to Bo: the customer is told, the chat is his', async () => {
  await new AgentAccounts(env.ctx.app.storage.agents).create(BO.username, BO.password, { displayName: 'Bo Berg' });
  // Cy has an account but no console open
  await new AgentAccounts(env.ctx.app.storage.agents).create('cy', 'password-cy', { displayName: 'Cy Dana' });
  const ana = await env.browser.newPage({ viewport: { width: 1300, height: 900 } });
  const boContext = await env.browser.newContext({ viewport: { width: 1300, height: 900 } });
  await recordsNotifications(boContext, { focused: true });
  const bo = await boContext.newPage();
  const errors: string[] = [];
  for (const page of [ana, bo]) page.on('pageerror', (e) => errors.push(e.message));
  await agentSignsIn(ana, env.ctx.base);
  await agentSignsIn(bo, env.ctx.base, BO);
  await ana.getByText('Nobody is waiting.').waitFor();
  await bo.getByText('Nobody is waiting.').waitFor();
  await ana.locator('#seats').getByText('0/3 chats').waitFor();
  await bo.locator('#seats').getByText('0/3 chats').waitFor();

  const customer = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  await customerAsksForAPerson(customer, env.ctx.base);
  await ana.getByRole('button', { name: 'Accept' }).first().click();
  await sees(customer, /ana from Q-See support/);

  const panel = ana.locator('.panel.transfer');
  await panel.waitFor();
  await ana.locator('#seats').getByText('1/3 chats').waitFor();
  // bo looks away: the chat arriving must call him (the hand-off itself already did, when it was waiting)
  await bo.evaluate("window.__focused = false; window.__shown = []; window.dispatchEvent(new Event('blur'))");
  // the colleagues a chat can go to: not ana herself, who has it
  expect(await panel.locator('option').allTextContents()).toEqual(['Bo Berg (bo)', 'Cy Dana (cy)']);
  // Cy would not see the chat arrive: refused, and the console says why
  await panel.getByLabel('Colleague to transfer the chat to').selectOption('cy');
  await panel.getByRole('button', { name: 'Transfer' }).click();
  await panel.getByText(/not connected to the console/).waitFor();
  await shot(ana, 'transfer-colleague-offline');
  await panel.getByLabel('Colleague to transfer the chat to').selectOption('bo');
  await shot(ana, 'transfer-choose-colleague');
  await panel.getByRole('button', { name: 'Transfer' }).click();

  await sees(customer, 'Bo Berg from Q-See support is taking over your chat.');
  await shot(customer, 'transfer-customer-told');
  // ana is an admin: she may still move the chat, now Bo's, only to someone other than Bo
  await ana.locator('.panel.transfer option', { hasText: 'ana (ana)' }).waitFor({ state: 'attached' });
  expect(await ana.locator('.panel.transfer option').allTextContents()).toEqual(['ana (ana)', 'Cy Dana (cy)']);
  await bo.locator('#mine').getByRole('button', { name: 'Open' }).first().waitFor();
  await bo.locator('#seats').getByText('1/3 chats').waitFor();
  await ana.locator('#seats').getByText('0/3 chats').waitFor();
  // he did not accept it: a notification and the count in the title say it is his now
  await bo.waitForFunction((t) => (globalThis as any).document.title === t, `(1) ${TITLE}`, { timeout: 10_000 });
  expect(await bo.evaluate('window.__shown')).toEqual([{ title: 'A chat is now yours', body: expect.stringContaining('QT5682') }]);
  await shot(bo, 'transfer-chat-is-bos');
  expect(await ana.locator('#mine').getByRole('button', { name: 'Open' }).count()).toBe(0);
  expect(errors).toEqual([]);
});
