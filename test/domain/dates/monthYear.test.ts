import { day, type Expect, either, FUTURE, MID_MARCH, NONE, range, read } from './readAt';

/** A month in numbers with its year (recognizers/monthYear.ts): the whole month; the numeric dates stay as they were. */
describe('month and year in numbers', () => {
  test.each<[string, string, Expect]>([
    ['3/2015', MID_MARCH, range('2015-03-01', '2015-03-31', 'outside')],
    ['03/2015', MID_MARCH, range('2015-03-01', '2015-03-31', 'outside')],
    ['2015-3', MID_MARCH, range('2015-03-01', '2015-03-31', 'outside')],
    ['2015-03', MID_MARCH, range('2015-03-01', '2015-03-31', 'outside')],
    ['2015/03', MID_MARCH, range('2015-03-01', '2015-03-31', 'outside')],
    ['12-2015', MID_MARCH, range('2015-12-01', '2015-12-31', 'outside')],
    ['2015.3', MID_MARCH, range('2015-03-01', '2015-03-31', 'outside')],
    ['3.2015', MID_MARCH, range('2015-03-01', '2015-03-31', 'outside')],
    ['bought it 2/2026', MID_MARCH, range('2026-02-01', '2026-02-28', 'ask')],
    ['01/2026', MID_MARCH, range('2026-01-01', '2026-01-31', 'outside')],
    // this month: cut at today; a month not begun: future
    ['2026-03', MID_MARCH, range('2026-03-01', '2026-03-18', 'within')],
    ['11/2026', MID_MARCH, FUTURE],
    // year end
    ['in 12/2025', '2026-01-20T15:00:00Z', range('2025-12-01', '2025-12-31', 'ask')],
    ['2025/12', '2025-12-20T15:00:00Z', range('2025-12-01', '2025-12-20', 'within')],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('numeric dates and numbers that are no month', () => {
  test.each<[string, string, Expect]>([
    ['3/15', MID_MARCH, day('2026-03-15', 'within')],
    ['15/3', MID_MARCH, day('2026-03-15', 'within')],
    ['3/4/2026', '2026-04-20T15:00:00Z', either(['2026-03-04', '2026-04-03'], 'ask')],
    ['2026-03-04', MID_MARCH, day('2026-03-04', 'within')],
    ['03.04.2026', '2026-04-20T15:00:00Z', day('2026-04-03', 'within')],
    ['2026/3/4', MID_MARCH, day('2026-03-04', 'within')],
    ['13/2015', MID_MARCH, NONE],
    ['0/2015', MID_MARCH, NONE],
    ['order 12-2015', MID_MARCH, NONE],
    ['I paid 2015.50', MID_MARCH, NONE],
    ['for 2015.12', MID_MARCH, NONE],
    ['$2015.12', MID_MARCH, NONE],
    // "3/4" is a date (both readings); "2015" beside it is a stray year, so the reader asks
    ['3/4 of 2015', MID_MARCH, either(['2025-04-03', '2026-03-04'], 'ask')],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('timezone', () => {
  test.each<[string, string, string, Expect]>([
    // 06:00 UTC Jan 31 is Jan 30 in Los Angeles: January is cut there
    ['purchased 1/2026', '2026-01-31T06:00:00Z', 'America/Los_Angeles', range('2026-01-01', '2026-01-30', 'within')],
    // 06:00 UTC Feb 1 is still Jan 31 in Los Angeles (Jan 1 is 30 days back), Feb 1 in London (31)
    ['purchased 1/2026', '2026-02-01T06:00:00Z', 'America/Los_Angeles', range('2026-01-01', '2026-01-31', 'within')],
    ['purchased 1/2026', '2026-02-01T06:00:00Z', 'Europe/London', range('2026-01-01', '2026-01-31', 'ask')],
    // 03:00 UTC Nov 5 is already 14:00 in Sydney: Oct 6 is 30 days back
    ['in 10/2025', '2025-11-05T03:00:00Z', 'Australia/Sydney', range('2025-10-01', '2025-10-31', 'ask')],
  ])('%s (now %s, %s)', (text, now, tz, expected) => expect(read(text, now, tz)).toEqual(expected));
});
