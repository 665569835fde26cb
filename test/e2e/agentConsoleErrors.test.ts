import type { Page } from 'playwright-core';
import { agentSignsIn, browserAndServerPerTest, customerAsksForAPerson, sees, send, shot } from '../helpers/browser';
import { AGENT, agentToken } from '../helpers/testApp';

const env = browserAndServerPerTest();

/** A customer in the help page who asks for a person; the agent signs in and accepts the claim. */
async function agentTalkingToACustomer(): Promise<{ customer: Page; agent: Page }> {
  const customer = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  const agent = await env.browser.newPage({ viewport: { width: 1300, height: 900 } });
  await customerAsksForAPerson(customer, env.ctx.base);
  await agentSignsIn(agent, env.ctx.base);
  await agent.getByRole('button', { name: 'Accept' }).first().click();
  await sees(customer, /from Q-See support/);
  await agent.locator('#reply:not([disabled])').waitFor();
  return { customer, agent };
}

const claimStatus = async () => {
  const token = await agentToken(env.ctx.base);
  const [claim] = (await (
    await fetch(`${env.ctx.base}/api/agent/claims`, { headers: { Authorization: `Bearer ${token}` } })
  ).json()) as any[];
  return claim.status;
};

describe('the agent console tells the agent when an action fails', () => {
  test('a refused Send shows the server’s reason and keeps the text; a refused decision and note do too', async () => {
    const { customer, agent } = await agentTalkingToACustomer();
    const pageErrors: string[] = [];
    agent.on('pageerror', (e) => pageErrors.push(e.message));

    // the server refuses a message over 4000 characters (400 BAD_REQUEST)
    const tooLong = 'x'.repeat(4001);
    await agent.fill('#reply', tooLong);
    await agent.getByRole('button', { name: 'Send' }).click();
    await agent.getByRole('alert').filter({ hasText: 'A message needs text (at most 4000 characters).' }).waitFor();
    expect(await agent.inputValue('#reply')).toBe(tooLong);
    await shot(agent, 'agent-send-refused');

    // a decision whose note makes the body too large (413) is refused, and the claim stays with the agent
    await agent.fill('[aria-label="Note for the decision"]', 'n'.repeat(70_000));
    await agent.getByRole('button', { name: 'Issue RMA (covered)' }).click();
    await agent.getByRole('alert').filter({ hasText: 'The request is too large.' }).waitFor();
    expect(await claimStatus()).toBe('with_agent');

    await agent.fill('[aria-label="Private note"]', 'p'.repeat(4001));
    await agent.getByRole('button', { name: 'Add note' }).click();
    await agent.getByRole('alert').filter({ hasText: 'A note needs text (at most 4000 characters).' }).waitFor();

    // once the text is fixed, the same Send goes through and the error is gone
    await agent.fill('#reply', 'Hi! Do you have the receipt handy?');
    await agent.getByRole('button', { name: 'Send' }).click();
    await sees(customer, 'Do you have the receipt handy?');
    await expect(agent.getByText('A message needs text').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
    await customer.close();
    await agent.close();
  });

  test('an Accept from the queue that loses the race says so above the lists (no alert box)', async () => {
    const customer = await env.browser.newPage();
    const agent = await env.browser.newPage({ viewport: { width: 1300, height: 900 } });
    await customer.goto(`${env.ctx.base}/`);
    await sees(customer, 'What can I do for you?');
    await send(customer, 'can I talk to a real person please?');
    await sees(customer, /bringing in a member of our support team/);
    await agentSignsIn(agent, env.ctx.base);
    await agent.getByText('Asked for a person').first().waitFor();
    // the server's answer when another agent accepted first, without a second agent racing this one
    const conflict = { error: { code: 'CONFLICT', message: 'Someone else changed this first. bo already has this claim.' } };
    await agent.route('**/accept', (route) =>
      route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify(conflict) }),
    );
    await agent.getByRole('button', { name: 'Accept' }).first().click();
    await agent.locator('#problem').filter({ hasText: 'bo already has this claim.' }).waitFor();
    await shot(agent, 'agent-accept-refused');
    await customer.close();
    await agent.close();
  });

  test('a sign-in the server refuses says why', async () => {
    const agent = await env.browser.newPage();
    await agentSignsIn(agent, env.ctx.base, { username: AGENT.username, password: 'wrong password' });
    await agent.locator('#login-error').filter({ hasText: 'Wrong username or password.' }).waitFor();
    await agent.close();
  });
});
