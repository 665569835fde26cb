import { parseIsoDay } from '../../../src/domain/calendar';
import { claimReceipt, type ProofReading, receiptLine, unreadProofLine } from '../../../src/domain/receipts/claimReceipt';
import { receiptAgreesWithStated, type StatedPurchase, statedTolerance } from '../../../src/domain/receipts/receiptAgreement';
import { receiptChangesDecision } from '../../../src/domain/receipts/receiptChangesDecision';

const TODAY = parseIsoDay('2026-03-02') as NonNullable<ReturnType<typeof parseIsoDay>>;
const day = (text: string, date: string): StatedPurchase => ({ text, date, earliest: null, latest: null, readings: [] });
const range = (text: string, earliest: string, latest: string): StatedPurchase => ({ text, date: null, earliest, latest, readings: [] });
const either = (text: string, readings: string[]): StatedPurchase => ({ text, date: null, earliest: null, latest: null, readings });
const NOTHING: StatedPurchase = { text: '', date: null, earliest: null, latest: null, readings: [] };

describe('receiptAgreesWithStated: the receipt date against what the customer said', () => {
  test.each<[string, string | null, StatedPurchase, boolean | null]>([
    ['the same day', '2026-02-20', day('February 20', '2026-02-20'), true],
    ['a day early (a late-night sale)', '2026-02-19', day('February 20', '2026-02-20'), true],
    ['two days late', '2026-02-22', day('Feb 20', '2026-02-20'), true],
    ['three days off a named day', '2026-02-23', day('Feb 20', '2026-02-20'), false],
    ['weeks off', '2026-01-10', day('Feb 20', '2026-02-20'), false],
    ['"2 weeks ago" (Feb 16) and a receipt 3 days before', '2026-02-13', day('2 weeks ago', '2026-02-16'), true],
    ['"2 weeks ago" and a receipt 4 days before', '2026-02-12', day('2 weeks ago', '2026-02-16'), false],
    ['"a month ago" (Feb 2) and a receipt a week before', '2026-01-26', day('a month ago', '2026-02-02'), true],
    ['"a month ago" and a receipt ten days before', '2026-01-23', day('a month ago', '2026-02-02'), false],
    ['"3 days ago" keeps the plain tolerance', '2026-02-24', day('3 days ago', '2026-02-27'), false],
    ['inside a range', '2026-02-14', range('last month', '2026-02-01', '2026-02-28'), true],
    ['a day past a range', '2026-03-01', range('last month', '2026-02-01', '2026-02-28'), true],
    ['well outside a range', '2026-01-15', range('early last month', '2026-02-01', '2026-02-10'), false],
    ['near either of two readings', '2026-04-06', either('5/4', ['2026-04-05', '2026-05-04']), true],
    ['near neither reading', '2026-04-20', either('5/4', ['2026-04-05', '2026-05-04']), false],
    ['no receipt date', null, day('Feb 20', '2026-02-20'), null],
    ['nothing stated', '2026-02-20', NOTHING, null],
  ])('%s', (_name, receipt, stated, agrees) => {
    expect(receiptAgreesWithStated(receipt, stated, TODAY)).toBe(agrees);
  });

  test('the tolerance for a counted-back day is a quarter of the distance, at least 2, at most 7 days', () => {
    const on = (iso: string) => parseIsoDay(iso) as NonNullable<ReturnType<typeof parseIsoDay>>;
    expect(statedTolerance({ text: 'on Feb 20' }, on('2026-02-20'), TODAY)).toBe(2);
    expect(statedTolerance({ text: '3 days ago' }, on('2026-02-27'), TODAY)).toBe(2);
    expect(statedTolerance({ text: 'two weeks ago' }, on('2026-02-16'), TODAY)).toBe(3);
    expect(statedTolerance({ text: '3 months ago' }, on('2025-12-02'), TODAY)).toBe(7);
  });
});

describe('receiptChangesDecision: one date inside the 30-day window, the other outside', () => {
  test.each<[string, string | null, 'within' | 'outside' | 'ask', boolean]>([
    ['receipt outside, stated within', '2026-01-10', 'within', true],
    ['receipt within, stated outside', '2026-02-20', 'outside', true],
    ['both within', '2026-02-10', 'within', false],
    ['both outside', '2025-12-01', 'outside', false],
    ['the last day of the window is within', '2026-01-31', 'outside', true],
    ['the day after it is outside', '2026-01-30', 'within', true],
    ['a stated date still undecided', '2026-01-10', 'ask', false],
    ['no receipt date', null, 'within', false],
    ['a receipt in the future decides nothing', '2026-03-20', 'within', false],
  ])('%s', (_name, receipt, stated, changes) => {
    expect(receiptChangesDecision(receipt, stated, TODAY, 30)).toBe(changes);
  });
});

describe('claimReceipt: the reading the claim relies on', () => {
  const read = (date: string | null, models: string[] = ['QT5682'], seller: string | null = 'Best Buy'): ProofReading => ({
    status: 'read',
    source: 'text-layer',
    facts: {
      purchaseDate: date ? { date, confidence: 0.95, page: 1, line: 3, evidence: `Order date ${date}` } : null,
      seller: seller ? { seller, confidence: 0.9 } : null,
      models: models.map((model) => ({ model, confidence: 0.9 })),
    },
    pages: 1,
    ms: 5,
  });
  const CLAIM = { createdAt: '2026-03-02T17:30:00Z', timeZone: 'America/New_York' };
  const STATED = day('February 20', '2026-02-20');

  test('no file read (unreadable, skipped, not read yet) → null', () => {
    const files = [{ id: 'a', reading: { status: 'unreadable', reason: 'corrupt', ms: 1 } as ProofReading }, { id: 'b' }];
    expect(claimReceipt(files, STATED, CLAIM)).toBeNull();
  });

  test('a date that agrees: "receipt confirms"', () => {
    expect(claimReceipt([{ id: 'a', reading: read('2026-02-20') }], STATED, CLAIM)).toEqual({
      purchaseDate: '2026-02-20',
      seller: 'Best Buy',
      models: ['QT5682'],
      agreesWithStated: true,
      fileId: 'a',
      notes: ['receipt confirms the purchase date'],
      customerAnswer: null,
      correctedByAgent: false,
    });
  });

  test('the latest file with a date wins over a later one without; no model is noted, not refused', () => {
    const receipt = claimReceipt(
      [
        { id: 'a', reading: read('2026-01-10', []) },
        { id: 'b', reading: read(null) },
      ],
      STATED,
      CLAIM,
    );
    expect(receipt).toMatchObject({ fileId: 'a', purchaseDate: '2026-01-10', agreesWithStated: false, models: [] });
    expect(receipt?.notes).toEqual(['receipt shows 2026-01-10; the customer said "February 20"', 'no Q-See model on the receipt']);
  });

  test('a reading without a date: agreement unknown', () => {
    expect(claimReceipt([{ id: 'a', reading: read(null) }], STATED, CLAIM)).toMatchObject({ purchaseDate: null, agreesWithStated: null });
  });
});

describe('receiptLine: the receipt for the person the claim goes to', () => {
  test.each<[string, Parameters<typeof receiptLine>[0], string | null]>([
    ['no receipt', null, null],
    [
      'a full reading',
      {
        purchaseDate: '2026-02-20',
        seller: 'Best Buy',
        models: ['QT5682'],
        agreesWithStated: true,
        fileId: 'a',
        notes: ['receipt confirms the purchase date'],
        customerAnswer: null,
        correctedByAgent: false,
      },
      'Receipt (as read): dated 2026-02-20, seller Best Buy, models QT5682 — receipt confirms the purchase date',
    ],
    [
      'nothing found',
      {
        purchaseDate: null,
        seller: null,
        models: [],
        agreesWithStated: null,
        fileId: 'a',
        notes: [],
        customerAnswer: null,
        correctedByAgent: false,
      },
      'Receipt (as read): dated unknown, seller unknown',
    ],
  ])('%s', (_name, receipt, line) => {
    expect(receiptLine(receipt)).toBe(line);
  });
});

describe('unreadProofLine: the files the person must read themselves', () => {
  test.each<[string, Parameters<typeof unreadProofLine>[0], string | null]>([
    ['no files', [], null],
    [
      'a file read',
      [
        {
          id: 'a',
          name: 'r.pdf',
          reading: { status: 'read', source: 'text-layer', facts: { purchaseDate: null, seller: null, models: [] }, pages: 1, ms: 1 },
        },
      ],
      null,
    ],
    ['a file not read yet (no reading)', [{ id: 'a', name: 'r.pdf' }], null],
    [
      'a HEIC the reader cannot open and a busy reader',
      [
        { id: 'a', name: 'r.heic', reading: { status: 'unreadable', reason: 'heic_unsupported', ms: 3 } },
        { id: 'b', name: 'r.jpg', reading: { status: 'skipped', reason: 'busy', ms: 0 } },
      ],
      'Not read by the assistant (open them): r.heic (heic unsupported), r.jpg (busy)',
    ],
    [
      'a file an agent read already',
      [
        {
          id: 'a',
          name: 'r.heic',
          reading: { status: 'unreadable', reason: 'corrupt', ms: 3 },
          agentReading: { purchaseDate: null, seller: null, models: [] },
        },
      ],
      null,
    ],
  ])('%s', (_name, files, line) => {
    expect(unreadProofLine(files)).toBe(line);
  });
});
