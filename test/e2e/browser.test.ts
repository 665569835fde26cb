import { agentSignsIn, browserAndServerPerTest, customerAsksForAPerson, sees, send, shot, uploadsReceipt } from '../helpers/browser';
import { AGENT } from '../helpers/testApp';

const env = browserAndServerPerTest();

describe('the help page in a real browser', () => {
  test('a customer chats a whole claim, uploads a receipt and sees the RMA number', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.ctx.base}/`);
    await sees(page, 'What can I do for you?');
    await send(page, 'my camera stopped working');
    await sees(page, 'Which product is it?');
    await send(page, 'QT5682 bullet camera');
    await sees(page, 'When did you buy it?');
    // the page adds a date picker for this question, next to Web Chat's own send box
    await page.locator('#purchase-date').waitFor();
    await send(page, 'February 20th');
    await sees(page, 'Do you have a proof of purchase?');
    await page.getByRole('button', { name: 'Receipt' }).first().click();
    await sees(page, 'Please upload a photo');
    await uploadsReceipt(page);
    // the fault from the opening is followed up by name (issue 16, item 10)
    await sees(page, /You mentioned .stopped working.\. What exactly does it do/);
    await send(page, 'it will not power on');
    await sees(page, 'Has the product been');
    await send(page, 'no, none of these');
    await sees(page, 'Shall I submit it?');
    await send(page, 'yes');
    await sees(page, /Your RMA number is RMA-2026-\d{6}/);
    await sees(page, 'How did we do?');
    await page.getByRole('button', { name: '5 stars' }).click();
    await sees(page, 'Anything you’d like to add?');
    await shot(page, 'customer-claim-rma');
    // a reload resumes the same conversation
    await page.reload();
    await sees(page, /Your RMA number is RMA-2026-\d{6}/);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a customer asks for a person; an agent accepts, they talk, the agent issues the RMA, the customer rates the chat', async () => {
    const customer = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
    const agent = await env.browser.newPage({ viewport: { width: 1300, height: 900 } });
    await customerAsksForAPerson(customer, env.ctx.base);

    await agentSignsIn(agent, env.ctx.base);
    await agent.getByText('Asked for a person').first().waitFor();
    await shot(agent, 'agent-queue');
    await agent.getByRole('button', { name: 'Accept' }).first().click();
    await sees(customer, /from Q-See support/);

    await agent.fill('#reply', 'Hi! Do you have the receipt handy?');
    await agent.getByRole('button', { name: 'Send' }).click();
    await sees(customer, 'Do you have the receipt handy?');
    await send(customer, 'yes, I can show it on a call');
    await agent.getByText('yes, I can show it on a call').waitFor();
    await shot(agent, 'agent-conversation');

    await agent.getByRole('button', { name: 'Issue RMA (covered)' }).click();
    await sees(customer, /Your RMA number is RMA-2026-\d{6}/);
    await sees(customer, 'How did we do?');
    await customer.getByRole('button', { name: '4 stars' }).click();
    await sees(customer, 'Anything you’d like to add?');
    await shot(customer, 'customer-after-agent');
    const token = (
      (await (
        await fetch(`${env.ctx.base}/api/agent/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(AGENT),
        })
      ).json()) as any
    ).token;
    const [claim] = (await (
      await fetch(`${env.ctx.base}/api/agent/claims?status=rma_issued`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as any[];
    expect(claim).toMatchObject({
      decision: { outcome: 'covered', decidedBy: 'agent' },
      handoff: { agent: AGENT.username, reason: 'customer_request' },
      csat: { score: 4 },
    });
    await customer.close();
    await agent.close();
  });
});
