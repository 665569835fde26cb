import { isSupportHours, isWithinSupportHours } from '../../src/domain/supportHours';

describe('support hours', () => {
  test.each<[string, string, string, boolean]>([
    ['Mon-Fri 08:00-18:00', '2026-03-02T17:00:00Z', 'America/New_York', true], // Monday 12:00
    ['Mon-Fri 08:00-18:00', '2026-03-02T12:59:00Z', 'America/New_York', false], // Monday 07:59
    ['Mon-Fri 08:00-18:00', '2026-03-02T23:00:00Z', 'America/New_York', false], // Monday 18:00, end exclusive
    ['Mon-Fri 08:00-18:00', '2026-03-07T17:00:00Z', 'America/New_York', false], // Saturday
    // Sunday 2026-03-08 is a DST change day in New York: 17:59Z is 13:59 EDT, 18:00Z is 14:00 EDT
    ['Sat-Sun 10:00-14:00', '2026-03-08T17:59:00Z', 'America/New_York', true],
    ['Sat-Sun 10:00-14:00', '2026-03-08T18:00:00Z', 'America/New_York', false],
    ['Fri-Mon 00:00-24:00', '2026-03-09T12:00:00Z', 'UTC', true], // wraps past Sunday
    ['Tue 09:00-10:00', '2026-03-03T09:30:00Z', 'UTC', true],
  ])('%s at %s in %s', (spec, now, tz, expected) => {
    expect(isWithinSupportHours(spec, new Date(now), tz)).toBe(expected);
  });

  test.each(['Mon-Fri 08:00-18:00', 'sat 10:00-14:00'])('"%s" is a valid setting', (spec) => expect(isSupportHours(spec)).toBe(true));
  test.each(['weekdays', 'Mon-Fri 8-18', 'Mon-Fri 25:00-26:00', ''])('"%s" is not', (spec) => expect(isSupportHours(spec)).toBe(false));
});
