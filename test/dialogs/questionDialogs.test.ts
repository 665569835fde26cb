import { DialogTestClient } from 'botbuilder-testing';
import { PURCHASE_DATE_DIALOG, PurchaseDateDialog } from '../../dialogs/purchaseDateDialog';
import { DialogGroup } from '../../src/runtime/dialogGroup';
import { createHarness, type Harness, TEST_CHANNEL, testConversationScope } from '../helpers/harness';

// One question dialog on its own, driven by botbuilder-testing's DialogTestClient.
let h: Harness;
afterEach(() => h?.close());

async function purchaseDateClient(now = '2026-03-02T17:30:00Z') {
  h = await createHarness({ now });
  const options = { claimId: '' };
  const harness = h;
  // the hand-off notice goes to the customer through the channel, within this turn
  const client = new DialogTestClient('test', DialogGroup.asDialog(PURCHASE_DATE_DIALOG, new PurchaseDateDialog(h.services)), options, [
    testConversationScope(),
    { onTurn: (context, next) => harness.channel.withTurn(context, next) },
  ]);
  options.claimId = (await h.claims.open({ channel: TEST_CHANNEL, id: 'Convo1' }, 'America/New_York')).id; // TestAdapter's conversation
  return { client, claimId: options.claimId };
}

const prompt = (activity: any) => activity?.channelData?.prompt;

describe('PurchaseDateDialog', () => {
  test.each<[string, string, string]>([
    ['February 20th', '2026-02-20', 'complete'],
    ['3 days ago', '2026-02-27', 'complete'],
    ['yesterday', '2026-03-01', 'complete'],
  ])('"%s" is recorded as %s', async (answer, date, status) => {
    const { client, claimId } = await purchaseDateClient();
    expect(prompt(await client.sendActivity('hi'))).toBe('purchaseDate');
    await client.sendActivity(answer);
    expect(client.dialogTurnResult.status).toBe(status);
    expect((await h.claims.get(claimId))?.purchase.date).toBe(date);
  });

  test('an answer on both sides of the window is clarified, then recorded', async () => {
    const { client, claimId } = await purchaseDateClient('2026-05-20T15:00:00Z');
    await client.sendActivity('hi');
    const clarify = await client.sendActivity('5/4');
    expect(prompt(clarify)).toBe('purchaseDateClarify');
    expect(clarify.suggestedActions.actions).toHaveLength(2);
    await client.sendActivity('the first one');
    expect(client.dialogTurnResult.status).toBe('complete');
    expect((await h.claims.get(claimId))?.purchase.date).toBe('2026-04-05');
  });

  test('re-asks get more specific, and the third miss brings in a person', async () => {
    const { client, claimId } = await purchaseDateClient();
    await client.sendActivity('hi');
    const first = await client.sendActivity('no idea');
    expect(prompt(first)).toBe('purchaseDate');
    expect(first.text).toMatch(/receipt/);
    await client.sendActivity('still no idea');
    await client.sendActivity('really, no idea');
    expect(await h.claims.get(claimId)).toMatchObject({ status: 'pending_agent', handoff: { reason: 'ambiguous_purchase_date' } });
  });
});
