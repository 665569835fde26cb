import { makeDay } from '../../src/domain/calendar';
import { normalizeDateText } from '../../src/domain/dates/normalizeText';
import { readPurchaseDate } from '../../src/domain/dates/readPurchaseDate';
import type { ReadContext } from '../../src/domain/dates/recognizers';
import { leapDayReading } from '../../src/domain/dates/recognizers/leapDay';

// Issue 16, item 3: the rules behind each family, edge cases first. eval/dates-families holds the
// cases in DATES.md's item format (test/domain/dateFamilies.test.ts runs them all).
const policy = { windowDays: 30 };
const read = (text: string, now: string, tz = 'America/New_York') => readPurchaseDate(text, new Date(now), tz, policy);
const day = (date: string, decision: string) => ({ kind: 'date', date, decision });
const range = (earliest: string, latest: string, decision: string) => ({ kind: 'range', earliest, latest, decision });
const either = (readings: string[], decision: string) => ({ kind: 'ambiguous', readings, decision });
const NONE = { kind: 'none', decision: 'ask' };

describe('Feb 29 (recognizers/leapDay.ts)', () => {
  const ctx = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return { today: makeDay(y, m, d), now: new Date(`${iso}T12:00:00Z`), tz: 'UTC' } as ReadContext;
  };
  const isoOf = (reading: ReturnType<typeof leapDayReading>) => JSON.parse(JSON.stringify(reading));

  test.each<[string, number | null, object | null]>([
    // the latest February had a 29th: that is the one
    ['2028-03-10', null, { kind: 'date', date: '2028-02-29T00:00:00.000Z' }],
    // otherwise the last one that existed, with Feb 28 and Mar 1 of the latest February beside it
    [
      '2026-03-15',
      null,
      {
        kind: 'ambiguous',
        readings: ['2024-02-29T00:00:00.000Z', '2026-02-28T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
        preferred: '2024-02-29T00:00:00.000Z',
      },
    ],
    // on Feb 28 Mar 1 has not come
    [
      '2026-02-28',
      null,
      { kind: 'ambiguous', readings: ['2024-02-29T00:00:00.000Z', '2026-02-28T00:00:00.000Z'], preferred: '2024-02-29T00:00:00.000Z' },
    ],
    // with a year that has no Feb 29: the end of that February
    ['2026-03-20', 2026, { kind: 'ambiguous', readings: ['2026-02-28T00:00:00.000Z', '2026-03-01T00:00:00.000Z'] }],
    ['2026-02-28', 2026, { kind: 'date', date: '2026-02-28T00:00:00.000Z' }],
    ['2026-02-20', 2026, { kind: 'future' }],
    ['2026-03-20', 2024, { kind: 'date', date: '2024-02-29T00:00:00.000Z' }],
    // 2100 is no leap year
    ['2100-03-05', 2100, { kind: 'ambiguous', readings: ['2100-02-28T00:00:00.000Z', '2100-03-01T00:00:00.000Z'] }],
  ])('on %s, year %s', (today, year, expected) => expect(isoOf(leapDayReading(ctx(today), year))).toEqual(expected));

  test.each<[string, string, object]>([
    // all readings decide the same: the last Feb 29 stands
    ['feb 29', '2026-06-15T15:00:00Z', day('2024-02-29', 'outside')],
    // they do not: ask, naming all three
    ['feb 29', '2026-03-15T15:00:00Z', either(['2024-02-29', '2026-02-28', '2026-03-01'], 'ask')],
    // timezone: 02:00 UTC on Mar 1 is still Feb 28 in Los Angeles
    ['2/29', '2026-03-01T02:00:00Z', either(['2024-02-29', '2026-02-28'], 'ask')],
    ['29.02.2028', '2028-03-31T15:00:00Z', day('2028-02-29', 'outside')],
    ['Feb 29th, 2030', '2026-03-15T15:00:00Z', { kind: 'future', decision: 'ask' }],
    // bad input: a February day that never exists is no date
    ['feb 30', '2026-03-15T15:00:00Z', NONE],
    ['31st of February', '2026-03-15T15:00:00Z', NONE],
    ['2/31/2026', '2026-03-15T15:00:00Z', NONE],
  ])('%s on %s', (text, now, expected) => expect(read(text, now, text === '2/29' ? 'America/Los_Angeles' : undefined)).toEqual(expected));
});

describe('a span up to today (recognizers/pastSpans.ts)', () => {
  test.each<[string, string, object]>([
    ['in the past 2 weeks', '2026-03-18T15:00:00Z', range('2026-03-04', '2026-03-18', 'within')],
    ['within the last 30 days', '2026-03-31T15:00:00Z', range('2026-03-01', '2026-03-31', 'within')],
    ['within the last 31 days', '2026-03-31T15:00:00Z', range('2026-02-28', '2026-03-31', 'ask')],
    // across New Year, and a DST change (Mar 8 2026 in New York): calendar days, not 24-hour steps
    ['in the past 10 days', '2026-01-05T15:00:00Z', range('2025-12-26', '2026-01-05', 'within')],
    ['the past 3 days', '2026-03-09T04:30:00Z', range('2026-03-06', '2026-03-09', 'within')],
    // 00:30 on Mar 9 (EDT): 24 hours back is 23:30 on Mar 7 (EST), since the clock skipped an hour
    ['in the last 24 hours', '2026-03-09T04:30:00Z', range('2026-03-07', '2026-03-09', 'within')],
    // "in the past month" is a month back from today, not the calendar month before
    ['in the past month', '2026-03-31T15:00:00Z', range('2026-02-28', '2026-03-31', 'ask')],
    ['past few weeks', '2026-03-18T15:00:00Z', range('2026-02-11', '2026-03-18', 'ask')],
    // "last week" and "last month" alone stay the calendar week and month
    ['last week', '2026-03-18T15:00:00Z', range('2026-03-09', '2026-03-15', 'within')],
    ['last month', '2026-03-18T15:00:00Z', range('2026-02-01', '2026-02-28', 'ask')],
    // "past 2 weeks ago" is no span up to today
    ['2 weeks ago', '2026-03-18T15:00:00Z', day('2026-03-04', 'within')],
    // bad input
    ['in the past 0 days', '2026-03-18T15:00:00Z', NONE],
    ['in the past', '2026-03-18T15:00:00Z', NONE],
    ['the past weeks', '2026-03-18T15:00:00Z', NONE],
  ])('%s on %s', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('a day of the month alone (recognizers/calendarDates.ts)', () => {
  test.each<[string, string, object]>([
    ['on the 27', '2026-03-26T15:00:00Z', day('2026-02-27', 'within')],
    ['the 27th', '2026-03-27T15:00:00Z', day('2026-03-27', 'within')],
    // months without the day are skipped
    ['the 31st', '2026-05-01T15:00:00Z', day('2026-03-31', 'outside')],
    ['the thirtieth', '2026-03-01T15:00:00Z', day('2026-01-30', 'within')],
    // year end, and a timezone where it is already the 1st
    ['on the 31', '2027-01-01T03:00:00Z', day('2026-12-31', 'within')],
    ['the 1st', '2026-12-31T15:00:00Z', day('2026-12-01', 'within')],
    ['bought it on 15', '2026-06-14T15:00:00Z', day('2026-05-15', 'within')],
    // numbers that count things are no day
    ['the 5 of us', '2026-03-18T15:00:00Z', NONE],
    ['paid the 20 and', '2026-03-18T15:00:00Z', day('2026-02-20', 'within')],
    // bad input
    ['the 32nd', '2026-03-18T15:00:00Z', NONE],
    ['on the 0', '2026-03-18T15:00:00Z', NONE],
  ])('%s on %s', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('number words for days (normalizeText.ts)', () => {
  test.each<[string, string]>([
    ['March twenty-first', 'march 21st'],
    ['january twenty fifth', 'january 25th'],
    ['the thirty-first of December', 'the 31st of december'],
    ['Friday the fifteen', 'friday the 15'],
    ['twenty one days ago', '21 days ago'],
    // a ten and an ordinal before "time" are no day: only the ten becomes a number, as before
    ['the twenty first time', 'the 20 first time'],
  ])('%s → %s', (text, expected) => expect(normalizeDateText(text)).toBe(expected));
});
