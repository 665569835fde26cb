import { askedFor, createHarness, type Harness, texts } from '../helpers/harness';

let h: Harness;
afterEach(() => h?.close());

async function atPurchaseDate() {
  h = await createHarness();
  await h.join();
  await h.say('I want to start a warranty claim');
  const replies = await h.say('QT5682 4K bullet camera');
  expect(askedFor(replies)).toBe('purchaseDate');
  return (await h.claim()).id;
}

describe('the dialogs go through the lifecycle', () => {
  test.each([
    ['cancel', 'cancel'],
    ['start over', 'start_over'],
  ])('"%s" closes the claim on the record as the bot’s %s', async (said, action) => {
    const id = await atPurchaseDate();
    await h.say(said);
    expect((await h.claims.get(id))?.status).toBe('closed');
    expect(await h.claims.auditTrail(id)).toMatchObject([{ from: 'in_progress', to: 'closed', action, actorKind: 'bot', actorId: null }]);
  });

  test('a claim the idle timer closed mid-question is not written again: the next message starts afresh', async () => {
    const id = await atPurchaseDate();
    await h.claims.expire(id);
    const replies = await h.say('I bought it on February 20th');
    expect(texts(replies)).not.toMatch(/went wrong/);
    expect(await h.claims.get(id)).toMatchObject({ status: 'closed', purchase: { text: '' } });
    expect(askedFor(replies)).toBe('menu');
  });

  test('asking for a person on a decided claim is a hand-off on the record; the bot keeps its decision', async () => {
    h = await createHarness();
    await h.join();
    await h.say('I want to start a warranty claim');
    await h.say('QT5682 4K bullet camera');
    await h.say('I bought it on January 2nd'); // outside the window: only the date is checked
    await h.say('yes');
    const id = (await h.claim()).id;
    expect((await h.claim()).status).toBe('not_covered');
    await h.say('talk to a person');
    expect((await h.claims.auditTrail(id)).map((e) => [e.from, e.to, e.action])).toEqual([
      ['in_progress', 'not_covered', 'decide'],
      ['not_covered', 'pending_agent', 'hand_off'],
    ]);
    expect((await h.claim()).decision.bot).toMatchObject({ outcome: 'not_covered' });
  });
});
