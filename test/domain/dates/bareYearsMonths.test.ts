import { type Expect, FUTURE, MID_MARCH, NONE, range, read } from './readAt';

/**
 * A year or a month and nothing else (recognizers/bareYearsMonths.ts): the year (cut at today), the most
 * recent such month (cut at today). "may" is the month only when it is clearly a date.
 */
describe('a bare year', () => {
  test.each<[string, string, Expect]>([
    ['2008', MID_MARCH, range('2008-01-01', '2008-12-31', 'outside')],
    ['2008?', MID_MARCH, range('2008-01-01', '2008-12-31', 'outside')],
    ['in 2008', MID_MARCH, range('2008-01-01', '2008-12-31', 'outside')],
    ['it was 2019.', MID_MARCH, range('2019-01-01', '2019-12-31', 'outside')],
    ['the year 2019', MID_MARCH, range('2019-01-01', '2019-12-31', 'outside')],
    ['2019, I think', MID_MARCH, range('2019-01-01', '2019-12-31', 'outside')],
    ['bought it twenty twenty five', MID_MARCH, range('2025-01-01', '2025-12-31', 'outside')],
    // this year: cut at today
    ['2026', '2026-01-20T15:00:00Z', range('2026-01-01', '2026-01-20', 'within')],
    ['2026', MID_MARCH, range('2026-01-01', '2026-03-18', 'ask')],
    // last year, said in January: its last days are within
    ['2025', '2026-01-20T15:00:00Z', range('2025-01-01', '2025-12-31', 'ask')],
    ['2031', MID_MARCH, FUTURE],
    // a four-digit number in a sentence is no year
    ['order 2008', MID_MARCH, NONE],
    ['I have the 2008 model', MID_MARCH, NONE],
    ['3000', MID_MARCH, NONE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('a bare month', () => {
  test.each<[string, string, Expect]>([
    ['dec', '2026-01-10T15:00:00Z', range('2025-12-01', '2025-12-31', 'ask')],
    ['dec', '2026-02-15T15:00:00Z', range('2025-12-01', '2025-12-31', 'outside')],
    ['Dec.', '2025-12-20T15:00:00Z', range('2025-12-01', '2025-12-20', 'within')],
    ['jan', '2026-02-05T15:00:00Z', range('2026-01-01', '2026-01-31', 'ask')],
    ['mar', '2026-03-10T15:00:00Z', range('2026-03-01', '2026-03-10', 'within')],
    ['sept', '2026-10-30T15:00:00Z', range('2026-09-01', '2026-09-30', 'ask')],
    ['september', '2026-11-15T15:00:00Z', range('2026-09-01', '2026-09-30', 'outside')],
    ['in May', '2026-06-10T15:00:00Z', range('2026-05-01', '2026-05-31', 'ask')],
    ['may', '2026-08-10T15:00:00Z', range('2026-05-01', '2026-05-31', 'outside')],
    ['May', '2026-05-20T15:00:00Z', range('2026-05-01', '2026-05-20', 'within')],
    ['i think may?', '2026-05-20T15:00:00Z', range('2026-05-01', '2026-05-20', 'within')],
    ['the month of may', MID_MARCH, range('2025-05-01', '2025-05-31', 'outside')],
    ['dec or so', '2026-01-20T15:00:00Z', range('2025-12-01', '2025-12-31', 'ask')],
    // "may" the verb
    ['I may have bought it last week', MID_MARCH, range('2026-03-09', '2026-03-15', 'within')],
    ['it may work', MID_MARCH, NONE],
    ['this may be wrong', MID_MARCH, NONE],
    // abbreviations in a sentence are no month without a year (months.ts)
    ['jan bought it for me', MID_MARCH, NONE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('this / last <month>', () => {
  test.each<[string, string, Expect]>([
    ['this May', '2026-05-25T15:00:00Z', range('2026-05-01', '2026-05-25', 'within')],
    ['this May', '2026-08-01T15:00:00Z', range('2026-05-01', '2026-05-31', 'outside')],
    ['this May', MID_MARCH, FUTURE],
    // said in May or before: last year's
    ['last May', '2026-05-20T15:00:00Z', range('2025-05-01', '2025-05-31', 'outside')],
    ['last december', '2026-01-15T15:00:00Z', range('2025-12-01', '2025-12-31', 'ask')],
    // said after May: this year's or last year's May; decides only when both do
    ['last May', '2026-11-10T15:00:00Z', range('2025-05-01', '2026-05-31', 'outside')],
    ['last May', '2026-06-10T15:00:00Z', range('2025-05-01', '2026-05-31', 'ask')],
    ['this past May', '2026-06-10T15:00:00Z', range('2026-05-01', '2026-05-31', 'ask')],
    ['this past december', MID_MARCH, range('2025-12-01', '2025-12-31', 'outside')],
    ['last may be', MID_MARCH, NONE],
    ['last may I think', MID_MARCH, range('2025-05-01', '2025-05-31', 'outside')],
    ['this may I ask', MID_MARCH, NONE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('timezone', () => {
  test.each<[string, string, string, Expect]>([
    // 02:00 UTC Jun 1 is still May 31 in New York (May 1 is 30 days back), June 1 in Paris (31)
    ['may', '2026-06-01T02:00:00Z', 'America/New_York', range('2026-05-01', '2026-05-31', 'within')],
    ['may', '2026-06-01T02:00:00Z', 'Europe/Paris', range('2026-05-01', '2026-05-31', 'ask')],
    ['this May', '2026-06-01T02:00:00Z', 'America/New_York', range('2026-05-01', '2026-05-31', 'within')],
    ['2025', '2026-01-01T03:00:00Z', 'America/Los_Angeles', range('2025-01-01', '2025-12-31', 'ask')],
    ['2025', '2026-01-01T03:00:00Z', 'Asia/Tokyo', range('2025-01-01', '2025-12-31', 'ask')],
    ['2026', '2026-01-01T03:00:00Z', 'America/Los_Angeles', FUTURE],
    ['2026', '2026-01-01T03:00:00Z', 'Asia/Tokyo', { kind: 'date', date: '2026-01-01', decision: 'within' }],
  ])('%s (now %s, %s)', (text, now, tz, expected) => expect(read(text, now, tz)).toEqual(expected));
});
