import { readClaimFacts } from '../../../src/domain/claimFacts/readClaimFacts';
import { qseePolicy } from '../../helpers/policy';

const policy = qseePolicy();
// Wednesday 2026-04-08, noon in New York
const ctx = { now: new Date('2026-04-08T16:00:00Z'), timeZone: 'America/New_York', policy };
const read = (text: string) => readClaimFacts(text, ctx);

interface Expected {
  model?: string | null;
  productText?: string;
  date?: string | null;
  proof?: string | null;
  problem?: string | null;
  vague?: boolean;
  exclusions?: string[];
  unsure?: string[];
}

describe('readClaimFacts: every fact one message carries', () => {
  test.each<[string, Expected]>([
    // several facts at once
    [
      "Hi, my QT5682 I bought on Amazon two weeks ago won't power on, I have the receipt",
      { model: 'QT5682', date: '2026-03-25', proof: 'receipt:has_now', problem: "won't power on", vague: false },
    ],
    [
      "It's a QC908 DVR - I bought it from Currys on the 9th of March and I've got the invoice. It keeps rebooting every few minutes.",
      {
        model: 'QC908',
        productText: 'QC908 DVR',
        date: '2026-03-09',
        proof: 'invoice:has_now',
        problem: 'keeps rebooting every few minutes',
      },
    ],
    [
      'got my QTN8086B NVR last Friday, it stopped recording and the order confirmation is in my inbox',
      {
        model: 'QTN8086B',
        productText: 'QTN8086B NVR',
        date: '2026-04-03',
        proof: 'order_confirmation:not_at_hand',
        problem: 'stopped recording',
      },
    ],
    [
      'the QCN8029 bullet camera keeps flickering',
      { model: 'QCN8029', productText: 'QCN8029 bullet camera', date: null, problem: 'keeps flickering' },
    ],
    ['Purchased March 30. No picture at night since Monday.', { date: '2026-03-30', problem: 'No picture at night since Monday' }],
    // the proof alone, in several phrasings
    ['I have the receipt', { proof: 'receipt:has_now', problem: null, date: null, model: null }],
    ["I've got the invoice", { proof: 'invoice:has_now', problem: null }],
    ['I lost the receipt', { proof: 'receipt:lost', problem: null }],
    ["I can't find the receipt anywhere", { proof: 'receipt:lost' }],
    ['no receipt, it was a gift', { proof: 'receipt:lost' }],
    ['the receipt is at home, I can send it tonight', { proof: 'receipt:not_at_hand' }],
    ['I have no proof of purchase', { proof: ':lost' }],
    // conditions said on their own
    ['before I forget, it fell off the shelf', { exclusions: ['accident'], problem: null, date: null }],
    ['oh and it got wet in the rain', { unsure: ['unsuitable_environment'], exclusions: [] }],
    ['I had it out in the rain all week', { unsure: ['unsuitable_environment'] }],
    ['my son dropped it down the stairs', { exclusions: ['accident'] }],
    ['there was a power surge last night', { exclusions: ['power_surge'] }],
    ['my kid spilled water on it', { unsure: ['unsuitable_environment'], exclusions: [] }],
    ['we had a lightning storm and now the DVR is dead', { exclusions: ['power_surge'], problem: 'dead', vague: true }],
    ["Receipt's in the drawer, I'll dig it out", { proof: 'receipt:not_at_hand' }],
    ['oh by the way I don’t have a receipt, it was a present', { proof: 'receipt:lost' }],
    [
      "Hello! Bought a QTN8086B 10 days ago from Best Buy and the hard drive isn't detected. Got the receipt.",
      { model: 'QTN8086B', date: '2026-03-29', proof: 'receipt:has_now', problem: "the hard drive isn't detected", vague: false },
    ],
    // a problem, specific or vague
    ['it keeps flickering', { problem: 'keeps flickering', vague: false }],
    ['my QT5682 camera has stopped working', { model: 'QT5682', problem: 'stopped working', vague: true }],
    ['my recorder has a problem', { problem: 'a problem', vague: true }],
    ['the picture is blurry, even after cleaning the lens', { problem: 'the picture is blurry', vague: false }],
  ])('%s', (text, expected) => {
    const facts = read(text);
    if (expected.model !== undefined) expect(facts.product?.model ?? null).toBe(expected.model);
    if (expected.productText !== undefined) expect(facts.product?.text).toBe(expected.productText);
    if (expected.date !== undefined) expect(facts.purchase?.reading.date ?? null).toBe(expected.date);
    if (expected.proof !== undefined)
      expect(facts.proof ? `${facts.proof.type ?? ''}:${facts.proof.availability}` : null).toBe(expected.proof);
    if (expected.problem !== undefined) expect(facts.problem?.text ?? null).toBe(expected.problem);
    if (expected.vague !== undefined) expect(facts.problem?.vague).toBe(expected.vague);
    if (expected.exclusions !== undefined) expect(facts.conditions?.exclusions ?? []).toEqual(expected.exclusions);
    if (expected.unsure !== undefined) expect(facts.conditions?.unsure ?? []).toEqual(expected.unsure);
  });

  describe('what must NOT be read as a fact', () => {
    test.each<[string, keyof ReturnType<typeof read>]>([
      ['it reboots every 5 minutes', 'purchase'],
      ['it restarts every 10 seconds and the light blinks 3 times', 'purchase'],
      ['it stopped recording two days ago', 'purchase'],
      // a date said in passing with no word for a purchase is about something else
      ['My QT5682 stopped recording, I need the footage from the 25th', 'purchase'],
      ['QT5682, the firmware update on the 27th bricked it', 'purchase'],
      ['we moved house 2 weeks ago and since then it keeps dropping out', 'purchase'],
      ["it's been 3 weeks since I called about it", 'purchase'],
      ['this is my 3rd Q-See camera', 'purchase'],
      ["it's the 4th time I've reset it", 'purchase'],
      ['yes, and I need the footage from the 25th please', 'purchase'],
      ['no, none of those', 'conditions'],
      ['nothing like that happened', 'conditions'],
      ['I bought it on Sun the 5th', 'conditions'],
      ['it was a hot deal, bought it last week', 'conditions'],
      ['I have the receipt', 'problem'],
      ["I've got the invoice right here", 'problem'],
      ['I lost the receipt', 'problem'],
      ["it's not broken, I just have a question", 'problem'],
      ['does the warranty cover a camera that won’t power on?', 'problem'],
      ['do I need the receipt?', 'proof'],
      ['yes I have it', 'proof'],
      ['I got it last week', 'proof'],
      ['I want to make a warranty claim', 'product'],
      ['I want to make a warranty claim', 'problem'],
      ['my camera', 'product'],
      ['I will buy one next week', 'purchase'],
      ['actually it is the QT5682, not the QT426', 'purchase'],
    ])('%s: no %s', (text, fact) => {
      expect(read(text)[fact]).toBeUndefined();
    });
  });

  describe('a date is a purchase date where the date was asked, or with a word for a purchase', () => {
    test.each<[string, boolean, string | null]>([
      ['the 25th', true, '2026-03-25'],
      ['the 25th', false, null],
      ["it's only 10 days old", false, '2026-03-29'],
      ['got my QT5682 on the 25th', false, '2026-03-25'],
      ['wait, it was the 25th, not the 27th', false, '2026-03-25'],
    ])('%j (date asked: %p) → %p', (text, asked, date) => {
      const facts = readClaimFacts(text, { ...ctx, asked: asked ? 'purchase' : null });
      expect(facts.purchase?.reading.date ?? null).toBe(date);
    });
  });

  describe('edge cases', () => {
    test.each([[''], ['   '], ['?!'], ['🙂'], ['x'.repeat(5000)]])('%j says nothing', (text) => {
      expect(read(text)).toEqual({});
    });
    test('not a string says nothing', () => {
      expect(readClaimFacts(undefined as unknown as string, ctx)).toEqual({});
      expect(readClaimFacts(42 as unknown as string, ctx)).toEqual({});
    });
    test('a model said not to be it is not the product', () => {
      expect(read('actually it is the QT5682, not the QT426').product).toMatchObject({ text: 'QT5682', model: 'QT5682' });
      expect(read("it's not the QT426, it's the QT5682 camera").product).toMatchObject({ text: 'QT5682 camera', model: 'QT5682' });
    });
    test('a fault with numbers does not hide a purchase date beside it', () => {
      const facts = read('I bought it on April 2nd and it reboots every 5 minutes');
      expect(facts.purchase?.reading).toMatchObject({ kind: 'date', date: '2026-04-02', decision: 'within' });
      expect(facts.problem?.text).toBe('reboots every 5 minutes');
    });
    test('a future date is no purchase date', () => {
      expect(read('I am buying another one tomorrow').purchase).toBeUndefined();
    });
  });
});
