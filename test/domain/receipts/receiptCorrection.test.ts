import { type Claim, newClaim } from '../../../src/domain/claim';
import { readCorrection } from '../../../src/domain/factCorrection';
import type { ProofReading } from '../../../src/domain/receipts/claimReceipt';
import { readingValue } from '../../../src/domain/receipts/receiptCorrection';
import { qseePolicy } from '../../helpers/policy';

const policy = qseePolicy();

const read = (date: string | null, models = ['QT5682'], seller: string | null = 'Best Buy'): ProofReading => ({
  status: 'read',
  source: 'ocr',
  facts: {
    purchaseDate: date ? { date, confidence: 0.8, page: 1, line: 3, evidence: `Date ${date}` } : null,
    seller: seller ? { seller, confidence: 0.7 } : null,
    models: models.map((model) => ({ model, confidence: 0.9 })),
  },
  pages: 1,
  ms: 5,
});

/** A claim whose customer said February 20 and whose receipt the reader read as January 10 (a misreading). */
function claim(): Claim {
  const c = newClaim('c1', 'conv', new Date('2026-03-02T17:00:00Z'), 'v1', 'America/New_York');
  c.purchase = { text: 'February 20', date: '2026-02-20', earliest: null, latest: null, readings: [] };
  c.proof.type = 'receipt';
  c.proof.files = [
    { id: 'f1', name: 'old.pdf', contentType: 'application/pdf', size: 10, reading: { status: 'unreadable', reason: 'corrupt', ms: 1 } },
    { id: 'f2', name: 'receipt.jpg', contentType: 'image/jpeg', size: 10, reading: read('2026-01-10') },
  ];
  return c;
}

const corrected = (value: unknown, c = claim()) => {
  const reading = readCorrection(c, 'receipt', value, policy);
  if (!reading.ok) throw new Error(reading.problem);
  reading.correction.apply(c);
  return { claim: c, correction: reading.correction };
};

describe('an agent corrects the reading of a receipt', () => {
  test('the claim relies on the agent’s reading from then on: the date agrees again, marked as corrected', () => {
    const { claim: c, correction } = corrected({ purchaseDate: '2026-02-20', seller: 'Best Buy', models: ['QT5682'] });
    expect(c.proof.files[1]?.agentReading).toEqual({ purchaseDate: '2026-02-20', seller: 'Best Buy', models: ['QT5682'] });
    // the reader's own reading stays: it is what the reader is measured by
    expect(c.proof.files[1]?.reading).toEqual(read('2026-01-10'));
    expect(c.proof.receipt).toMatchObject({ fileId: 'f2', purchaseDate: '2026-02-20', agreesWithStated: true, correctedByAgent: true });
    expect(c.proof.receipt?.notes).toContain('the reading was corrected by an agent');
    expect(correction).toMatchObject({
      field: 'receipt',
      oldValue: '2026-01-10 · Best Buy · QT5682',
      newValue: '2026-02-20 · Best Buy · QT5682',
    });
  });

  test('a file the reader could not read can be read by the agent: it becomes the claim’s receipt', () => {
    const { claim: c } = corrected({ fileId: 'f1', purchaseDate: '2026-02-21', seller: 'Costco', models: [] });
    expect(c.proof.receipt).toMatchObject({ fileId: 'f1', purchaseDate: '2026-02-21', seller: 'Costco', agreesWithStated: true });
    expect(c.proof.receipt?.notes).toContain('no Q-See model on the receipt');
  });

  test('"the receipt shows no date" is a reading too: the claim keeps the customer’s date, agreement unknown', () => {
    const { claim: c } = corrected({ purchaseDate: null, seller: 'Best Buy', models: ['QT5682'] });
    expect(c.proof.receipt).toMatchObject({ purchaseDate: null, agreesWithStated: null });
    expect(c.purchase.date).toBe('2026-02-20');
  });

  test('control characters in a seller (terminal escapes, a bell, NUL) are dropped, not stored in the notes and hand-off', () => {
    const { claim: c } = corrected({ purchaseDate: '2026-02-20', seller: '\u001b[31mBest\u0007\u0000 Buy\u009b', models: ['QT5682'] });
    expect(c.proof.files[1]?.agentReading?.seller).toBe('[31mBest Buy');
  });

  test('models are kept upper case, once each; a blank seller is none; invisible marks are dropped', () => {
    const { claim: c } = corrected({ purchaseDate: '2026-02-20', seller: '  Best\u202E Buy ', models: ['qt5682', 'QT5682', 'QTN8086B-4'] });
    expect(c.proof.files[1]?.agentReading).toEqual({ purchaseDate: '2026-02-20', seller: 'Best Buy', models: ['QT5682', 'QTN8086B-4'] });
    expect(corrected({ purchaseDate: '2026-02-20', seller: '   ', models: [] }).claim.proof.files[1]?.agentReading?.seller).toBeNull();
  });

  test('a second correction replaces the first; its old value is the agent’s reading', () => {
    const first = corrected({ purchaseDate: '2026-02-20', seller: 'Best Buy', models: ['QT5682'] });
    const second = corrected({ purchaseDate: '2026-02-19', seller: 'Best Buy', models: ['QT5682'] }, first.claim);
    expect(second.correction.oldValue).toBe('2026-02-20 · Best Buy · QT5682');
    expect(second.claim.proof.receipt?.purchaseDate).toBe('2026-02-19');
  });
});

describe('bad receipt corrections are refused, and change nothing', () => {
  test.each<[string, unknown, RegExp]>([
    ['not an object', 'Best Buy', /purchaseDate, seller, models/],
    ['a list', [], /purchaseDate, seller, models/],
    ['null', null, /purchaseDate, seller, models/],
    ['an unknown file', { fileId: 'nope', purchaseDate: null, seller: null, models: [] }, /not one of this claim/],
    ['a date that is not a day', { purchaseDate: '2026-02-30', seller: null, models: [] }, /calendar day/],
    ['a date in another format', { purchaseDate: '02/20/2026', seller: null, models: [] }, /calendar day/],
    ['a date after the claim began', { purchaseDate: '2026-03-03', seller: null, models: [] }, /not after the claim began/],
    ['a seller that is not text', { purchaseDate: null, seller: 42, models: [] }, /seller is text/],
    ['a seller too long', { purchaseDate: null, seller: 'x'.repeat(201), models: [] }, /seller is text/],
    ['models not a list', { purchaseDate: null, seller: null, models: 'QT5682' }, /models is a list/],
    ['a model with markup', { purchaseDate: null, seller: null, models: ['<img src=x>'] }, /models is a list/],
    ['a model that is a number', { purchaseDate: null, seller: null, models: [5682] }, /models is a list/],
    [
      'too many models',
      { purchaseDate: null, seller: null, models: Array.from({ length: 21 }, (_, i) => `QT${1000 + i}`) },
      /models is a list/,
    ],
    ['the same as it reads', { purchaseDate: '2026-01-10', seller: 'Best Buy', models: ['QT5682'] }, /nothing to correct/],
  ])('%s', (_name, value, problem) => {
    const c = claim();
    const before = structuredClone(c);
    const reading = readCorrection(c, 'receipt', value, policy);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
    expect(c).toEqual(before);
  });

  test('a claim without proof files has nothing to read', () => {
    const c = newClaim('c2', 'conv', new Date('2026-03-02T17:00:00Z'), 'v1', 'America/New_York');
    const reading = readCorrection(c, 'receipt', { purchaseDate: null, seller: null, models: [] }, policy);
    expect(reading).toEqual({ ok: false, problem: 'This claim has no proof file to read.' });
  });
});

test.each<[string, Parameters<typeof readingValue>[0], string | null]>([
  ['no reading', null, null],
  ['everything', { purchaseDate: '2026-02-20', seller: 'Best Buy', models: ['QT5682', 'QC908'] }, '2026-02-20 · Best Buy · QT5682, QC908'],
  ['nothing found', { purchaseDate: null, seller: null, models: [] }, '(no date) · (no seller) · (no model)'],
])('readingValue: %s', (_name, reading, value) => {
  expect(readingValue(reading)).toBe(value);
});
