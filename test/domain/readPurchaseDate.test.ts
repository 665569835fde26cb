import { readPurchaseDate } from '../../src/domain/dates/readPurchaseDate';

const policy = { windowDays: 30 };
// Wednesday 2026-03-18, 11:00 in New York.
const NOW = new Date('2026-03-18T15:00:00Z');
const TZ = 'America/New_York';

type Expect = Record<string, unknown>;
const read = (text: string, now = NOW, tz = TZ) => readPurchaseDate(text, now, tz, policy);
const check = (text: string, expected: Expect, now = NOW, tz = TZ) => expect(read(text, now, tz)).toEqual(expected);
const day = (date: string, decision: string): Expect => ({ kind: 'date', date, decision });
const range = (earliest: string, latest: string, decision: string): Expect => ({ kind: 'range', earliest, latest, decision });
const either = (readings: string[], decision: string): Expect => ({ kind: 'ambiguous', readings, decision });
const NONE = { kind: 'none', decision: 'ask' };
/** An instant as New York's wall clock shows it, zone abbreviation included: checks a test's own instants. */
const nyTime = (instant: Date) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(instant);
const FUTURE = { kind: 'future', decision: 'ask' };

describe('relative days, weeks and months', () => {
  test.each<[string, Expect]>([
    ['3 days ago', day('2026-03-15', 'within')],
    ['three days back', day('2026-03-15', 'within')],
    ['I got it a fortnight ago', day('2026-03-04', 'within')],
    ['2 weeks ago', day('2026-03-04', 'within')],
    ['4 weeks and 2 days ago', day('2026-02-16', 'within')],
    ['thirty days ago', day('2026-02-16', 'within')],
    ['31 days ago', day('2026-02-15', 'outside')],
    ['like 30 days ago I think', day('2026-02-16', 'within')],
    ['a month ago', day('2026-02-18', 'within')],
    ['two months ago', day('2026-01-18', 'outside')],
    ['yesterday', day('2026-03-17', 'within')],
    ['the day before yesterday', day('2026-03-16', 'within')],
    ['this morning', day('2026-03-18', 'within')],
    ['last night', day('2026-03-17', 'within')],
  ])('%s', (text, expected) => check(text, expected));
});

describe('ranges and vague answers', () => {
  test.each<[string, Expect]>([
    ['about a month ago', range('2026-02-13', '2026-02-23', 'ask')],
    ['a month or so ago', range('2026-02-13', '2026-02-23', 'ask')],
    ['roughly a month back', range('2026-02-13', '2026-02-23', 'ask')],
    ['about 2 months ago', range('2026-01-13', '2026-01-23', 'outside')],
    ['2 or 3 weeks ago', range('2026-02-25', '2026-03-04', 'within')],
    ['two-three weeks ago', range('2026-02-25', '2026-03-04', 'within')],
    ['last week', range('2026-03-09', '2026-03-15', 'within')],
    ['sometime this week', range('2026-03-16', '2026-03-18', 'within')],
    ['last month', range('2026-02-01', '2026-02-28', 'ask')],
    ['early last month', range('2026-02-01', '2026-02-10', 'outside')],
    ['the end of last month', range('2026-02-21', '2026-02-28', 'within')],
    ['late February', range('2026-02-21', '2026-02-28', 'within')],
    ['mid february', range('2026-02-11', '2026-02-20', 'ask')],
    ['beginning of March', range('2026-03-01', '2026-03-10', 'within')],
    ['earlier this month', range('2026-03-01', '2026-03-17', 'within')],
    ['sometime in February', range('2026-02-01', '2026-02-28', 'ask')],
    ['back in January', range('2026-01-01', '2026-01-31', 'outside')],
    ['over the weekend', range('2026-03-14', '2026-03-15', 'within')],
    ['between the 2nd and the 6th', range('2026-03-02', '2026-03-06', 'within')],
    ['between Feb 10 and Feb 20', range('2026-02-10', '2026-02-20', 'ask')],
    ['the second week of february', range('2026-02-08', '2026-02-14', 'outside')],
    ['the weekend before last', range('2026-03-07', '2026-03-08', 'within')],
    ['on the 5th of last month', day('2026-02-05', 'outside')],
    ['three and a half weeks ago', range('2026-02-20', '2026-02-24', 'within')],
    ['in 2025', range('2025-01-01', '2025-12-31', 'outside')],
    ['a little over 2 weeks ago', range('2026-02-27', '2026-03-03', 'within')],
    ['over a month ago', range('2026-01-18', '2026-02-17', 'ask')],
    ['almost 3 weeks ago', range('2026-02-26', '2026-02-28', 'within')],
  ])('%s', (text, expected) => check(text, expected));
});

describe('weekdays', () => {
  test.each<[string, Expect]>([
    ['last Friday', day('2026-03-13', 'within')],
    ['this past friday', day('2026-03-13', 'within')],
    // Tuesday is yesterday: people split between yesterday and the week before
    ['last Tuesday', either(['2026-03-10', '2026-03-17'], 'within')],
    ['on Monday', day('2026-03-16', 'within')],
    ['Friday', day('2026-03-13', 'within')],
    ['this Monday', day('2026-03-16', 'within')],
    ['Friday last week', day('2026-03-13', 'within')],
    ['last week on thursday', day('2026-03-12', 'within')],
    ['the Friday before last', day('2026-03-06', 'within')],
    ['the first Monday of last month', day('2026-02-02', 'outside')],
    ['the last Friday of February', day('2026-02-27', 'within')],
    ['next Friday', FUTURE],
  ])('%s', (text, expected) => check(text, expected));
});

describe('calendar dates', () => {
  test.each<[string, Expect]>([
    ['March 3', day('2026-03-03', 'within')],
    ['the 3rd of March', day('2026-03-03', 'within')],
    ['Bought on the 2nd of March, 2026', day('2026-03-02', 'within')],
    ['Dec 20', day('2025-12-20', 'outside')],
    ['3/3', day('2026-03-03', 'within')],
    ['02/03', either(['2026-02-03', '2026-03-02'], 'ask')],
    ['purchased 3/1', either(['2026-01-03', '2026-03-01'], 'ask')],
    ['1/2/26', either(['2026-01-02', '2026-02-01'], 'outside')],
    // the other reading is in the future, so only March 4 can be meant
    ['03/04/2026', { ...either(['2026-03-04', '2026-04-03'], 'within'), date: '2026-03-04' }],
    ['2/25/2026', day('2026-02-25', 'within')],
    ['25/2/2026', day('2026-02-25', 'within')],
    ['15.02.2026', day('2026-02-15', 'outside')],
    ['2026-02-16', day('2026-02-16', 'within')],
    ['on the 16th', day('2026-03-16', 'within')],
    ['on the 20th', day('2026-02-20', 'within')],
    ['the 31st', day('2026-01-31', 'outside')],
    ['I got it at Costco on March 1st for $299', day('2026-03-01', 'within')],
    ['Saturday, February 14, 2026', day('2026-02-14', 'outside')],
    ['March 3 2027', FUTURE],
    ['tomorrow', FUTURE],
    ['next week', FUTURE],
    ['in 2 days', FUTURE],
  ])('%s', (text, expected) => check(text, expected));
});

describe('holidays', () => {
  test.each<[string, Expect]>([
    ['Christmas', day('2025-12-25', 'outside')],
    ["on Valentine's day", day('2026-02-14', 'outside')],
    ['Black Friday', day('2025-11-28', 'outside')],
    ['new years eve', day('2025-12-31', 'outside')],
  ])('%s', (text, expected) => check(text, expected));
});

describe('typos, corrections and several dates', () => {
  test.each<[string, Expect]>([
    ['yesterdy', day('2026-03-17', 'within')],
    ['febuary 20', day('2026-02-20', 'within')],
    ['lst friday', day('2026-03-13', 'within')],
    ['3 wekks ago', day('2026-02-25', 'within')],
    ['12 dyas ago', day('2026-03-06', 'within')],
    ['the 5th, no wait, the 7th', day('2026-03-07', 'within')],
    ['10 days ago, sorry, 12', day('2026-03-06', 'within')],
    ['Feb 10... actually no, Feb 20', day('2026-02-20', 'within')],
    ['ordered it on the 2nd, it arrived on the 6th', day('2026-03-02', 'within')],
    ['It was delivered March 10 but I ordered it Feb 10', day('2026-02-10', 'outside')],
    ['it broke yesterday', NONE],
    ['got it delivered on the 5th, ordered it on the 1st', day('2026-03-01', 'within')],
    ['two wks ago', day('2026-03-04', 'within')],
    // typos in the holidays' and the ordinals' words; a ten glued to its ordinal
    ['presidnets day', day('2026-02-16', 'within')],
    ['the twentyseventh of february', day('2026-02-27', 'within')],
    ['the thirtyeth', day('2026-01-30', 'outside')],
    ['on the fiftenth', day('2026-03-15', 'within')],
    // number words and everyday words one slip from an ordinal stay as they are
    ['fifty dollars, on the 2nd', day('2026-03-02', 'within')],
    ['at 3pm eastern, the 2nd', day('2026-03-02', 'within')],
    ['10 days prior', day('2026-03-08', 'within')],
    ['i think febuary 20 or 21', either(['2026-02-20', '2026-02-21'], 'within')],
    ['March the 2nd', day('2026-03-02', 'within')],
    ['March, the 2nd', day('2026-03-02', 'within')],
    ['Bought it on the tenth', day('2026-03-10', 'within')],
    ["It's been 3 weeks", day('2026-02-25', 'within')],
    ['four weeks ago today', day('2026-02-18', 'within')],
  ])('%s', (text, expected) => check(text, expected));
});

describe('numbers that are not dates, and no date at all', () => {
  test.each<string>([
    'order #20260301',
    'I paid $45.99',
    'I have 3 cameras',
    'at 3pm',
    'call me at 555-123-4567',
    'the model is QT5680-8',
    'receipt number 12/2231',
    'not sure',
    'a while ago',
    'it was a gift',
    'Feb 30',
    'the 31st of February',
    'the first time I used it',
    // an ordinal that names a place
    'it cost $129 at the store on 5th street',
    'the Best Buy on 3rd Ave.',
    'their office on the 2nd floor',
  ])('%s', (text) => check(text, NONE));

  test('a place beside the purchase date is not a second date', () => {
    check('bought it on the 12th at the shop on 5th avenue', day('2026-03-12', 'within'));
  });
});

describe('other languages (stretch)', () => {
  test.each<[string, Expect]>([
    ['hace dos semanas', day('2026-03-04', 'within')],
    ['il y a 3 jours', day('2026-03-15', 'within')],
    ['vor 2 Wochen', day('2026-03-04', 'within')],
    ['gestern', day('2026-03-17', 'within')],
    ['le 2 mars', day('2026-03-02', 'within')],
    ['la semana pasada', range('2026-03-09', '2026-03-15', 'within')],
    ['lundi dernier', day('2026-03-16', 'within')],
    ['letzten Montag', day('2026-03-16', 'within')],
    ['hace una semana', day('2026-03-11', 'within')],
  ])('%s', (text, expected) => check(text, expected));
});

describe('edge cases: timezone, DST and the window boundary', () => {
  test('the customer’s date, not the UTC date, is today', () => {
    // 20:00 on March 17 in Los Angeles, already March 18 in UTC
    check('yesterday', day('2026-03-16', 'within'), new Date('2026-03-18T03:00:00Z'), 'America/Los_Angeles');
    // 01:00 on March 19 in Tokyo
    check('today', day('2026-03-19', 'within'), new Date('2026-03-18T16:00:00Z'), 'Asia/Tokyo');
  });
  test('a DST change day counts calendar days, not 24-hour blocks', () => {
    // 23:30 on Sunday March 8 2026 in Los Angeles, the day clocks went forward
    const now = new Date('2026-03-09T06:30:00Z');
    check('yesterday', day('2026-03-07', 'within'), now, 'America/Los_Angeles');
    check('30 days ago', day('2026-02-06', 'within'), now, 'America/Los_Angeles');
    // 00:30 on Monday March 9: 24 hours back is 23:30 on March 7, since March 8 lasted 23 hours
    check('1 day ago', day('2026-03-08', 'within'), new Date('2026-03-09T07:30:00Z'), 'America/Los_Angeles');
  });
  test('the day clocks go back counts as one calendar day, though it lasts 25 hours', () => {
    // New York goes back at 02:00 EDT on Sunday November 1 2026 (06:00 UTC)
    const repeatedHour = new Date('2026-11-01T06:30:00Z'); // 01:30 EST, the second 01:30 of the night
    const lateThatDay = new Date('2026-11-02T04:30:00Z'); // 23:30 EST, 24 hours after 00:30 EDT that day
    expect(nyTime(repeatedHour)).toBe('11/01/2026, 01:30 EST');
    expect(nyTime(lateThatDay)).toBe('11/01/2026, 23:30 EST');
    check('1 day ago', day('2026-10-31', 'within'), repeatedHour, TZ);
    // 24 hours back would still be November 1; the calendar says October 31
    check('1 day ago', day('2026-10-31', 'within'), lateThatDay, TZ);
    check('yesterday', day('2026-10-31', 'within'), lateThatDay, TZ);
  });
  test.each<[number, string]>([
    [29, 'within'],
    [30, 'within'],
    [31, 'outside'],
    [32, 'outside'],
  ])('%i days ago is %s', (n, decision) => {
    expect(read(`${n} days ago`).decision).toBe(decision);
  });
  test('a month ago on March 31 is the last day of February (31 days), also in a leap year', () => {
    check('a month ago', day('2026-02-28', 'outside'), new Date('2026-03-31T15:00:00Z'));
    check('a month ago', day('2028-02-29', 'outside'), new Date('2028-03-31T15:00:00Z'));
    check('a month ago', day('2026-01-28', 'outside'), new Date('2026-02-28T15:00:00Z'));
  });
  test('a day without a year that crosses New Year is last December', () => {
    check('Dec 28', day('2025-12-28', 'within'), new Date('2026-01-05T15:00:00Z'));
  });
});

describe('bad input never throws and never decides', () => {
  test.each<[string, unknown]>([
    ['empty', ''],
    ['spaces', '   '],
    ['10 000 characters', 'x'.repeat(10_000)],
    ['long text of numbers', '12 '.repeat(5_000)],
    ['emoji', '📷💥🤷‍♀️'],
    ['html', '<script>alert(1)</script>'],
    ['control characters', '\u0000\u0007\u001b[31m'],
    ['not a string', { text: 'yesterday' }],
    ['undefined', undefined],
  ])('%s', (_name, input) => {
    expect(readPurchaseDate(input, NOW, TZ, policy)).toEqual(NONE);
  });
  test('an unknown timezone or an invalid clock reads nothing', () => {
    expect(readPurchaseDate('yesterday', NOW, 'Mars/Olympus', policy)).toEqual(NONE);
    expect(readPurchaseDate('yesterday', new Date('nope'), TZ, policy)).toEqual(NONE);
  });
  test('a date hidden in a long chatty message is still found', () => {
    const text = `${'blah '.repeat(50)} I bought it 3 days ago ${'blah '.repeat(50)}`;
    expect(read(text)).toEqual(day('2026-03-15', 'within'));
  });
});
