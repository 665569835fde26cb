import { isoDay, localToday } from '../../src/domain/calendar';

describe('localToday: the calendar date of an instant in the customer timezone', () => {
  test.each([
    ['2025-05-07T19:46:00Z', 'Australia/Sydney', '2025-05-08'],
    ['2025-05-07T13:59:59Z', 'Australia/Sydney', '2025-05-07'],
    ['2025-05-07T14:00:00Z', 'Australia/Sydney', '2025-05-08'],
    // half- and three-quarter-hour offsets: the date changes mid-way through a UTC hour
    ['2026-03-02T18:29:00Z', 'Asia/Kolkata', '2026-03-02'],
    ['2026-03-02T18:30:00Z', 'Asia/Kolkata', '2026-03-03'],
    ['2026-03-02T18:14:00Z', 'Asia/Kathmandu', '2026-03-02'],
    ['2026-03-02T18:15:00Z', 'Asia/Kathmandu', '2026-03-03'],
    // around New York's spring-forward night and its midnight
    ['2026-03-08T04:59:00Z', 'America/New_York', '2026-03-07'],
    ['2026-03-08T05:00:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T03:59:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T04:00:00Z', 'America/New_York', '2026-03-09'],
    ['2026-03-02T04:59:00Z', '-05:00', '2026-03-01'],
    ['2026-03-02T05:00:00Z', '-05:00', '2026-03-02'],
    ['2026-12-31T23:59:59Z', 'UTC', '2026-12-31'],
    // UTC+14: still December 31 in UTC, already the new year in Kiritimati
    ['2026-12-31T09:59:00Z', 'Pacific/Kiritimati', '2026-12-31'],
    ['2026-12-31T10:00:00Z', 'Pacific/Kiritimati', '2027-01-01'],
  ])('%s in %s is %s', (instant, tz, day) => {
    expect(isoDay(localToday(new Date(instant), tz))).toBe(day);
    // asked again (now from what it remembers): the same answer
    expect(isoDay(localToday(new Date(instant), tz))).toBe(day);
  });

  test('the same minute and zone give equal days that callers cannot change for each other', () => {
    const now = new Date('2026-03-02T17:30:00Z');
    const first = localToday(now, 'America/Chicago');
    const second = localToday(now, 'America/Chicago');
    expect(second).not.toBe(first);
    first.setUTCDate(first.getUTCDate() + 5);
    expect(isoDay(localToday(now, 'America/Chicago'))).toBe('2026-03-02');
    expect(isoDay(second)).toBe('2026-03-02');
  });

  test('a minute later in another zone is computed, not taken from the cache', () => {
    expect(isoDay(localToday(new Date('2026-03-02T23:59:00Z'), 'UTC'))).toBe('2026-03-02');
    expect(isoDay(localToday(new Date('2026-03-03T00:00:00Z'), 'UTC'))).toBe('2026-03-03');
    expect(isoDay(localToday(new Date('2026-03-03T00:00:00Z'), 'Pacific/Honolulu'))).toBe('2026-03-02');
  });
});
