import type { ProofReader } from '../../src/receipts/proofReadings';
import type { Reading } from '../../src/receipts/reading';
import { askedFor, createHarness, type Harness, texts } from '../helpers/harness';

// Attack probe (issue 22): the answer to "Your receipt shows January 10 — you said February 20. Which is
// right?" decides whether the policy is applied to the receipt's date (outside the window: a denial).
// An answer that mentions the receipt only to doubt it must never count as confirming it.
let h: Harness;
afterEach(() => h?.close());

const januaryReceipt: ProofReader = {
  read: async (): Promise<Reading> => ({
    status: 'read',
    source: 'text-layer',
    facts: {
      purchaseDate: { date: '2026-01-10', confidence: 0.95, page: 1, line: 2, evidence: 'Order date: 2026-01-10' },
      seller: { seller: 'Best Buy', confidence: 0.9 },
      models: [{ model: 'QT5682', confidence: 0.9 }],
    },
    text: 'Best Buy …',
    pages: 1,
    dateSpot: null,
    ms: 3,
  }),
};

async function askedWhichDate() {
  h = await createHarness({ reader: januaryReceipt });
  await h.join();
  for (const answer of [
    'I want to start a warranty claim',
    'QT5682 4K bullet camera',
    'I bought it on February 20th',
    'I have the receipt',
  ])
    await h.say(answer);
  await h.upload('receipt.jpg');
  await h.say("it won't power on anymore");
  await h.say('no, none of that');
  expect(askedFor(await h.say('yes'))).toBe('purchaseDateReceipt');
}

describe('an answer that doubts the receipt is not a confirmation of its date', () => {
  test.each([
    "the receipt date isn't right",
    'the receipt is not right',
    "I don't think the receipt is correct",
    'the receipt date is not correct',
    "that receipt isn't mine",
    'not sure, the receipt might be from a different purchase',
    "I don't think I was wrong",
    'not January 10, 2026',
  ])('"%s": asked again or a person, never the receipt date applied (a denial)', async (answer) => {
    await askedWhichDate();
    await h.say(answer);
    const claim = await h.claim();
    expect(claim.status).not.toBe('not_covered');
    expect(claim.purchase.date).toBe('2026-02-20');
    expect(claim.proof.receipt?.customerAnswer).not.toBe('receipt');
  });
});

describe('"Your receipt is dated … — is that when you bought it?": only a plain yes takes the receipt date', () => {
  /** The customer cannot say when they bought it; the receipt read (January 10, outside the window) is offered. */
  async function offeredTheReceiptDate() {
    h = await createHarness({ reader: januaryReceipt });
    await h.join();
    await h.say('I want to start a warranty claim');
    let replies = await h.say('QT5682 4K bullet camera');
    for (let i = 0; i < 5 && askedFor(replies) === 'purchaseDate'; i++) replies = await h.say("I don't know");
    await h.say('I have the receipt');
    expect(askedFor(await h.upload('receipt.jpg'))).toBe('purchaseDateReceipt');
  }

  test.each(['not January 10, 2026', 'sure, no idea', 'I doubt it was January 10th, 2026', 'yes? maybe'])(
    '"%s": the receipt date is not taken as theirs',
    async (answer) => {
      await offeredTheReceiptDate();
      await h.say(answer);
      const claim = await h.claim();
      expect(claim.purchase.date).toBeNull();
      expect(claim.proof.receipt?.customerAnswer ?? null).toBeNull();
    },
  );
});

describe('a receipt a year off the customer’s day: the question shows the years', () => {
  test('February 20, 2025 against February 20 (2026): not "Your receipt shows February 20 — you said February 20"', async () => {
    const lastYear: ProofReader = {
      read: async () => {
        const reading = (await januaryReceipt.read(new Uint8Array())) as Extract<Reading, { status: 'read' }>;
        const purchaseDate = { ...reading.facts.purchaseDate!, date: '2025-02-20', evidence: 'Order date: 02/20/2025' };
        return { ...reading, facts: { ...reading.facts, purchaseDate } };
      },
    };
    h = await createHarness({ reader: lastYear });
    await h.join();
    for (const answer of [
      'I want to start a warranty claim',
      'QT5682 4K bullet camera',
      'I bought it on February 20th',
      'I have the receipt',
    ])
      await h.say(answer);
    await h.upload('receipt.jpg');
    await h.say("it won't power on anymore");
    await h.say('no, none of that');
    const replies = await h.say('yes');
    expect(askedFor(replies)).toBe('purchaseDateReceipt');
    expect(texts(replies)).toContain('Your receipt shows February 20, 2025 — you said February 20, 2026. Which is right?');
  });
});
