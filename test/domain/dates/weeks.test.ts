import { isoWeekOfYear } from '../../../src/domain/dates/recognizers/isoWeeks';
import { day, type Expect, FUTURE, MID_MARCH, NONE, range, read } from './readAt';

/**
 * Weeks by number or place (recognizers/isoWeeks.ts; "the Nth week of <month>" in months.ts):
 * - "week N": ISO week N, Monday … Sunday, of the most recent year in which it has begun; cut at today.
 * - "the Nth / last week of <year>": the range covering both the ISO week and days 7(N−1)+1 … 7N
 *   (the last 7 days for "last"), so it decides only where both readings decide alike.
 * - "the Nth week of <month>": days 7(N−1)+1 … 7N of the month.
 */
describe('week N', () => {
  test.each<[string, string, Expect]>([
    ['week 10', MID_MARCH, range('2026-03-02', '2026-03-08', 'within')],
    ['week ten', MID_MARCH, range('2026-03-02', '2026-03-08', 'within')],
    ['week #10', MID_MARCH, range('2026-03-02', '2026-03-08', 'within')],
    ['iso week 10', MID_MARCH, range('2026-03-02', '2026-03-08', 'within')],
    // the running week is cut at today
    ['week 10', '2026-03-04T15:00:00Z', range('2026-03-02', '2026-03-04', 'within')],
    // week 10 has not begun this year: last year's
    ['week 10', '2026-02-20T15:00:00Z', range('2025-03-03', '2025-03-09', 'outside')],
    // the 30-day edge: Feb 9-15 is 37-31 days back, Feb 16-22 is 30-24
    ['in week 7', MID_MARCH, range('2026-02-09', '2026-02-15', 'outside')],
    ['bought it week 8', MID_MARCH, range('2026-02-16', '2026-02-22', 'within')],
    ['week 9 of 2026', MID_MARCH, range('2026-02-23', '2026-03-01', 'within')],
    ['2026-W08', MID_MARCH, range('2026-02-16', '2026-02-22', 'within')],
    ['2026W08', MID_MARCH, range('2026-02-16', '2026-02-22', 'within')],
    // only some years have a week 53: 2020 is the most recent one begun by now
    ['week 53', MID_MARCH, range('2020-12-28', '2021-01-03', 'outside')],
    // ISO week 1 of 2026 began on Monday Dec 29, 2025
    ['week 1', '2026-01-02T12:00:00Z', range('2025-12-29', '2026-01-02', 'within')],
    ['week 1 of 2027', MID_MARCH, FUTURE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('the Nth week of a year: both counts', () => {
  test.each<[string, string, Expect]>([
    ['the 10th week of 2015', MID_MARCH, range('2015-03-02', '2015-03-11', 'outside')],
    ['the tenth week of 2015', MID_MARCH, range('2015-03-02', '2015-03-11', 'outside')],
    ['the first week of 2015', MID_MARCH, range('2014-12-29', '2015-01-07', 'outside')],
    // not "last week"
    ['the last week of 2016', MID_MARCH, range('2016-12-25', '2017-01-01', 'outside')],
    ['last week of 2025', '2026-01-28T15:00:00Z', range('2025-12-22', '2025-12-31', 'ask')],
    // ISO week 1 (Dec 29 … Jan 4) is outside on Feb 6, days 1-7 reach Jan 7 (30 days): the readings split, so ask
    ['the first week of 2026', '2026-02-06T15:00:00Z', range('2025-12-29', '2026-01-07', 'ask')],
    ['the first week of 2026', '2026-01-20T15:00:00Z', range('2025-12-29', '2026-01-07', 'within')],
    ['the fourth week of 2026', '2026-02-20T15:00:00Z', range('2026-01-19', '2026-01-28', 'ask')],
    // 2024 began on a Monday: both counts are the same week
    ['during the first week of 2024', MID_MARCH, range('2024-01-01', '2024-01-07', 'outside')],
    ['the first week of this year', '2026-01-20T15:00:00Z', range('2025-12-29', '2026-01-07', 'within')],
    ['the first week of the year', '2026-02-04T15:00:00Z', range('2025-12-29', '2026-01-07', 'ask')],
    ['the last week of last year', MID_MARCH, range('2025-12-22', '2025-12-31', 'outside')],
    ['the 60th week of 2015', MID_MARCH, NONE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('the Nth week of a month: days 7(N−1)+1 … 7N', () => {
  test.each<[string, string, Expect]>([
    ['the first week of October', '2026-10-25T15:00:00Z', range('2026-10-01', '2026-10-07', 'within')],
    ['the first week of October', '2026-11-05T15:00:00Z', range('2026-10-01', '2026-10-07', 'ask')],
    ['the second week of last month', MID_MARCH, range('2026-02-08', '2026-02-14', 'outside')],
    ['the last week of February', '2026-03-20T15:00:00Z', range('2026-02-22', '2026-02-28', 'within')],
    ['the 3rd week of January', '2026-02-10T15:00:00Z', range('2026-01-15', '2026-01-21', 'within')],
    // "week 3 of January" is the same week, not January 3 (which is 32 days back on Feb 4)
    ['I think it was week 3 of January', '2026-02-04T15:00:00Z', range('2026-01-15', '2026-01-21', 'within')],
    ['week 1 of last month', '2026-02-04T15:00:00Z', range('2026-01-01', '2026-01-07', 'ask')],
    ['week 2 in march 2025', MID_MARCH, range('2025-03-08', '2025-03-14', 'outside')],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

/**
 * "the week of <a day>" (weekOfADay.ts): the week that holds the day (ISO Monday … Sunday, or US
 * Sunday … Saturday) or the 7 days from it; the range covers all three.
 */
describe('the week of a day', () => {
  test.each<[string, string, Expect]>([
    // Friday Mar 20: Feb 16 alone is 32 days back (outside), but that week reaches Feb 22 (within)
    ['the week of Feb 16', '2026-03-20T15:00:00Z', range('2026-02-15', '2026-02-22', 'ask')],
    ['the week of 16 february', '2026-03-20T15:00:00Z', range('2026-02-15', '2026-02-22', 'ask')],
    ['the week of 2/16', '2026-03-20T15:00:00Z', range('2026-02-15', '2026-02-22', 'ask')],
    ['the week of March 2nd', '2026-03-20T15:00:00Z', range('2026-03-01', '2026-03-08', 'within')],
    ['bought it the week of feb 25', '2026-03-20T15:00:00Z', range('2026-02-22', '2026-03-03', 'within')],
    // a Sunday opens its US week and closes its ISO week
    ['the week of Feb 8', '2026-03-20T15:00:00Z', range('2026-02-02', '2026-02-14', 'outside')],
    // the running week is cut at today
    ['week of the 16th', '2026-03-20T15:00:00Z', range('2026-03-15', '2026-03-20', 'within')],
    ['the week of christmas', '2026-01-10T15:00:00Z', range('2025-12-21', '2025-12-31', 'within')],
    ['week of 3 days', MID_MARCH, NONE],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('bad input and spans of time that are no week numbers', () => {
  test.each<[string, Expect]>([
    ['week 60', NONE],
    ['week 0', NONE],
    // "week 2", "week 10" here are parts of a span of time, not week numbers
    ['1 week 2 days ago', day('2026-03-09', 'within')],
    ['a week 10 days ago', day('2026-03-01', 'within')],
    ['I check it every week 3 times', NONE],
    ['week 2 of use', NONE],
    ['week 1 it was fine', NONE],
    ['it was week 10', range('2026-03-02', '2026-03-08', 'within')],
  ])('%s', (text, expected) => expect(read(text, MID_MARCH)).toEqual(expected));
});

describe('isoWeekOfYear', () => {
  test.each<[number, number, [string, string] | null]>([
    [2015, 1, ['2014-12-29', '2015-01-04']],
    [2015, 53, ['2015-12-28', '2016-01-03']],
    [2016, 53, null],
    [2026, 10, ['2026-03-02', '2026-03-08']],
    [2026, 0, null],
  ])('%i week %i', (year, week, expected) => {
    const span = isoWeekOfYear(year, week);
    expect(span?.map((d) => d.toISOString().slice(0, 10)) ?? null).toEqual(expected);
  });
});
