import { mostRecentYearEndingIn, yearsInDigits } from '../../../src/domain/dates/yearWords';
import { day, type Expect, FUTURE, MID_MARCH, NONE, range, read } from './readAt';

/** Years in any position and in words (recognizers/yearDates.ts, yearWords.ts): the year is taken literally. */
describe('a date with its year, in any position', () => {
  test.each<[string, Expect]>([
    ['September 23, 2020', day('2020-09-23', 'outside')],
    ['Sept. 23, 2020', day('2020-09-23', 'outside')],
    ['2020/23/Sep', day('2020-09-23', 'outside')],
    ['2020-Sep-23', day('2020-09-23', 'outside')],
    ['2020 Sep 23', day('2020-09-23', 'outside')],
    ['2020, September 23rd', day('2020-09-23', 'outside')],
    ['23 Sep 2020', day('2020-09-23', 'outside')],
    ['the 23rd of Sep, 2020', day('2020-09-23', 'outside')],
    ['Sep 23rd of 2020', day('2020-09-23', 'outside')],
    ['march the 3rd in 2026', day('2026-03-03', 'within')],
    // "last year" is the year: without it, March 3 is this year's (within)
    ['march 3 last year', day('2025-03-03', 'outside')],
    ['the 3rd of March last year', day('2025-03-03', 'outside')],
    ['march 3rd of this year', day('2026-03-03', 'within')],
    ['el 11 de julio de 2015', day('2015-07-11', 'outside')],
    ['12 February of 2026', day('2026-02-12', 'outside')],
    ['the 16th of February of 2026', day('2026-02-16', 'within')],
    ['2026 Feb 16', day('2026-02-16', 'within')],
    ['2026 Feb 15', day('2026-02-15', 'outside')],
    ['2026/16/Feb', day('2026-02-16', 'within')],
    // the year decides: without it March 3 would be this year's, within
    ['March 3rd of 2025', day('2025-03-03', 'outside')],
    ['Feb 20 of 2027', FUTURE],
  ])('%s (on 2026-03-18)', (text, expected) => expect(read(text, MID_MARCH)).toEqual(expected));
});

describe('a month with its year', () => {
  test.each<[string, string, Expect]>([
    ['October of 2019', MID_MARCH, range('2019-10-01', '2019-10-31', 'outside')],
    ['2019 October', MID_MARCH, range('2019-10-01', '2019-10-31', 'outside')],
    ['in September of 2020', MID_MARCH, range('2020-09-01', '2020-09-30', 'outside')],
    ['February of 2026', MID_MARCH, range('2026-02-01', '2026-02-28', 'ask')],
    // this month: cut at today
    ['March of 2026', MID_MARCH, range('2026-03-01', '2026-03-18', 'within')],
    ['April of 2026', MID_MARCH, FUTURE],
    ['March of last year', MID_MARCH, range('2025-03-01', '2025-03-31', 'outside')],
    ['it was march last year', MID_MARCH, range('2025-03-01', '2025-03-31', 'outside')],
    ['in March this year', MID_MARCH, range('2026-03-01', '2026-03-18', 'within')],
    ['december of this year', MID_MARCH, FUTURE],
    ['between 2015 and 2016', MID_MARCH, range('2015-01-01', '2016-12-31', 'outside')],
    ['from 2025 to 2026', MID_MARCH, range('2025-01-01', '2026-03-18', 'ask')],
    ['between 2026 and 2025', MID_MARCH, NONE],
    // year end: December of last year, said in January
    ['December of 2025', '2026-01-20T15:00:00Z', range('2025-12-01', '2025-12-31', 'ask')],
    ['2025 December', '2026-02-05T15:00:00Z', range('2025-12-01', '2025-12-31', 'outside')],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

/** Parts of a year in thirds (partsOfYears.ts): early = Jan-Apr, mid = May-Aug, late / end = Sep-Dec. */
describe('parts of a year', () => {
  test.each<[string, string, Expect]>([
    ['late 2025', MID_MARCH, range('2025-09-01', '2025-12-31', 'outside')],
    ['end of 2025', MID_MARCH, range('2025-09-01', '2025-12-31', 'outside')],
    ['in early 2025', MID_MARCH, range('2025-01-01', '2025-04-30', 'outside')],
    ['mid-2024', MID_MARCH, range('2024-05-01', '2024-08-31', 'outside')],
    ['the middle of 2024', MID_MARCH, range('2024-05-01', '2024-08-31', 'outside')],
    // not "last year": the whole of 2025 said in January holds days within, its end does too
    ['the end of last year', '2026-01-10T15:00:00Z', range('2025-09-01', '2025-12-31', 'ask')],
    ['at the end of last year', MID_MARCH, range('2025-09-01', '2025-12-31', 'outside')],
    // this year's first third is running: cut at today
    ['beginning of 2026', MID_MARCH, range('2026-01-01', '2026-03-18', 'ask')],
    ['early this year', '2026-01-20T15:00:00Z', range('2026-01-01', '2026-01-20', 'within')],
    ['late this year', MID_MARCH, FUTURE],
    ['the year before last', MID_MARCH, range('2024-01-01', '2024-12-31', 'outside')],
    // "the year" is this year: its end has not come yet in March
    ['the beginning of the year', MID_MARCH, range('2026-01-01', '2026-03-18', 'ask')],
    ['end of the year', MID_MARCH, FUTURE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

/** Quarters (Jan-Mar …) and halves (Jan-Jun, Jul-Dec); without a year the most recent one begun. */
describe('quarters and halves of a year', () => {
  test.each<[string, string, Expect]>([
    ['the first half of 2016', MID_MARCH, range('2016-01-01', '2016-06-30', 'outside')],
    ['the second half of last year', '2026-01-10T15:00:00Z', range('2025-07-01', '2025-12-31', 'ask')],
    ['Q1 2016', MID_MARCH, range('2016-01-01', '2016-03-31', 'outside')],
    ['h2 2025', MID_MARCH, range('2025-07-01', '2025-12-31', 'outside')],
    ['the last quarter of 2025', '2026-01-10T15:00:00Z', range('2025-10-01', '2025-12-31', 'ask')],
    // without its year a quarter is the most recent one that has begun, and no "3rd" of this month
    ['the third quarter', MID_MARCH, range('2025-07-01', '2025-09-30', 'outside')],
    ['Q1', MID_MARCH, range('2026-01-01', '2026-03-18', 'ask')],
    ['in q4', '2026-12-20T15:00:00Z', range('2026-10-01', '2026-12-20', 'ask')],
    ['the last quarter', MID_MARCH, NONE],
    ['the first half of March', MID_MARCH, range('2026-03-01', '2026-03-18', 'ask')],
    ['the third quarter of last year', MID_MARCH, range('2025-07-01', '2025-09-30', 'outside')],
    ['the first quarter of the year', MID_MARCH, range('2026-01-01', '2026-03-18', 'ask')],
    ['the fourth quarter of this year', MID_MARCH, FUTURE],
    ['a quarter of the cameras', MID_MARCH, NONE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('a day or a month counted in a year', () => {
  test.each<[string, string, Expect]>([
    // not the 1st of this month (within): January 1st
    ['the first of the year', MID_MARCH, day('2026-01-01', 'outside')],
    ['the first of the year', '2026-01-20T15:00:00Z', day('2026-01-01', 'within')],
    ['the first of 2026', MID_MARCH, day('2026-01-01', 'outside')],
    ['the first day of 2025', MID_MARCH, day('2025-01-01', 'outside')],
    ['the last day of last year', '2026-01-20T15:00:00Z', day('2025-12-31', 'within')],
    ['the first month of 2025', MID_MARCH, range('2025-01-01', '2025-01-31', 'outside')],
    ['the last month of 2025', '2026-01-20T15:00:00Z', range('2025-12-01', '2025-12-31', 'ask')],
    ['the second month of last year', MID_MARCH, range('2025-02-01', '2025-02-28', 'outside')],
    ['the first day of next year', MID_MARCH, FUTURE],
    // an ordinal before "month" counts months: alone it names no day, so the reader asks
    ['the first month', MID_MARCH, NONE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('years in words and with two digits', () => {
  test.each<[string, string, Expect]>([
    ['nineteen ninety nine', MID_MARCH, range('1999-01-01', '1999-12-31', 'outside')],
    ['two thousand and eighteen', MID_MARCH, range('2018-01-01', '2018-12-31', 'outside')],
    ['twenty twenty', MID_MARCH, range('2020-01-01', '2020-12-31', 'outside')],
    ['in twenty twenty-six', MID_MARCH, range('2026-01-01', '2026-03-18', 'ask')],
    ['February 20th twenty twenty six', MID_MARCH, day('2026-02-20', 'within')],
    ['on the 5th of January twenty twenty-six', '2026-02-01T15:00:00Z', day('2026-01-05', 'within')],
    ["Dec 28 '25", '2026-01-20T15:00:00Z', day('2025-12-28', 'within')],
    ["back in '19", MID_MARCH, range('2019-01-01', '2019-12-31', 'outside')],
    // '26 said in 2026 is this year; '27 is 1927, not next year
    ["in '26", '2026-01-15T15:00:00Z', range('2026-01-01', '2026-01-15', 'within')],
    // number words that are counts stay counts
    ['twenty two days ago', MID_MARCH, day('2026-02-24', 'within')],
    ['twenty one days ago', MID_MARCH, day('2026-02-25', 'within')],
    // "in 87" without the apostrophe is no year: a stray number, so the reader asks
    ['in 87', MID_MARCH, NONE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('timezone and bad input', () => {
  test.each<[string, string, string, Expect]>([
    // 03:00 UTC on Feb 1 is still Jan 31 in Los Angeles (30 days: within) but Feb 1 in Berlin (31: outside)
    ['2026 Jan 1', '2026-02-01T03:00:00Z', 'America/Los_Angeles', day('2026-01-01', 'within')],
    ['2026 Jan 1', '2026-02-01T03:00:00Z', 'Europe/Berlin', day('2026-01-01', 'outside')],
    // 15:00 UTC on Jan 29 is already Jan 30 in Tokyo (31 days), still Jan 29 in New York (30)
    ['the 30th of December, 2025', '2026-01-29T15:00:00Z', 'Asia/Tokyo', day('2025-12-30', 'outside')],
    ['the 30th of December, 2025', '2026-01-29T15:00:00Z', 'America/New_York', day('2025-12-30', 'within')],
    // an impossible day is no date, and its year alone does not decide
    ['2026 Feb 30', MID_MARCH, 'America/New_York', NONE],
    ['Feb 30 of 2026', MID_MARCH, 'America/New_York', NONE],
    ['sometime in 2031', MID_MARCH, 'America/New_York', FUTURE],
    // the second year is not read: it stays a stray token, so the reader asks (fail closed)
    ['in 2019 or 2020', MID_MARCH, 'America/New_York', range('2019-01-01', '2019-12-31', 'ask')],
  ])('%s (now %s, %s)', (text, now, tz, expected) => expect(read(text, now, tz)).toEqual(expected));
});

describe('yearsInDigits', () => {
  test.each<[string, number | undefined, string]>([
    ['nineteen seventy two', undefined, '1972'],
    ['nineteen eighty-seven', undefined, '1987'],
    ['nineteen oh five', undefined, '1905'],
    ['twenty twenty', undefined, '2020'],
    ['twenty twenty-five', undefined, '2025'],
    ['twenty nineteen', undefined, '2019'],
    ['two thousand and eighteen', undefined, '2018'],
    ['two thousand nine', undefined, '2009'],
    ["'87", 2026, '1987'],
    ["'26", 2026, '2026'],
    ["'27", 2026, '1927'],
    // left alone: counts, a price, a two-digit year without knowing this year, contractions
    ['twenty two days', undefined, 'twenty two days'],
    ['two thousand dollars', undefined, 'two thousand dollars'],
    ['two thousand and five hundred', undefined, 'two thousand and five hundred'],
    ["'87", undefined, "'87"],
    ["it's 87", 2026, "it's 87"],
  ])('%s (this year %s) → %s', (text, thisYear, expected) => expect(yearsInDigits(text, thisYear)).toBe(expected));

  test.each<[number, number, number]>([
    [87, 2026, 1987],
    [26, 2026, 2026],
    [0, 2026, 2000],
    [99, 2000, 1999],
  ])("'%i in %i is %i", (yy, thisYear, expected) => expect(mostRecentYearEndingIn(yy, thisYear)).toBe(expected));
});
