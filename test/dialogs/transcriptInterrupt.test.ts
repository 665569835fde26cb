import { askedFor, createHarness, type Harness, texts } from '../helpers/harness';

/**
 * The transcript interrupt must not catch what is not a request for the conversation by email, and
 * without SMTP_URL it catches nothing (found by a review of issue 19: each of these failed then;
 * at faf8b72, before mail, each behaved as the expectations say).
 */
let h: Harness;
afterEach(() => h?.close());

const ANSWERS: Record<string, string> = {
  menu: 'I want to start a warranty claim',
  product: 'QT5682 4K bullet camera',
  purchaseDate: 'I bought it on February 20th',
  proofType: 'I have the receipt',
};

async function walkTo(harness: Harness, until: string) {
  let replies = await harness.join();
  for (let i = 0; i < 14 && askedFor(replies) !== until; i++) {
    const prompt = askedFor(replies) as string;
    replies = prompt === 'proofUpload' ? await harness.upload('receipt.jpg') : await harness.say(ANSWERS[prompt]);
  }
  if (askedFor(replies) !== until) throw new Error(`never reached ${until}`);
  return replies;
}

describe('without SMTP_URL nothing changes', () => {
  test('"forward this chat to a person" hands off, as before', async () => {
    h = await createHarness();
    await walkTo(h, 'product');
    const replies = await h.say('can you forward this chat to a person');
    expect(texts(replies)).not.toMatch(/can't send email/);
    expect((await h.claim()).status).toBe('pending_agent');
  });

  test('a fault about notifications answers the problem question, as before', async () => {
    h = await createHarness();
    await walkTo(h, 'problem');
    const replies = await h.say('the camera used to send messages when motion was detected, now nothing');
    expect(texts(replies)).not.toMatch(/can't send email/);
    expect(askedFor(replies)).not.toBe('problem');
  });
});

describe('with mail on', () => {
  test('"send this conversation to a human" is a hand-off, not a transcript', async () => {
    h = await createHarness({ mail: {} });
    await walkTo(h, 'product');
    const replies = await h.say('send this conversation to a human please');
    // (nobody is online: the hand-off itself offers a call-back by email)
    expect(texts(replies)).not.toMatch(/send our conversation to/);
    expect((await h.claim()).status).toBe('pending_agent');
  });
});
