import { makeDay } from '../../src/domain/calendar';
import { readPurchaseDate } from '../../src/domain/dates/readPurchaseDate';
import { mostRecentWeekdayOnDay, nearestWeekday } from '../../src/domain/dates/weekdayBesideDate';

const policy = { windowDays: 30 };
const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return makeDay(y, m, d) as NonNullable<ReturnType<typeof makeDay>>;
};
const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const MON = 1;
const FRI = 5;
const SAT = 6;
const SUN = 7;

describe('nearestWeekday: the weekday reading of a date with a month', () => {
  test.each<[string, string, number, string, string | null]>([
    ['3 days after', '2026-03-03', FRI, '2026-04-01', '2026-03-06'],
    ['3 days before', '2026-03-03', SAT, '2026-04-01', '2026-02-28'],
    ['1 day before', '2026-01-06', MON, '2026-02-01', '2026-01-05'],
    ['across New Year', '2026-12-30', FRI, '2027-01-20', '2027-01-01'],
    ['the nearest is after today: the one before the date', '2026-03-03', FRI, '2026-03-04', '2026-02-27'],
    ['the date itself is today', '2026-03-04', SUN, '2026-03-04', '2026-03-01'],
    // edge cases
    ['nothing before today', '2026-03-04', FRI, '2026-02-20', null],
  ])('%s: %s as a weekday %i on %s → %s', (_why, date, weekday, today, expected) =>
    expect(iso(nearestWeekday(day(date), weekday, day(today)))).toBe(expected),
  );
});

describe('mostRecentWeekdayOnDay: the weekday reading of a day of the month alone', () => {
  test.each<[number, number, string, string | null]>([
    [13, MON, '2026-05-20', '2026-04-13'],
    [13, FRI, '2026-03-13', '2026-03-13'], // today counts
    [13, FRI, '2026-03-12', '2026-02-13'],
    [31, MON, '2026-12-20', '2026-08-31'],
    [29, SUN, '2026-03-01', '2025-06-29'], // February 2026 has no 29th
    // edge cases: no such day
    [32, MON, '2026-03-18', null],
    [0, MON, '2026-03-18', null],
  ])('the %i as weekday %i on %s → %s', (dayOfMonth, weekday, today, expected) =>
    expect(iso(mostRecentWeekdayOnDay(day(today), dayOfMonth, weekday))).toBe(expected),
  );
});

describe('readPurchaseDate: a weekday that disagrees with its date is a second reading', () => {
  const read = (text: string, now: string, tz = 'America/New_York') => readPurchaseDate(text, new Date(now), tz, policy);

  test.each<[string, string, Record<string, unknown>]>([
    // the readings fall on both sides of the window: ask, and say which is which
    [
      'Mon 13th',
      '2026-05-20T15:00:00Z',
      {
        kind: 'ambiguous',
        readings: ['2026-04-13', '2026-05-13'],
        weekdayConflict: { written: '2026-05-13', byWeekday: '2026-04-13' },
        decision: 'ask',
      },
    ],
    [
      // no year written: also March 3 of the latest year it was a Friday (2023), as read off an old receipt
      'Friday, March 3',
      '2026-04-03T15:00:00Z',
      {
        kind: 'ambiguous',
        readings: ['2023-03-03', '2026-03-03', '2026-03-06'],
        weekdayConflict: { written: '2026-03-03', byWeekday: '2026-03-06', byYear: '2023-03-03' },
        decision: 'ask',
      },
    ],
    // both readings decide the same: the decision stands and both are kept
    ['Friday, March 3, 2026', '2026-03-25T15:00:00Z', { kind: 'ambiguous', readings: ['2026-03-03', '2026-03-06'], decision: 'within' }],
    // without the year, the year-earlier reading decides differently: asked
    [
      'Friday, March 3',
      '2026-03-25T15:00:00Z',
      { kind: 'ambiguous', readings: ['2023-03-03', '2026-03-03', '2026-03-06'], decision: 'ask' },
    ],
    ['Tuesday the 31st', '2026-12-20T15:00:00Z', { kind: 'ambiguous', readings: ['2026-03-31', '2026-10-31'], decision: 'outside' }],
    // the weekday agrees: it confirms
    ['Friday the 13th', '2026-03-20T15:00:00Z', { kind: 'date', date: '2026-03-13', decision: 'within' }],
    ['Tuesday, March 3, 2026', '2026-03-20T15:00:00Z', { kind: 'date', date: '2026-03-03', decision: 'within' }],
    // timezone: in Tokyo it is already March 4, so Friday March 6 is still ahead and Friday Feb 27 is meant
    [
      'Friday, March 3, 2026 @Tokyo',
      '2026-03-03T16:00:00Z',
      { kind: 'ambiguous', readings: ['2026-02-27', '2026-03-03'], decision: 'within' },
    ],
    // "sat" and "sun" are weekdays beside a date, and a dot may follow a short weekday
    ['on sat the 16th', '2026-05-20T15:00:00Z', { kind: 'date', date: '2026-05-16', decision: 'within' }],
    ['Tues. the 5th', '2026-05-20T15:00:00Z', { kind: 'date', date: '2026-05-05', decision: 'within' }],
    ['Friday 15', '2026-05-20T15:00:00Z', { kind: 'date', date: '2026-05-15', decision: 'within' }],
    ['the 15th (friday)', '2026-05-20T15:00:00Z', { kind: 'date', date: '2026-05-15', decision: 'within' }],
    // bad input: nothing to read a second reading from, so fail closed
    ['Friday, March 3, 2030', '2026-03-20T15:00:00Z', { kind: 'future', decision: 'ask' }],
    ['Monday in January', '2026-03-20T15:00:00Z', { decision: 'ask' }],
    ['Monday the 45th', '2026-03-20T15:00:00Z', { kind: 'none', decision: 'ask' }],
  ])('%s on %s', (text, now, expected) => {
    const [answer, place] = text.split(' @');
    expect(read(answer, now, place ? `Asia/${place}` : 'America/New_York')).toMatchObject(expected);
  });
});
