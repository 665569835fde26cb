import type { Browser, Page } from 'playwright-core';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { agentSignsIn, customerAsksForAPerson, launchBrowser, sees, send, shot } from '../helpers/browser';
import { TestSmtpServer } from '../helpers/smtpServer';
import { startTestApp } from '../helpers/testApp';

/**
 * The agent console's email, in a real browser against the real app and a real SMTP server: an
 * agent answers by email a customer who left (without accepting the claim), sees the mail go out
 * or wait and why, in the claim and in the Outbox, and sends a failed one again.
 */
const NOT_IN_CHAT = 'Replies to this email do not come back into this chat. The customer gets a link back to the conversation.';

let browser: Browser;
let smtp: TestSmtpServer;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  smtp = await TestSmtpServer.start();
  ctx = await startTestApp({ env: { SMTP_URL: smtp.url(), MAIL_FROM: 'support@qsee.example' } });
});
afterEach(async () => {
  await ctx.app.close();
  await smtp.stop();
});

/** A customer who asks for a person while nobody is online, and is told they may leave an address. */
async function customerAsksWhileNobodyIsOnline(): Promise<Page> {
  const customer = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await customerAsksForAPerson(customer, ctx.base);
  await sees(customer, /leave your email address/);
  return customer;
}

const leavesAddress = async (customer: Page, email: string) => {
  await send(customer, `you can reach me at ${email}`);
  await sees(customer, /get back to you at/);
};

/** The agent signs in and views (does not accept) the one waiting claim. */
async function agentViewsTheWaitingClaim(): Promise<{ agent: Page; errors: string[] }> {
  const agent = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors: string[] = [];
  agent.on('pageerror', (e) => errors.push(e.message));
  await agentSignsIn(agent, ctx.base);
  await agent.getByRole('button', { name: 'View', exact: true }).click();
  await agent.locator('#email-note').waitFor();
  return { agent, errors };
}

const sendEmail = async (agent: Page, text: string) => {
  await agent.fill('#email-text', text);
  await agent.getByRole('button', { name: 'Send email', exact: true }).click();
};

jest.setTimeout(60_000);

describe('agents email customers from the console', () => {
  test('a customer left a call-back address and left: the agent emails them, sees it sent, then waiting with why while the mail server is down', async () => {
    const leaving = await customerAsksWhileNobodyIsOnline();
    await leavesAddress(leaving, 'dana.left@example.com');
    await leaving.close();
    const { agent, errors } = await agentViewsTheWaitingClaim();

    // offered without accepting the claim: the chat's own reply box is still closed
    expect(await agent.locator('#reply').isDisabled()).toBe(true);
    expect(await agent.locator('#email-to').textContent()).toBe('dana.left@example.com');
    expect(await agent.locator('#email-note').textContent()).toBe(NOT_IN_CHAT);
    expect(await agent.locator('#email-note').isVisible()).toBe(true);
    await agent.locator('#claim-mails').getByText('No email sent to this customer yet.').waitFor();
    await shot(agent, 'agent-email-panel');

    const words = 'Hi Dana, good news: your QT5682 is covered. Reply with a photo of the receipt & we send the RMA <b>today</b>.';
    await sendEmail(agent, words);
    const [mail] = await smtp.waitForMessages(1);
    expect(mail.to).toEqual(['dana.left@example.com']);
    expect(mail.text).toContain(words);
    const link = /https?:\/\/\S+\/resume\/\S+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();

    // the claim's list shows it sent (the console looks again a moment after sending)
    const sent = agent.locator('#claim-mails li[data-status="sent"]');
    await sent.waitFor();
    expect(await sent.locator('.subject').textContent()).toBe(mail.subject);
    expect(await sent.textContent()).toContain('dana.left@example.com');
    expect(await sent.locator('.status').textContent()).toBe('sent');
    expect(await agent.inputValue('#email-text')).toBe('');
    // the words are in the chat and the notes, as text (the <b> is not markup)
    await agent.locator('.notes li', { hasText: `Emailed the customer (dana.left@example.com): ${words}` }).waitFor();
    await agent.locator('#transcript .msg.agent', { hasText: words }).waitFor();
    await shot(agent, 'agent-email-sent');

    await agent.getByRole('button', { name: 'Outbox', exact: true }).click();
    const listed = agent.locator('#outbox-list li[data-status="sent"]');
    await listed.waitFor();
    expect(await listed.locator('.subject').textContent()).toBe(mail.subject);
    expect(await agent.locator('#outbox-summary').textContent()).toMatch(/^1 mail ·/);
    await shot(agent, 'agent-outbox-sent');

    // the mail server goes down: the next email waits, and says why
    await smtp.stop();
    await listed.getByRole('button', { name: 'Open the claim' }).click();
    await agent.locator('#email-text').waitFor();
    await sendEmail(agent, 'One more thing: keep the box.');
    const waiting = agent.locator('#claim-mails li[data-status="waiting"]');
    await waiting.locator('.why', { hasText: /^Why: .*mail server/ }).waitFor();
    expect(await waiting.textContent()).toMatch(/next try/);
    await shot(agent, 'agent-email-waiting');

    await agent.getByRole('button', { name: 'Outbox', exact: true }).click();
    await agent.selectOption('#outbox-filter', 'waiting');
    await agent.locator('#outbox-summary', { hasText: /^1 waiting mail ·/ }).waitFor();
    await agent.locator('#outbox-list li[data-status="waiting"] .why', { hasText: /mail server/ }).waitFor();
    expect(await agent.locator('#outbox-list li').count()).toBe(1);
    await shot(agent, 'agent-outbox-waiting');
    expect(smtp.messages).toHaveLength(1);

    // the customer follows the link in the mail: the chat shows what the agent wrote
    const customer = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await customer.goto(link as string);
    await sees(customer, 'good news: your QT5682 is covered');
    await shot(customer, 'customer-follows-the-agent-email-link');
    await customer.close();
    expect(errors).toEqual([]);
    await agent.close();
  });

  test('no address known: the panel says so and offers no send; a mail to a mailbox that does not exist says why, Send again is refused while the address is kept from mail, and an admin lifts that', async () => {
    const customer = await customerAsksWhileNobodyIsOnline();
    const { agent, errors } = await agentViewsTheWaitingClaim();
    expect(await agent.locator('#email-unavailable').textContent()).toMatch(/No email address is known/);
    expect(await agent.locator('#email-text').count()).toBe(0);
    expect(await agent.getByRole('button', { name: 'Send email' }).count()).toBe(0);
    expect(await agent.locator('#email-note').textContent()).toBe(NOT_IN_CHAT);
    await shot(agent, 'agent-email-no-address');

    // mails that cannot be read (here the server's 503 for them) do not keep the claim from opening
    const unavailable = { error: { code: 'UNAVAILABLE', message: 'The outbox cannot be read right now.' } };
    await agent.route(/\/email\?limit=/, (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify(unavailable) }),
    );
    await agent.getByRole('button', { name: 'View', exact: true }).click();
    await agent.locator('.email [role="alert"]', { hasText: 'The outbox cannot be read right now.' }).waitFor();
    expect(await agent.locator('#transcript').isVisible()).toBe(true);
    expect(await agent.locator('#claim-mails li').count()).toBe(0);
    await agent.unroute(/\/email\?limit=/);

    // then the customer leaves an address the mail server refuses for good
    smtp.rejectRecipients('nobody@example.com');
    await leavesAddress(customer, 'nobody@example.com');
    await customer.close();
    await agent.getByRole('button', { name: 'View', exact: true }).click();
    await agent.locator('#email-to', { hasText: 'nobody@example.com' }).waitFor();
    await sendEmail(agent, 'Are you there?');
    const failed = agent.locator('#claim-mails li[data-status="failed"]');
    await failed.locator('.why', { hasText: /^Why: refused by the mail server: 550/ }).waitFor();
    await shot(agent, 'agent-email-failed');

    await agent.getByRole('button', { name: 'Outbox', exact: true }).click();
    await agent.selectOption('#outbox-filter', 'failed');
    const listed = agent.locator('#outbox-list li[data-status="failed"]');
    await listed.locator('.why', { hasText: /550/ }).waitFor();
    await listed.getByRole('button', { name: 'Send again' }).click();
    // the address is kept from mail: sending again is refused, saying why and what an admin can do
    await agent
      .locator('.outbox > [role="alert"]', { hasText: /^Mail to this address bounced: the mail server said the mailbox does not exist/ })
      .waitFor();
    expect(await listed.count()).toBe(1);
    // the admin's part of the Outbox lists the address with the server's answer
    const kept = agent.locator('#suppression-list li[data-address="nobody@example.com"]');
    await kept.locator('.why', { hasText: /^Why: refused by the mail server: 550 5\.1\.1/ }).waitFor();
    expect(await agent.locator('#suppression-summary').textContent()).toBe('1 address');
    await shot(agent, 'agent-outbox-kept-from-mail');
    // the customer says the address works now: the admin lifts it, and the failed mail goes
    smtp.acceptRecipients('nobody@example.com');
    await kept.getByRole('button', { name: 'Lift' }).click();
    await agent.locator('#suppression-list', { hasText: 'No address is kept from mail.' }).waitFor();
    await listed.getByRole('button', { name: 'Send again' }).click();
    const [arrived] = await smtp.waitForMessages(1);
    expect(arrived.to).toEqual(['nobody@example.com']);
    await agent.selectOption('#outbox-filter', 'sent');
    await agent.locator('#outbox-list li[data-status="sent"]', { hasText: 'To nobody@example.com' }).waitFor();
    expect(errors).toEqual([]);
    await agent.close();

    // a plain agent's Outbox has no such part
    await new AgentAccounts(ctx.app.storage.agents).create('bo', 'password-bo');
    const plain = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await agentSignsIn(plain, ctx.base, { username: 'bo', password: 'password-bo' });
    await plain.getByRole('button', { name: 'Outbox', exact: true }).click();
    await plain.locator('#outbox-summary', { hasText: /mail/ }).waitFor();
    expect(await plain.locator('#suppression-list').count()).toBe(0);
    await plain.close();
  });

  test('what the server sends (a mail server’s answer, addresses, subjects) is shown as text, never as markup', async () => {
    const agent = await browser.newPage();
    const errors: string[] = [];
    agent.on('pageerror', (e) => errors.push(e.message));
    await agent.goto(`${ctx.base}/agent`);
    const markup = '<img src=x onerror="globalThis.pwned=1"><b>bold</b><script>globalThis.pwned=1</script>';
    const hostile = {
      id: markup,
      kind: markup,
      to: markup,
      subject: markup,
      status: 'failed',
      attempts: 3,
      nextAttemptAt: null,
      lastError: `550 ${markup}`,
      createdAt: '2026-03-02T17:30:00Z',
      sentAt: null,
      requestedBy: markup,
      claimId: markup,
    };
    // the console's own module as it is served, in the page; a string, so that the test's compiler leaves its import() alone
    const shown = (await agent.evaluate(`(async () => {
      const { mailItem } = await import('/static/agent/mailItem.js');
      const item = mailItem(${JSON.stringify(hostile)}, { retry() {}, open() {} });
      document.body.append(item);
      return { elements: item.querySelectorAll('img, b, script').length, text: item.textContent, pwned: globalThis.pwned ?? 0 };
    })()`)) as { elements: number; text: string; pwned: number };
    expect(shown.elements).toBe(0);
    expect(shown.pwned).toBe(0);
    expect(shown.text).toContain(`Why: 550 ${markup}`);
    expect(shown.text).toContain(`To ${markup} · asked by ${markup}`);
    expect(errors).toEqual([]);
    await agent.close();
  });
});
