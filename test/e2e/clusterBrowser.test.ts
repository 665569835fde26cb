import type { Browser } from 'playwright-core';
import { agentSignsIn, launchBrowser, sees, send, shot, uploadsReceipt } from '../helpers/browser';
import { type Cluster, startCluster } from '../helpers/cluster';
import { postgresOnly } from '../helpers/store';

/*
 * The help page and the agent console in a real browser, against two built instances on PostgreSQL
 * and Redis behind the round-robin proxy: Web Chat's posts, uploads, stream and reconnects, and the
 * console's calls and feed, each land on whichever instance the proxy picks.
 */
postgresOnly('the product in a real browser, on two instances behind a round-robin proxy', () => {
  let browser: Browser;
  let cluster: Cluster;

  beforeAll(async () => {
    [browser, cluster] = await Promise.all([launchBrowser(), startCluster({ instances: 2 })]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  /** How many distinct instances answered requests whose path starts with `prefix`. */
  const instancesServing = (prefix: string) =>
    new Set(cluster.proxy.served.filter((r) => r.url.startsWith(prefix) && r.target).map((r) => r.target)).size;

  test('a whole claim with a receipt upload: posts, the upload and the stream on different instances', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${cluster.base}/`);
    await sees(page, 'What can I do for you?');
    await send(page, 'my camera stopped working');
    await sees(page, 'Which product is it?');
    await send(page, 'QT5682 bullet camera');
    await sees(page, 'When did you buy it?');
    await send(page, 'three weeks ago');
    await sees(page, 'Do you have a proof of purchase?');
    await page.getByRole('button', { name: 'Receipt' }).first().click();
    await sees(page, 'Please upload a photo');
    await uploadsReceipt(page, 'cluster-receipt.jpg');
    await sees(page, /What exactly does it do/);
    await send(page, 'it will not power on');
    await sees(page, 'Has the product been');
    await send(page, 'no, none of these');
    await sees(page, 'Shall I submit it?');
    await send(page, 'yes');
    await sees(page, /Your RMA number is RMA-\d{4}-\d{6}/);
    await shot(page, 'cluster-customer-claim-rma');
    expect(instancesServing('/v3/directline/conversations/')).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  test('a live hand-off with the console and the customer on different instances, and an instance killed mid-chat', async () => {
    const customer = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const agent = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    // the instances run on the real clock: a purchase inside the 30-day window
    await customer.goto(`${cluster.base}/`);
    await sees(customer, 'What can I do for you?');
    await send(customer, 'my QT5682 died, I bought it two weeks ago');
    await sees(customer, 'Do you have a proof of purchase?');
    await send(customer, 'can I talk to a real person please?');
    await sees(customer, /bringing in a member of our support team/);
    await agentSignsIn(agent, cluster.base);
    await agent.getByText('Asked for a person').first().waitFor();
    await agent.getByRole('button', { name: 'Accept' }).first().click();
    await sees(customer, /from Q-See support/);
    await agent.fill('#reply', 'Hi! Do you have the receipt handy?');
    await agent.getByRole('button', { name: 'Send' }).click();
    await sees(customer, 'Do you have the receipt handy?');
    await send(customer, 'yes, I can show it on a call');
    await agent.getByText('yes, I can show it on a call').waitFor();
    expect(instancesServing('/api/agent/')).toBe(2);

    // one instance dies: both pages' streams on it reconnect through the proxy to the other
    await cluster.instances[0].kill();
    await agent.fill('#reply', 'Thanks — issuing your RMA now.');
    await agent.getByRole('button', { name: 'Send' }).click();
    // Web Chat waits a few seconds before it reconnects a dropped stream
    await sees(customer, 'issuing your RMA now', 30_000);
    await send(customer, 'great, thank you');
    await agent.getByText('great, thank you').waitFor({ timeout: 30_000 });
    await agent.getByRole('button', { name: 'Issue RMA (covered)' }).click();
    await sees(customer, /Your RMA number is RMA-\d{4}-\d{6}/, 30_000);
    await shot(customer, 'cluster-customer-after-agent');
    await shot(agent, 'cluster-agent-conversation');
    await customer.close();
    await agent.close();
  }, 120_000);
});
