import type { Activity } from 'botbuilder';
import type { Claim } from '../../src/domain/claim';
import { type ProofReader, ProofReadings } from '../../src/receipts/proofReadings';
import type { Reading } from '../../src/receipts/reading';
import { askedFor, createHarness, type Harness, handoffEvent, texts } from '../helpers/harness';

// The proof reader in the claim conversation (issue 22, item 2), with a test double of the reader:
// Monday 2026-03-02 in New York, a 30-day window; the customer says February 20 (within).
let h: Harness;
afterEach(() => h?.close());

/** A reader that reads every file as this receipt. */
function receiptSaying(date: string | null, models: string[] = ['QT5682'], seller = 'Best Buy'): ProofReader {
  return {
    read: async (): Promise<Reading> => ({
      status: 'read',
      source: 'text-layer',
      facts: {
        purchaseDate: date ? { date, confidence: 0.95, page: 1, line: 2, evidence: `Order date: ${date}` } : null,
        seller: { seller, confidence: 0.9 },
        models: models.map((model) => ({ model, confidence: 0.9 })),
      },
      text: 'Best Buy …',
      pages: 1,
      dateSpot: null,
      ms: 3,
    }),
  };
}
const unreadable: ProofReader = { read: async () => ({ status: 'unreadable', reason: 'corrupt', ms: 1 }) };
/** A reading that never finishes (a busy pool): the decision goes on without it. */
const neverDone: ProofReader = { read: () => new Promise<Reading>(() => {}) };

const ANSWERS = ['I want to start a warranty claim', 'QT5682 4K bullet camera', 'I bought it on February 20th', 'I have the receipt'];

/** Walks a claim to its confirmation's answer; returns the replies to "yes". */
async function claimWithReceipt(reader: ProofReader, options: { receiptReadWaitMs?: number } = {}) {
  h = await createHarness({ reader, ...options });
  await h.join();
  for (const answer of ANSWERS) await h.say(answer);
  const upload = await h.upload('receipt.jpg');
  expect(askedFor(upload)).toBe('problem');
  await h.say("it won't power on anymore");
  expect(askedFor(await h.say('no, none of that'))).toBe('confirm');
  return h.say('yes');
}

const buttons = (replies: Partial<Activity>[]) => replies.at(-1)?.suggestedActions?.actions.map((a) => a.value);

describe('a receipt whose date agrees', () => {
  test('the claim is decided as before, and notes that the receipt confirms the date', async () => {
    const replies = await claimWithReceipt(receiptSaying('2026-02-19'));
    const claim = await h.claim();
    expect(claim.status).toBe('rma_issued');
    expect(askedFor(replies)).toBe('csat');
    expect(claim.proof.receipt).toMatchObject({
      purchaseDate: '2026-02-19',
      seller: 'Best Buy',
      models: ['QT5682'],
      agreesWithStated: true,
      customerAnswer: null,
    });
    expect(claim.proof.receipt?.notes).toContain('receipt confirms the purchase date');
    expect(claim.proof.files[0].reading).toMatchObject({ status: 'read', facts: { purchaseDate: { date: '2026-02-19' } } });
    expect(claim.proof.files[0].reading).not.toHaveProperty('text');
  });
});

describe('a receipt date that would decide differently (January 10: outside the window)', () => {
  test('the customer is asked, shown both dates, before anything is decided', async () => {
    const replies = await claimWithReceipt(receiptSaying('2026-01-10'));
    expect(askedFor(replies)).toBe('purchaseDateReceipt');
    expect(texts(replies)).toContain('Your receipt shows January 10 — you said February 20. Which is right?');
    expect(buttons(replies)).toEqual(['January 10, 2026', 'February 20, 2026']);
    expect((await h.claim()).status).toBe('in_progress');
  });

  test.each(['January 10, 2026', 'the receipt is right', 'I was wrong, it was Jan 10'])(
    'the receipt date confirmed by the customer ("%s") is their date: the policy applies to it',
    async (answer) => {
      await claimWithReceipt(receiptSaying('2026-01-10'));
      await h.say(answer);
      const claim = await h.claim();
      expect(claim).toMatchObject({
        status: 'not_covered',
        purchase: { date: '2026-01-10' },
        decision: { reasons: ['outside_warranty_period'] },
      });
      expect(claim.proof.receipt).toMatchObject({ agreesWithStated: true, customerAnswer: 'receipt' });
      // what they said stays beside what they chose: the claim keeps both
      expect(claim.purchase.text).toBe('I bought it on February 20th');
      expect(claim.proof.receipt?.notes).toContain(
        'the customer confirmed the receipt date (they had said "I bought it on February 20th")',
      );
      expect(claim.proof.receipt?.notes).not.toContain('receipt confirms the purchase date');
    },
  );

  test.each([
    'February 20, 2026',
    'no, I bought it on Feb 20',
    'mine is right',
    'the receipt is wrong',
    "Mine, it's right",
    'I said Feb 20, the receipt is from the order',
  ])('the customer keeping their date ("%s") goes to a person with the evidence, never to a denial', async (answer) => {
    await claimWithReceipt(receiptSaying('2026-01-10'));
    const replies = await h.say(answer);
    const claim = await h.claim();
    expect(claim).toMatchObject({
      status: 'pending_agent',
      handoff: { reason: 'receipt_mismatch' },
      decision: { outcome: 'needs_agent' },
    });
    expect(handoffEvent(replies)).toBeDefined();
    expect(claim.purchase.date).toBe('2026-02-20');
    expect(claim.proof.receipt).toMatchObject({ purchaseDate: '2026-01-10', agreesWithStated: false, customerAnswer: 'stated' });
    expect(claim.proof.receipt?.notes).toContain('receipt shows 2026-01-10; the customer said "I bought it on February 20th"');
    // the evidence goes with the hand-off, for the agent
    expect(handoffEvent(replies)?.value.summary).toContain(
      '- Receipt (as read): dated 2026-01-10, seller Best Buy, models QT5682 — receipt shows 2026-01-10; the customer said "I bought it on February 20th"; the customer keeps their own date over the receipt',
    );
  });

  test('no clear answer twice: a person, not a denial', async () => {
    await claimWithReceipt(receiptSaying('2026-01-10'));
    expect(askedFor(await h.say('hmm'))).toBe('purchaseDateReceipt');
    await h.say('what?');
    expect(await h.claim()).toMatchObject({ status: 'pending_agent', handoff: { reason: 'receipt_mismatch' } });
  });
});

describe('what changes nothing for the customer', () => {
  test('a receipt date that differs but decides the same (February 10, also within): no question, covered', async () => {
    const replies = await claimWithReceipt(receiptSaying('2026-02-10'));
    const claim = await h.claim();
    expect(askedFor(replies)).toBe('csat');
    expect(claim.status).toBe('rma_issued');
    expect(claim.proof.receipt).toMatchObject({ purchaseDate: '2026-02-10', agreesWithStated: false });
  });

  test('no Q-See model on the receipt: noted for the agent, the customer is not refused', async () => {
    await claimWithReceipt(receiptSaying('2026-02-20', []));
    const claim = await h.claim();
    expect(claim.status).toBe('rma_issued');
    expect(claim.proof.receipt?.models).toEqual([]);
    expect(claim.proof.receipt?.notes).toContain('no Q-See model on the receipt');
  });

  test('an unreadable file: the same conversation and outcome, no receipt on the claim', async () => {
    const replies = await claimWithReceipt(unreadable);
    const claim = await h.claim();
    expect(askedFor(replies)).toBe('csat');
    expect(claim.status).toBe('rma_issued');
    expect(claim.proof.receipt ?? null).toBeNull();
    expect(claim.proof.files[0].reading).toEqual({ status: 'unreadable', reason: 'corrupt', ms: 1 });
  });

  test('a reading still under way past the wait: the claim goes on without it', async () => {
    const replies = await claimWithReceipt(neverDone, { receiptReadWaitMs: 0 });
    expect(askedFor(replies)).toBe('csat');
    const claim = await h.claim();
    expect(claim.status).toBe('rma_issued');
    expect(claim.proof.files[0].reading).toBeUndefined();
  });
});

describe('a reading that takes its time (issue 22: outcomes do not depend on how fast the reader is)', () => {
  /** A reader whose reading finishes when the test says. */
  function heldReader() {
    let finish: (reading: Reading) => void = () => undefined;
    const reader: ProofReader = { read: () => new Promise<Reading>((resolve) => (finish = resolve)) };
    return { reader, finish: async () => finish(await receiptSaying('2026-01-10').read('')) };
  }
  afterEach(() => jest.restoreAllMocks());
  /** The claim once the reading stored in the background has made it so: turns of the event loop, not time. */
  async function claimOnce(ready: (claim: Claim) => boolean): Promise<Claim> {
    for (let turn = 0; turn < 500; turn++) {
      const claim = await h.claim();
      if (ready(claim)) return claim;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the reading never reached the claim');
  }

  test('it lands while the decision waits for it: the customer is asked, as with a fast reader', async () => {
    const held = heldReader();
    // the reading is let go only once the decision has begun to wait for it
    const settle = ProofReadings.prototype.settle;
    jest.spyOn(ProofReadings.prototype, 'settle').mockImplementation(function (this: ProofReadings, claimId: string) {
      const waiting = settle.call(this, claimId);
      setImmediate(() => void held.finish());
      return waiting;
    });
    const replies = await claimWithReceipt(held.reader, { receiptReadWaitMs: 60_000 });
    expect(askedFor(replies)).toBe('purchaseDateReceipt');
    expect(texts(replies)).toContain('Your receipt shows January 10 — you said February 20. Which is right?');
  });

  test('it lands after the decision (the wait ran out): a person looks, the decision is kept for them, never a refusal', async () => {
    const held = heldReader();
    const replies = await claimWithReceipt(held.reader, { receiptReadWaitMs: 0 });
    expect(askedFor(replies)).toBe('csat');
    expect((await h.claim()).status).toBe('rma_issued');
    await held.finish();
    // the hand-off is stored before the customer is told (after its commit): wait for both
    const told = () => h.adapter.activeQueue.some((a) => a.text?.includes('Since your receipt and the date you gave differ'));
    const claim = await claimOnce((c) => c.status !== 'rma_issued' && told());
    expect(claim).toMatchObject({
      status: 'pending_agent',
      handoff: { reason: 'receipt_mismatch' },
      decision: { outcome: 'needs_agent', bot: { outcome: 'covered' } },
      proof: { receipt: { purchaseDate: '2026-01-10', agreesWithStated: false } },
    });
    // the customer hears it in their chat, outside any turn of theirs
    expect(h.adapter.activeQueue.map((a) => a.text)).toContainEqual(
      expect.stringContaining('Since your receipt and the date you gave differ'),
    );
  });

  test('a late reading that agrees changes nothing', async () => {
    let finish: (reading: Reading) => void = () => undefined;
    await claimWithReceipt({ read: () => new Promise<Reading>((resolve) => (finish = resolve)) }, { receiptReadWaitMs: 0 });
    finish(await receiptSaying('2026-02-20').read(''));
    const claim = await claimOnce((c) => c.proof.files[0]?.reading !== undefined);
    expect(claim.status).toBe('rma_issued');
    expect(claim.proof.receipt?.agreesWithStated).toBe(true);
  });
});

describe('a late proof whose receipt would decide differently', () => {
  test('goes to a person (no question is open), not to a denial', async () => {
    h = await createHarness({ reader: receiptSaying('2026-01-10') });
    await h.join();
    for (const answer of ANSWERS) await h.say(answer);
    await h.say('later');
    await h.say("it won't power on anymore");
    await h.say('no, none of that');
    await h.say('yes');
    expect((await h.claim()).status).toBe('awaiting_proof');
    await h.say('no thanks'); // the CSAT or email offer, if any
    const replies = await h.upload('receipt.jpg');
    const claim = await h.claim();
    expect(claim).toMatchObject({ status: 'pending_agent', handoff: { reason: 'receipt_mismatch' } });
    expect(handoffEvent(replies)).toBeDefined();
  });
});

describe('the customer cannot say when they bought it', () => {
  /** Answers "I don't know" until the date question stops; returns the replies to the last one. */
  async function cannotSay(reader?: ProofReader, receiptReadWaitMs?: number) {
    h = await createHarness({ reader, receiptReadWaitMs });
    await h.join();
    await h.say('I want to start a warranty claim');
    let replies = await h.say('QT5682 4K bullet camera');
    for (let i = 0; i < 5 && askedFor(replies) === 'purchaseDate'; i++) replies = await h.say("I don't know");
    return replies;
  }

  test('a photo still being read: the customer is told, and the date is offered once it is read', async () => {
    let finish: (reading: Reading) => void = () => undefined;
    const slow: ProofReader = { read: () => new Promise<Reading>((resolve) => (finish = resolve)) };
    // let go only once the offer waits for it
    const settle = ProofReadings.prototype.settle;
    jest.spyOn(ProofReadings.prototype, 'settle').mockImplementation(function (this: ProofReadings, claimId: string, waitMs?: number) {
      const waiting = settle.call(this, claimId, waitMs);
      setImmediate(async () => finish(await receiptSaying('2026-02-20').read('')));
      return waiting;
    });
    await cannotSay(slow, 60_000);
    await h.say('I have the receipt');
    const offer = await h.upload('receipt.jpg');
    expect(texts(offer)).toContain('One moment — I’m reading the date on your receipt.');
    expect(askedFor(offer)).toBe('purchaseDateReceipt');
    expect(texts(offer)).toContain('Your receipt is dated February 20, 2026 — is that when you bought it?');
    jest.restoreAllMocks();
  });

  test('the proof step comes first, then the date read from it is offered; yes → that is their date', async () => {
    const asked = await cannotSay(receiptSaying('2026-02-20'));
    expect(texts(asked)).toContain('I can read it from there');
    expect(askedFor(asked)).toBe('proofType');
    expect(askedFor(await h.say('I have the receipt'))).toBe('proofUpload');
    const offer = await h.upload('receipt.jpg');
    expect(askedFor(offer)).toBe('purchaseDateReceipt');
    expect(texts(offer)).toContain('Your receipt is dated February 20, 2026 — is that when you bought it?');
    expect(askedFor(await h.say('yes'))).toBe('problem');
    const claim = await h.claim();
    expect(claim.purchase.date).toBe('2026-02-20');
    expect(claim.proof.receipt).toMatchObject({ agreesWithStated: true, customerAnswer: 'receipt' });
    await h.say("it won't power on anymore");
    await h.say('no, none of that');
    await h.say('yes');
    expect((await h.claim()).status).toBe('rma_issued');
  });

  test('no → the hand-off for the date, as before', async () => {
    await cannotSay(receiptSaying('2026-02-20'));
    await h.say('I have the receipt');
    await h.upload('receipt.jpg');
    const replies = await h.say('no');
    expect(handoffEvent(replies)).toBeDefined();
    expect(await h.claim()).toMatchObject({
      status: 'pending_agent',
      handoff: { reason: 'ambiguous_purchase_date' },
      purchase: { date: null },
    });
  });

  test('an unreadable receipt → the hand-off for the date, the file kept', async () => {
    await cannotSay(unreadable);
    await h.say('I have the receipt');
    const replies = await h.upload('receipt.jpg');
    expect(handoffEvent(replies)).toBeDefined();
    const claim = await h.claim();
    expect(claim).toMatchObject({ status: 'pending_agent', handoff: { reason: 'ambiguous_purchase_date' } });
    expect(claim.proof.files).toHaveLength(1);
  });

  test('without a reader the hand-off comes at once, as before', async () => {
    const replies = await cannotSay();
    expect(handoffEvent(replies)).toBeDefined();
    expect(await h.claim()).toMatchObject({ status: 'pending_agent', handoff: { reason: 'ambiguous_purchase_date' } });
  });
});
