import { day, type Expect, either, FUTURE, MID_MARCH, NONE, read } from './readAt';

/**
 * Dates without separators (recognizers/compactDates.ts). DATES.md: an 8-digit number alone is a
 * receipt number, so a text made only of it stays none; yyyymmdd is a date only with a word that
 * marks it as one, and only when the day exists.
 */
describe('yyyymmdd marked as a date', () => {
  test.each<[string, string, Expect]>([
    ['on 20161016', MID_MARCH, day('2016-10-16', 'outside')],
    ['bought 20161016', MID_MARCH, day('2016-10-16', 'outside')],
    ['dated 20251231', '2026-01-25T15:00:00Z', day('2025-12-31', 'within')],
    ['on 20260305', MID_MARCH, day('2026-03-05', 'within')],
    // the 30-day edge
    ['purchased on 20260216', MID_MARCH, day('2026-02-16', 'within')],
    ['purchased on 20260215', MID_MARCH, day('2026-02-15', 'outside')],
    ['I bought it on 20260214', MID_MARCH, day('2026-02-14', 'outside')],
    ['bought on 20270101', MID_MARCH, FUTURE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('8-digit numbers that stay numbers', () => {
  test.each<[string, Expect]>([
    ['20161016', NONE],
    ['order 20260305', NONE],
    ['receipt #20260305', NONE],
    ['order number 20260305', NONE],
    // no such day: the number stays a number
    ['on 20261305', NONE],
    ['on 20160230', NONE],
    ['on 12345678', NONE],
  ])('%s', (text, expected) => expect(read(text, MID_MARCH)).toEqual(expected));
});

describe('numbers separated by spaces', () => {
  test.each<[string, string, Expect]>([
    ['2016 10 16', MID_MARCH, day('2016-10-16', 'outside')],
    ['2026 03 05', MID_MARCH, day('2026-03-05', 'within')],
    ['2026 2 16', MID_MARCH, day('2026-02-16', 'within')],
    ['2026 2 15', MID_MARCH, day('2026-02-15', 'outside')],
    ['bought 2016 10 16', MID_MARCH, day('2016-10-16', 'outside')],
    // year last: only as the whole answer, read like 16/10/2016
    ['16 10 2016', MID_MARCH, day('2016-10-16', 'outside')],
    ['on 16 10 2016', MID_MARCH, day('2016-10-16', 'outside')],
    ['05 03 2026', '2026-05-20T15:00:00Z', either(['2026-03-05', '2026-05-03'], 'ask')],
    ['2026 13 05', MID_MARCH, NONE],
    ['2026 2 30', MID_MARCH, NONE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('ISO date-time: the date as written', () => {
  test.each<[string, Expect]>([
    ['2016-10-16T10:00', day('2016-10-16', 'outside')],
    ['2026-03-05T23:30:00-05:00', day('2026-03-05', 'within')],
    ['2026-02-15t08:00:00z', day('2026-02-15', 'outside')],
    ['2026-02-30T10:00', NONE],
    // with a zone it is an instant: 03:30 UTC on Mar 3 is still Mar 2 in New York
    ['2026-03-03T03:30:00Z', day('2026-03-02', 'within')],
    ['2026-02-16T03:30:00Z', day('2026-02-15', 'outside')],
  ])('%s', (text, expected) => expect(read(text, MID_MARCH)).toEqual(expected));
});

describe('timezone', () => {
  test.each<[string, string, string, Expect]>([
    // 04:00 UTC Jan 31 is Jan 30 in Los Angeles (29 days)
    ['on 20260101', '2026-01-31T04:00:00Z', 'America/Los_Angeles', day('2026-01-01', 'within')],
    // 05:00 UTC Feb 1 is Feb 1 in New York (31 days) but Jan 31 in Los Angeles (30)
    ['I bought it on 20260101', '2026-02-01T05:00:00Z', 'America/New_York', day('2026-01-01', 'outside')],
    ['I bought it on 20260101', '2026-02-01T05:00:00Z', 'America/Los_Angeles', day('2026-01-01', 'within')],
  ])('%s (now %s, %s)', (text, now, tz, expected) => expect(read(text, now, tz)).toEqual(expected));
});
