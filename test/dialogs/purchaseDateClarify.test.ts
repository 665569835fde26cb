import { DialogTestClient } from 'botbuilder-testing';
import { PURCHASE_DATE_DIALOG, PurchaseDateDialog } from '../../dialogs/purchaseDateDialog';
import { DialogGroup } from '../../src/runtime/dialogGroup';
import { createHarness, type Harness, TEST_CHANNEL, testConversationScope } from '../helpers/harness';

// The purchase-date question when the answer has two readings on both sides of the window:
// the clarifying question names both days with their month, and the reply picks one.
let h: Harness;
afterEach(() => h?.close());

// Wednesday 2026-05-20 in New York: April 5 is 45 days back (outside), May 4 16 (within).
const NOW = '2026-05-20T15:00:00Z';

async function purchaseDateClient(now = NOW) {
  h = await createHarness({ now });
  const options = { claimId: '' };
  const harness = h;
  const client = new DialogTestClient('test', DialogGroup.asDialog(PURCHASE_DATE_DIALOG, new PurchaseDateDialog(h.services)), options, [
    testConversationScope(),
    { onTurn: (context, next) => harness.channel.withTurn(context, next) },
  ]);
  options.claimId = (await h.claims.open({ channel: TEST_CHANNEL, id: 'Convo1' }, 'America/New_York')).id;
  return { client, claimId: options.claimId };
}

const prompt = (activity: any) => activity?.channelData?.prompt;

describe('clarifying a numeric date (5/4: April 5 or May 4)', () => {
  test.each<[string, string]>([
    ['the first one', '2026-04-05'],
    ['the second one', '2026-05-04'],
    ['May', '2026-05-04'],
    ['the one in April', '2026-04-05'],
    ['4th of May', '2026-05-04'],
    ['the 5th', '2026-04-05'],
    ['Apr', '2026-04-05'],
    ['the earlier one', '2026-04-05'],
    ['the later date', '2026-05-04'],
    ['Monday, May 4, 2026', '2026-05-04'],
    ['neither, it was the 12th', '2026-05-12'],
    ['May 10', '2026-05-10'],
  ])('"%s" → %s, asked once', async (reply, date) => {
    const { client, claimId } = await purchaseDateClient();
    await client.sendActivity('hi');
    const clarify = await client.sendActivity('5/4');
    expect(prompt(clarify)).toBe('purchaseDateClarify');
    expect(clarify.text).toMatch(/April 5\b.*May 4\b/);
    expect(clarify.suggestedActions.actions.map((a: any) => a.value)).toEqual(['Sunday, April 5, 2026', 'Monday, May 4, 2026']);
    const after = await client.sendActivity(reply);
    expect(after).toBeUndefined(); // no second question
    expect(client.dialogTurnResult.status).toBe('complete');
    expect((await h.claims.get(claimId))?.purchase.date).toBe(date);
  });

  test('a reply that is no choice and no date is asked once more, naming both days again; then a person takes over', async () => {
    const { client, claimId } = await purchaseDateClient();
    await client.sendActivity('hi');
    await client.sendActivity('5/4');
    const again = await client.sendActivity('hmm, not sure');
    expect(prompt(again)).toBe('purchaseDateClarify');
    expect(again.text).toMatch(/April 5\b.*May 4\b/);
    await client.sendActivity('really no idea');
    expect(await h.claims.get(claimId)).toMatchObject({ status: 'pending_agent', handoff: { reason: 'ambiguous_purchase_date' } });
  });

  test('a new date that still straddles the window is no answer yet', async () => {
    const { client } = await purchaseDateClient();
    await client.sendActivity('hi');
    await client.sendActivity('5/4');
    expect(prompt(await client.sendActivity('neither, sometime in April'))).toBe('purchaseDateClarify');
  });
});

describe('a weekday that disagrees with its date (Mon 13th: May 13 was a Wednesday)', () => {
  test('the question says so and names both days, the written one first', async () => {
    const { client } = await purchaseDateClient();
    await client.sendActivity('hi');
    const clarify = await client.sendActivity('Mon 13th');
    expect(prompt(clarify)).toBe('purchaseDateClarify');
    expect(clarify.text).toContain('May 13 was a Wednesday — did you mean Wednesday, May 13, 2026, or Monday, April 13, 2026?');
  });

  test.each<[string, string]>([
    ['the first one', '2026-05-13'],
    ['the second one', '2026-04-13'],
    ['the Monday', '2026-04-13'],
    ['wednesday', '2026-05-13'],
    ['April', '2026-04-13'],
    ['the earlier one', '2026-04-13'],
  ])('"%s" → %s', async (reply, date) => {
    const { client, claimId } = await purchaseDateClient();
    await client.sendActivity('hi');
    await client.sendActivity('Mon 13th');
    await client.sendActivity(reply);
    expect(client.dialogTurnResult.status).toBe('complete');
    expect((await h.claims.get(claimId))?.purchase.date).toBe(date);
  });

  test('when both readings decide the same, nothing is asked and the claim keeps both', async () => {
    // Friday, March 3, 2026 on 2026-03-25: March 3 (a Tuesday) and Friday March 6 are both within
    const { client, claimId } = await purchaseDateClient('2026-03-25T15:00:00Z');
    await client.sendActivity('hi');
    await client.sendActivity('Friday, March 3, 2026');
    expect(client.dialogTurnResult.status).toBe('complete');
    expect((await h.claims.get(claimId))?.purchase).toMatchObject({ date: null, readings: ['2026-03-03', '2026-03-06'] });
  });
});
