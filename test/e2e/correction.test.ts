import { agentSignsIn, browserAndServerPerTest, customerAsksForAPerson, sees, shot } from '../helpers/browser';

/**
 * An agent corrects a purchase date in the console (issue 21, item 1): ana accepts a hand-off whose
 * customer said "February 20th", sets the date right, is shown the policy's decision on the corrected
 * facts (its button marked, its reason chosen) and makes it hers with one click; the record keeps the words.
 */
const env = browserAndServerPerTest();
jest.setTimeout(90_000);

test('ana corrects the purchase date: the decision on the new facts is suggested, and hers to make', async () => {
  const ana = await env.browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors: string[] = [];
  ana.on('pageerror', (e) => errors.push(e.message));
  await agentSignsIn(ana, env.ctx.base);
  const customer = await env.browser.newPage({ viewport: { width: 1100, height: 900 } });
  await customerAsksForAPerson(customer, env.ctx.base);
  await ana.getByRole('button', { name: 'Accept' }).first().click();
  await sees(customer, /ana from Q-See support/);

  const panel = ana.locator('.panel.correction');
  await panel.waitFor();
  await panel.getByLabel('Fact to correct').selectOption('purchase_date');
  await panel.getByLabel('Corrected value').fill('2026-01-20');
  await shot(ana, 'correction-before');
  await panel.getByRole('button', { name: 'Correct' }).click();

  await ana.locator('.panel.correction [data-suggested="not_covered"]').waitFor();
  const marked = ana.locator('button.suggested');
  await marked.waitFor();
  expect(await marked.textContent()).toBe('Not covered');
  expect(await ana.getByLabel('Reason it is not covered').inputValue()).toBe('outside_warranty_period');
  await ana
    .getByText(/Corrected purchase date/)
    .first()
    .waitFor();
  await shot(ana, 'correction-suggested');

  const claims = env.ctx.app.storage;
  const [claim] = await claims.claims.chatsOf('ana').then((ids) => Promise.all(ids.map((id) => claims.claims.get(id))));
  // the decision is not made for her: the claim waits with her until she clicks
  expect(claim).toMatchObject({ status: 'with_agent', purchase: { date: '2026-01-20' } });
  expect(await claims.corrections.of(claim!.id)).toEqual([
    expect.objectContaining({
      field: 'purchase_date',
      oldValue: '2026-02-20',
      newValue: '2026-01-20',
      agent: 'ana',
      customerWords: expect.stringContaining('February 20th'),
    }),
  ]);

  await marked.click();
  await ana.locator('button.suggested').waitFor({ state: 'detached' });
  await shot(ana, 'correction-decided');
  expect(await claims.claims.get(claim!.id)).toMatchObject({
    status: 'not_covered',
    decision: { decidedBy: 'agent', reasons: ['outside_warranty_period'] },
  });
  expect(errors).toEqual([]);
});
