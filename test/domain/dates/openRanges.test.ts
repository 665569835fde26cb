import { day, type Expect, MID_MARCH, NONE, range, read } from './readAt';

/**
 * Open ranges up to today (openRanges.ts): a start and "now" make a range from the start to today;
 * "since <a period or a day>" too (it decides like the day when the day is within, asks when not).
 */
describe('from a start to now', () => {
  test.each<[string, string, Expect]>([
    ['between January 22 and now', '2026-02-10T15:00:00Z', range('2026-01-22', '2026-02-10', 'within')],
    // January 22 alone would be outside: the range holds days within, so ask
    ['between January 22 and now', '2026-03-05T15:00:00Z', range('2026-01-22', '2026-03-05', 'ask')],
    ['from March to date', '2026-04-10T15:00:00Z', range('2026-03-01', '2026-04-10', 'ask')],
    ['from March until today', '2026-03-25T15:00:00Z', range('2026-03-01', '2026-03-25', 'within')],
    ['from Nov 1 till now', '2026-12-05T15:00:00Z', range('2026-11-01', '2026-12-05', 'ask')],
    ['from Nov 5 till now', '2026-12-05T15:00:00Z', range('2026-11-05', '2026-12-05', 'within')],
    ['between the 2nd and now', MID_MARCH, range('2026-03-02', '2026-03-18', 'within')],
    ['from last week until now', MID_MARCH, range('2026-03-09', '2026-03-18', 'within')],
    ['from the 10th of last month until today', '2026-03-05T15:00:00Z', range('2026-02-10', '2026-03-05', 'within')],
    ['from 2/14 to now', '2026-03-05T15:00:00Z', range('2026-02-14', '2026-03-05', 'within')],
    ['from 3/2025 to now', MID_MARCH, range('2025-03-01', '2026-03-18', 'ask')],
    // across New Year
    ['between Dec 20 and today', '2026-01-10T15:00:00Z', range('2025-12-20', '2026-01-10', 'within')],
    ['between Dec 5 and today', '2026-01-10T15:00:00Z', range('2025-12-05', '2026-01-10', 'ask')],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('since a period or a day: up to today', () => {
  test.each<[string, string, Expect]>([
    ["I've had it since August", '2026-09-20T15:00:00Z', range('2026-08-01', '2026-09-20', 'ask')],
    ['since August', '2026-08-25T15:00:00Z', range('2026-08-01', '2026-08-25', 'within')],
    ['since last week', MID_MARCH, range('2026-03-09', '2026-03-18', 'within')],
    ["we've had it since last month", '2026-03-05T15:00:00Z', range('2026-02-01', '2026-03-05', 'ask')],
    ['since last year', MID_MARCH, range('2025-01-01', '2026-03-18', 'ask')],
    ['since early October', '2026-10-25T15:00:00Z', range('2026-10-01', '2026-10-25', 'within')],
    // Feb 1 is 29 days before Mar 2, 32 before Mar 5
    ['since the start of February', '2026-03-02T15:00:00Z', range('2026-02-01', '2026-03-02', 'within')],
    ['since the start of February', '2026-03-05T15:00:00Z', range('2026-02-01', '2026-03-05', 'ask')],
    ['since september 2025', '2026-01-10T15:00:00Z', range('2025-09-01', '2026-01-10', 'ask')],
    ['since the beginning of the year', '2026-01-20T15:00:00Z', range('2026-01-01', '2026-01-20', 'within')],
    ['since the start of the month', MID_MARCH, range('2026-03-01', '2026-03-18', 'within')],
    ['between march and now', '2026-04-10T15:00:00Z', range('2026-03-01', '2026-04-10', 'ask')],
    ['I bought it from March till date', '2026-03-25T15:00:00Z', range('2026-03-01', '2026-03-25', 'within')],
    // a day too: within when the day is, ask (not outside) when it is not
    ['since the 3rd', MID_MARCH, range('2026-03-03', '2026-03-18', 'within')],
    ["I've had it since March 3", '2026-03-20T15:00:00Z', range('2026-03-03', '2026-03-20', 'within')],
    ["I've had it since March 3", '2026-04-10T15:00:00Z', range('2026-03-03', '2026-04-10', 'ask')],
    ['since Christmas', '2026-01-10T15:00:00Z', range('2025-12-25', '2026-01-10', 'within')],
    ['since Christmas', '2026-02-10T15:00:00Z', range('2025-12-25', '2026-02-10', 'ask')],
    ['since 3 days ago', MID_MARCH, range('2026-03-15', '2026-03-18', 'within')],
    ['since yesterday', MID_MARCH, range('2026-03-17', '2026-03-18', 'within')],
    // "since" as "because" or "after that" opens nothing
    ['bought it on the 3rd, since then it keeps beeping', MID_MARCH, day('2026-03-03', 'within')],
  ])('%s (now %s)', (text, now, expected) => expect(read(text, now)).toEqual(expected));
});

describe('timezone and bad input', () => {
  test.each<[string, string, string, Expect]>([
    // 16:00 UTC Dec 20 is Dec 21 in Tokyo: the range ends on the local today
    ['since December', '2025-12-20T16:00:00Z', 'Asia/Tokyo', range('2025-12-01', '2025-12-21', 'within')],
    ['since December', '2025-12-20T16:00:00Z', 'America/New_York', range('2025-12-01', '2025-12-20', 'within')],
    ['since forever', MID_MARCH, 'America/New_York', NONE],
    ['ever since', MID_MARCH, 'America/New_York', NONE],
    // no end, no "since": "from" alone opens nothing
    ['bought it from Amazon in March', MID_MARCH, 'America/New_York', range('2026-03-01', '2026-03-18', 'within')],
    // an end in the future is no open range
    ['from next week until now', MID_MARCH, 'America/New_York', { kind: 'future', decision: 'ask' }],
  ])('%s (now %s, %s)', (text, now, tz, expected) => expect(read(text, now, tz)).toEqual(expected));
});
