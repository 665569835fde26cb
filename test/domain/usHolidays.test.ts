import { isoDay } from '../../src/domain/calendar';
import { easterSunday, holidayInYear, holidayWeekend, orthodoxEasterSunday } from '../../src/domain/dates/usHolidays';

describe('holidayInYear: the US holidays by their rules', () => {
  test.each<[string, number, string]>([
    ['new years day', 2026, '2026-01-01'],
    ['mlk day', 2026, '2026-01-19'], // 3rd Monday of January
    ['mlk day', 2027, '2027-01-18'],
    ['presidents day', 2026, '2026-02-16'], // 3rd Monday of February
    ['st patricks day', 2026, '2026-03-17'],
    ['mothers day', 2026, '2026-05-10'], // 2nd Sunday of May
    ['mothers day', 2027, '2027-05-09'],
    ['memorial day', 2026, '2026-05-25'], // last Monday of May
    ['memorial day', 2027, '2027-05-31'], // May 31 itself
    ['fathers day', 2026, '2026-06-21'], // 3rd Sunday of June
    ['juneteenth', 2026, '2026-06-19'],
    ['independence day', 2026, '2026-07-04'],
    ['labor day', 2026, '2026-09-07'], // 1st Monday of September
    ['labor day', 2025, '2025-09-01'], // September 1 itself
    ['columbus day', 2026, '2026-10-12'], // 2nd Monday of October
    ['halloween', 2026, '2026-10-31'],
    ['veterans day', 2026, '2026-11-11'],
    ['thanksgiving', 2026, '2026-11-26'], // 4th Thursday of November
    ['thanksgiving', 2025, '2025-11-27'],
    ['black friday', 2026, '2026-11-27'],
    ['small business saturday', 2026, '2026-11-28'],
    ['cyber monday', 2026, '2026-11-30'],
    ['cyber monday', 2025, '2025-12-01'], // into December
    ['giving tuesday', 2026, '2026-12-01'],
    ['christmas', 2026, '2026-12-25'],
    ['new years eve', 2026, '2026-12-31'],
    ['good friday', 2026, '2026-04-03'],
    ['easter monday', 2026, '2026-04-06'],
    ['mardi gras', 2026, '2026-02-17'],
    ['ash wednesday', 2026, '2026-02-18'],
    ['palm sunday', 2026, '2026-03-29'],
    ['pentecost', 2026, '2026-05-24'],
    ['election day', 2026, '2026-11-03'], // the Tuesday after the first Monday
    ['election day', 2027, '2027-11-02'], // November 1 is a Monday
    ['grandparents day', 2026, '2026-09-13'], // the Sunday after Labor Day
    ['grandparents day', 2025, '2025-09-07'], // Labor Day on September 1
    ['bosses day', 2026, '2026-10-16'],
  ])('%s %i → %s', (name, year, expected) =>
    expect(isoDay(holidayInYear(name, year) as NonNullable<ReturnType<typeof holidayInYear>>)).toBe(expected),
  );

  test.each<[string, number]>([
    ['no such holiday', 2026],
    ['', 2026],
  ])('bad input: %j → null', (name, year) => expect(holidayInYear(name, year)).toBeNull());
});

describe('easterSunday: the Gregorian computus', () => {
  test.each<[number, string]>([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'], // the earliest possible date
  ])('%i → %s', (year, expected) => expect(isoDay(easterSunday(year))).toBe(expected));
});

describe('orthodoxEasterSunday: the Julian computus, as a Gregorian day', () => {
  test.each<[number, string]>([
    [2021, '2021-05-02'],
    [2023, '2023-04-16'],
    [2024, '2024-05-05'], // five weeks after Western Easter
    [2025, '2025-04-20'], // the same Sunday as Western Easter
    [2026, '2026-04-12'],
    [2027, '2027-05-02'],
  ])('%i → %s', (year, expected) => expect(isoDay(orthodoxEasterSunday(year))).toBe(expected));
  test('holidayInYear knows it by name', () =>
    expect(isoDay(holidayInYear('orthodox easter', 2024) as NonNullable<ReturnType<typeof holidayInYear>>)).toBe('2024-05-05'));
});

describe('holidayWeekend', () => {
  test.each<[string, number, [string, string] | null]>([
    ['memorial day', 2026, ['2026-05-23', '2026-05-25']],
    ['labor day', 2026, ['2026-09-05', '2026-09-07']],
    ['thanksgiving', 2026, ['2026-11-26', '2026-11-29']],
    ['easter', 2026, ['2026-04-03', '2026-04-06']],
    ['christmas', 2026, null], // no weekend of its own
    ['cyber monday', 2026, null], // a Monday, but no long weekend
    ['no such holiday', 2026, null],
  ])('%s %i → %j', (name, year, expected) => {
    const weekend = holidayWeekend(name, year);
    expect(weekend ? weekend.map((d) => isoDay(d)) : null).toEqual(expected);
  });
});
