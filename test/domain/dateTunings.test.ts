import { readPurchaseDate } from '../../src/domain/dates/readPurchaseDate';

/**
 * Every tuned number and word exception of the date reader, pinned by a case that
 * changes if the number or the exception is changed or removed. The constant each
 * table is about is named in its title; its reason is the comment beside it in src/.
 */
const policy = { windowDays: 30 };
// Wednesday 2026-03-18, 11:00 in New York.
const NOW = '2026-03-18T15:00:00Z';
const TZ = 'America/New_York';

type Expect = Record<string, unknown>;
const day = (date: string): Expect => ({ kind: 'date', date });
const range = (earliest: string, latest: string): Expect => ({ kind: 'range', earliest, latest });
const either = (...readings: string[]): Expect => ({ kind: 'ambiguous', readings });
const NONE: Expect = { kind: 'none' };

const check = (text: string, expected: Expect, now = NOW) =>
  expect(readPurchaseDate(text, new Date(now), TZ, policy)).toMatchObject(expected);

describe('relative spans (recognizers/relativeSpans.ts)', () => {
  test.each<[string, string, Expect]>([
    ['A_FEW.day = 2…6', 'a few days ago', range('2026-03-12', '2026-03-16')],
    ['A_FEW.week = 2…5', 'a few weeks ago', range('2026-02-11', '2026-03-04')],
    ['A_FEW.month = 2…6', 'a few months ago', range('2025-09-18', '2026-01-18')],
    ['A_LITTLE_OVER_DAYS = 1…5', 'a little over 2 weeks ago', range('2026-02-27', '2026-03-03')],
    ['OVER_AT_MOST_TIMES = 2', 'over 3 weeks ago', range('2026-02-04', '2026-02-24')],
    ['OVER_AT_MOST_TIMES = 2 (months)', 'over a month ago', range('2026-01-18', '2026-02-17')],
    ['ALMOST_DAYS_SHORT = 1…3', 'almost 3 weeks ago', range('2026-02-26', '2026-02-28')],
    ['VAGUE_MONTH_DAYS = 5 (about)', 'about a month ago', range('2026-02-13', '2026-02-23')],
    ['VAGUE_MONTH_DAYS = 5 (almost)', 'almost 2 months ago', range('2026-01-13', '2026-01-23')],
    ['HALF_WEEK_DAYS = 3, AND_A_HALF_SLACK_DAYS = 2', 'three and a half weeks ago', range('2026-02-20', '2026-02-24')],
    ['HALF_MONTH_DAYS = 15', '1 month and a half ago', range('2026-01-30', '2026-02-03')],
    ['MONTH_DAYS = 30', '2 and a half months ago', range('2025-12-31', '2026-01-04')],
  ])('%s: "%s"', (_constant, text, expected) => check(text, expected));

  // VAGUE_HOURS = 1: "a few hours" is one hour back, so it is yesterday only in the first hour after midnight
  test.each<[string, string, Expect]>([
    ['a few hours ago', '2026-03-18T04:30:00Z', day('2026-03-17')], // 00:30
    ['a few hours ago', '2026-03-18T05:30:00Z', day('2026-03-18')], // 01:30
    ['10 minutes ago', '2026-03-18T04:30:00Z', day('2026-03-17')],
    ['5 hrs ago', '2026-03-18T07:30:00Z', day('2026-03-17')], // 03:30
    ['5 hrs ago', '2026-03-18T09:30:00Z', day('2026-03-18')], // 05:30
  ])('VAGUE_HOURS = 1: "%s" at %s', (text, now, expected) => check(text, expected, now));
});

describe('numbers and calendar dates (recognizers/calendarDates.ts, days.ts, notDates.ts)', () => {
  test.each<[string, string, Expect]>([
    ['TWO_DIGIT_YEAR_CENTURY = 2000', '13/4/25', day('2025-04-13')],
    ['LAST_MONTH_NUMBER = 12 (13 is a day)', '13/2/2026', day('2026-02-13')],
    ['LAST_MONTH_NUMBER = 12 (12 is a month)', '12/2/2026', either('2026-02-12', '2026-12-02')],
    // a 5-digit number is blanked out, so the date before it stands on its own
    ['LONG_NUMBER_MIN_DIGITS = 5', '12-03-20261', either('2025-12-03', '2026-03-12')],
    ['LONG_NUMBER_MIN_DIGITS = 5 (a year has 4)', 'in 2025', range('2025-01-01', '2025-12-31')],
  ])('%s: "%s"', (_constant, text, expected) => check(text, expected));
});

describe('word exceptions (recognizers/weekdays.ts, months.ts)', () => {
  test.each<[string, string, Expect]>([
    ['WEEKDAY_WORDS_THAT_ARE_ENGLISH: wed', 'they got wed', NONE],
    ['WEEKDAY_WORDS_THAT_ARE_ENGLISH: wed', 'on wed', NONE],
    ['(the full name is a weekday)', 'on wednesday', either('2026-03-11', '2026-03-18')],
    ['MONTHS_NEEDING_A_PREPOSITION: may', 'I may have', NONE],
    ['MONTHS_NEEDING_A_PREPOSITION: may', 'in may', range('2025-05-01', '2025-05-31')],
    ['MONTHS_NEEDING_A_PREPOSITION: may', 'may 2025', range('2025-05-01', '2025-05-31')],
    // in a sentence; alone as the whole answer they are the month (bareYearsMonths.ts)
    ['MONTHS_NEEDING_A_YEAR: jan', 'we got it in jan', NONE],
    ['MONTHS_NEEDING_A_YEAR: jan', 'jan 2026', range('2026-01-01', '2026-01-31')],
    ['MONTHS_NEEDING_A_YEAR: dec', 'the dec model', NONE],
    ['MONTHS_NEEDING_A_YEAR: dec', 'dec 2025', range('2025-12-01', '2025-12-31')],
    ['MONTHS_NEEDING_A_YEAR: sep', 'sep charge for cables', NONE],
    ['MONTHS_NEEDING_A_YEAR: sep', 'sep 2025', range('2025-09-01', '2025-09-30')],
    ['MONTHS_NEEDING_A_YEAR: mar', 'a mar on the lens', NONE],
    ['MONTHS_NEEDING_A_YEAR: mar', 'mar 2026', range('2026-03-01', '2026-03-18')],
    ['(other short months need nothing)', 'feb', range('2026-02-01', '2026-02-28')],
  ])('%s: "%s"', (_exception, text, expected) => check(text, expected));

  test('"Friday the week" is not read as Friday of last week (weekdayOfLastWeek leaves "the" alone)', () => {
    // Saturday 2026-03-21: plain "Friday" is yesterday or a week before; "Friday last week" is the 13th
    check('friday the week', either('2026-03-13', '2026-03-20'), '2026-03-21T15:00:00Z');
    check('friday last week', day('2026-03-13'), '2026-03-21T15:00:00Z');
  });
});

describe('calendar rules (calendarRules.ts)', () => {
  test.each<[string, string, string, Expect]>([
    // 2100 is no leap year: on 2104-02-20 the last Feb 29 is 8 years back (and Feb 28/Mar 1 2103 decide the same)
    ['MONTH_DAY_SEARCH_YEARS = 8', '2/29', '2104-02-20T15:00:00Z', day('2096-02-29')],
    ['DAY_OF_MONTH_SEARCH_MONTHS (the 31st is 2 months back)', 'the 31st', '2026-03-30T15:00:00Z', day('2026-01-31')],
    ['LAST_DAY_OF_EARLY = 10', 'early last month', NOW, range('2026-02-01', '2026-02-10')],
    ['LAST_DAY_OF_EARLY = 10, LAST_DAY_OF_MID = 20', 'mid february', NOW, range('2026-02-11', '2026-02-20')],
    ['LAST_DAY_OF_MID = 20', 'late February', NOW, range('2026-02-21', '2026-02-28')],
  ])('%s: "%s"', (_constant, text, now, expected) => check(text, expected, now));

  test.each<[string, string]>([
    ['christmas eve 2025', '2025-12-24'],
    ['christmas 2025', '2025-12-25'],
    ['boxing day 2025', '2025-12-26'],
    ['new years eve 2025', '2025-12-31'],
    ['new years day 2026', '2026-01-01'],
    ["valentine's day 2026", '2026-02-14'],
    ['july 4th 2025', '2025-07-04'],
    ['halloween 2025', '2025-10-31'],
    // THANKSGIVING_THURSDAY_OF_NOVEMBER = 4, and the days counted from it
    ['thanksgiving 2025', '2025-11-27'],
    ['thanksgiving 2024', '2024-11-28'],
    ['black friday 2025', '2025-11-28'],
    ['cyber monday 2025', '2025-12-01'],
  ])('holiday table: "%s" is %s', (text, date) => check(text, day(date)));

  test('a holiday without a year is this year’s once it has come, else last year’s', () => {
    check('christmas', day('2026-12-25'), '2026-12-27T15:00:00Z');
    check('christmas', day('2025-12-25'), '2026-12-24T15:00:00Z');
  });
});

describe('normalizing the text (normalizeText.ts)', () => {
  test.each<[string, string, Expect]>([
    ['MIN_TYPO_LENGTH = 3 ("dya" is fixed)', '2 dya ago', day('2026-03-16')],
    ['MIN_TYPO_LENGTH = 3 ("dy" is not)', '2 dy ago', NONE],
    ['TWO_SLIP_LENGTH = 7 (7 letters, two slips)', 'yestrdy', day('2026-03-17')],
    ['TWO_SLIP_LENGTH = 7 (6 letters, two slips)', 'tusdya', NONE],
    ['TWO_SLIP_LENGTH = 7 (5 letters, two slips)', 'tusdy', NONE],
    ['a digit slip is a slip too', '3 days ag0', day('2026-03-15')],
    ['MAX_CHARS = 1000 (inside)', `${'x'.repeat(980)} 3 days ago`, day('2026-03-15')],
    ['MAX_CHARS = 1000 (past the end)', `${'x'.repeat(1000)} 3 days ago`, NONE],
  ])('%s', (_constant, text, expected) => check(text, expected));

  // ORDINAL_NOT_A_DAY_BEFORE: else "the first week" would become "the 1st week", read as the 1st
  test.each<string>([
    'the fifth time',
    'the second one',
    'the third ones',
    'bought the second camera',
    'the first week',
    'the second weekend',
    'the first day',
    'the first days',
  ])('ORDINAL_NOT_A_DAY_BEFORE: "%s" is no date', (text) => check(text, NONE));
  test('an ordinal word before anything else is a day', () => check('bought it on the tenth', day('2026-03-10')));
});
