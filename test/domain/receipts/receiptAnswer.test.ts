import { parseIsoDay } from '../../../src/domain/calendar';
import { readPurchaseDate } from '../../../src/domain/dates/readPurchaseDate';
import { receiptAgreesWithStated } from '../../../src/domain/receipts/receiptAgreement';
import { type ReceiptAnswerReading, readReceiptAnswer } from '../../../src/domain/receipts/receiptAnswer';

// Monday 2026-03-02 in New York; the customer said February 20, the receipt shows January 10.
const NOW = new Date('2026-03-02T17:30:00Z');
const STATED = { text: 'I bought it on February 20th', date: '2026-02-20', earliest: null, latest: null, readings: [] };
const TODAY = parseIsoDay('2026-03-02')!;

const read = (answer: string) =>
  readReceiptAnswer(answer, {
    receiptButton: 'January 10, 2026',
    statedButton: 'February 20, 2026',
    saidDate: readPurchaseDate(answer, NOW, 'America/New_York', { windowDays: 30 }).date ?? null,
    receiptDate: '2026-01-10',
    agreesWithStated: (date) => receiptAgreesWithStated(date, STATED, TODAY) === true,
  });

describe('readReceiptAnswer: which date the customer says is right', () => {
  test.each<[string, ReceiptAnswerReading]>([
    // the buttons, and their days typed
    ['January 10, 2026', 'receipt'],
    ['january 10 2026.', 'receipt'],
    ['February 20, 2026', 'stated'],
    ['Jan 10', 'receipt'],
    ['it was january 10th', 'receipt'],
    ['1/10/2026', 'receipt'],
    ['Feb 20', 'stated'],
    ['February 20th', 'stated'],
    // the receipt, clearly
    ['the receipt', 'receipt'],
    ['Receipt.', 'receipt'],
    ['the receipt is right', 'receipt'],
    ["the receipt's date is correct", 'receipt'],
    ['go with the receipt', 'receipt'],
    ['the receipt is right, I forgot', 'receipt'],
    ['I was wrong, it was Jan 10', 'receipt'],
    ['mine is wrong', 'receipt'],
    ['oh sorry, I misremembered', 'receipt'],
    ['my bad, the receipt is right', 'receipt'],
    // their own date
    ['mine', 'stated'],
    ['mine is right', 'stated'],
    ['my date', 'stated'],
    ['what I said', 'stated'],
    ['no, I bought it on Feb 20', 'stated'],
    ['the receipt is wrong', 'stated'],
    ["the receipt's date is off", 'stated'],
    ['not the receipt', 'stated'],
    // found by review: these were read as the receipt's date, and the claim was refused on it
    ["Mine, it's right", 'stated'],
    ["I'm sure, it's right", 'stated'],
    ['I said Feb 20, the receipt is from the order', 'stated'],
    ['the receipt date is when I ordered it, I picked it up Feb 20', 'stated'],
    // not clear: asked again, then a person — never the receipt's date
    ["it's right", 'unclear'],
    ['yes', 'unclear'],
    ['no', 'unclear'],
    ['not January 10, 2026', 'unclear'],
    ["January 10 isn't right", 'unclear'],
    ['I misremembered, it was February 20', 'unclear'],
    ['hmm', 'unclear'],
    ['', 'unclear'],
    ['   ', 'unclear'],
    ['<script>alert(1)</script>', 'unclear'],
    // doubt is never a yes to the receipt (attack probe)
    ["the receipt date isn't right", 'unclear'],
    ['the receipt is not right', 'stated'],
    ["I don't think the receipt is correct", 'unclear'],
    ['not sure, the receipt might be from a different purchase', 'unclear'],
    ['January 10, 2026?', 'unclear'],
    ['maybe the receipt', 'unclear'],
    ['I might have been wrong', 'unclear'],
    ['I think the receipt is right', 'unclear'],
    ['the receipt?'.repeat(200), 'unclear'],
  ])('%j → %s', (answer, expected) => {
    expect(read(answer)).toBe(expected);
  });

  test('an answer that names both dates is never taken as the receipt’s', () => {
    for (const answer of ['January 10 or February 20, I am not sure', 'the receipt says January 10 but I said February 20'])
      expect(read(answer)).not.toBe('receipt');
  });
});
