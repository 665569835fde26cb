import fc from 'fast-check';
import { normalizeDateText } from '../../src/domain/dates/normalizeText';
import { findMentions, readPurchaseDate } from '../../src/domain/dates/readPurchaseDate';
import type { ReadContext } from '../../src/domain/dates/recognizers';
import { FUZZ_SEED, runsOf } from '../helpers/seededFuzz';

/**
 * The date reader fails closed: an answer that decides, plus one stray date-like token the
 * reading does not use, never decides. Stray tokens the reading does use ("3 days ago" + "2026"
 * can make a new date) are allowed to decide, but then the reading must have changed: a decision
 * on the very reading the answer gave without the token would have ignored it.
 */
const policy = { windowDays: 30 };
// Wednesday 2026-03-18, 11:00 in New York.
const NOW = new Date('2026-03-18T15:00:00Z');
const TZ = 'America/New_York';
const read = (text: string) => readPurchaseDate(text, NOW, TZ, policy);

/**
 * Answers that decide on their own (checked below), in the shapes the labelling conventions describe.
 * No answer with a delivery clause: a token put there is read as another delivery day, set aside on purpose.
 */
const DECIDING_ANSWERS = [
  '3 days ago',
  'I bought it yesterday',
  'two weeks ago',
  'a fortnight ago',
  '31 days ago',
  'forty days ago',
  'we got it 10 days back',
  'a month ago',
  'two months ago',
  '4 weeks and 2 days ago',
  "I've had it for 3 weeks",
  'about 2 months ago',
  'the day before yesterday',
  'this morning',
  'last night',
  'last Friday',
  'on Monday',
  'Friday last week',
  'the Friday before last',
  'the first Monday of last month',
  'March 3',
  'the 3rd of March',
  'Dec 20',
  'bought it on 2/25/2026',
  '15.02.2026',
  '2026-02-16',
  'on the 16th',
  'we picked it up on Feb 25',
  'I got it at Costco on March 1st for $299',
  'Christmas',
  "on Valentine's day",
  'new years eve',
  'last week',
  'earlier this week',
  'over the weekend',
  'back in January',
  'in 2025',
  'early last month',
  'late February',
  'between the 2nd and the 6th',
  // years in any position, open ranges, weeks, month-year, bare months, compact dates (issue 16 items 3-4)
  'Sep 23rd of 2020',
  '2020 Sep 23',
  'October of 2019',
  'two thousand and eighteen',
  'between the 2nd and now',
  'from March 3 until today',
  'week 10',
  'the 10th week of 2015',
  'the last week of 2016',
  '3/2015',
  '2015-03',
  'last March',
  'this past December',
  'on 20260305',
  '2016 10 16',
  'the week of March 2nd',
  'the first of the year',
  'late 2025',
  'the third quarter of last year',
  'march 3 last year',
  'last summer',
  // issue 16, item 3: day alone, number words, past N weeks, Feb 29, holidays; item 2: a weekday beside its date
  'on the 27',
  'the twenty-seventh',
  'November fifteen',
  'in the past 2 weeks',
  'within the last 3 days',
  'February 29, 2024',
  'Memorial Day',
  'the day after Labor Day',
  'MLK day',
  'Friday the 13th',
  'Monday, March 16',
];

/**
 * Stray date-like tokens: a number, a day number, a year, a month or weekday name, an ordinal, and
 * the units and relative words that move or widen a day ("the week before", "the year before").
 */
const strayToken = fc.oneof(
  fc.integer({ min: 1, max: 99 }).map(String),
  fc
    .integer({ min: 1, max: 31 })
    .map((n) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`),
  fc.integer({ min: 2019, max: 2028 }).map(String),
  fc.constantFrom('january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'),
  fc.constantFrom('feb', 'apr', 'aug', 'oct', 'nov', 'dec', 'jan', 'sept'),
  fc.constantFrom('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'thu', 'fri'),
  fc.constantFrom('first', 'second', 'third', 'tenth', 'twelfth', 'twentieth', 'thirtieth'),
  fc.constantFrom('twenty', 'thirty'),
  fc.constantFrom('week', 'weeks', 'month', 'months', 'year', 'years', 'before', 'after', 'earlier', 'later', 'prior'),
  fc.constantFrom('the week before', 'the month before last', 'the year before', 'a week later', 'the 2nd week', 'or earlier'),
);

/** The answer with the token put at a word boundary (before the first word, between two, or after the last). */
const withStrayToken = fc
  .record({ answer: fc.constantFrom(...DECIDING_ANSWERS), token: strayToken, at: fc.nat() })
  .map(({ answer, token, at }) => {
    const words = answer.split(' ');
    const i = at % (words.length + 1);
    return { answer, token, text: [...words.slice(0, i), token, ...words.slice(i)].join(' ') };
  });

type Reading = Omit<ReturnType<typeof read>, 'decision'>;
const readingOf = ({ decision: _decision, ...reading }: ReturnType<typeof read>): Reading => reading;
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** Whether the token is the weekday of the decided day ("monday 4 weeks and 2 days ago" when that was a Monday). */
const namesItsWeekday = (token: string, decided: Reading): boolean =>
  decided.kind === 'date' && token.slice(0, 3) === WEEKDAY_NAMES[new Date(`${decided.date}T12:00:00Z`).getUTCDay()];
const CTX = { today: new Date(2026, 2, 18), now: NOW, tz: TZ } as ReadContext;
/** Whether the reader read the token as part of a date phrase ("march 3 days ago", "between the 2nd and 3"). */
const readIntoAMention = (text: string, token: string): boolean => {
  const normalized = normalizeDateText(text);
  const { mentions } = findMentions(normalized, CTX);
  // an ordinal word becomes digits after "the" ("the third" is "the 3rd")
  const words = new Set([normalizeDateText(token), normalizeDateText(`the ${token}`).replace(/^the /, '')]);
  const at = [...words].flatMap((word) =>
    [...normalized.matchAll(new RegExp(`\\b${word}\\b`, 'g'))].map((m) => [m.index ?? 0, word.length]),
  );
  return at.length > 0 && at.every(([i, length]) => mentions.some((m) => m.start <= i && i + length <= m.end));
};

test.each(DECIDING_ANSWERS)('"%s" decides on its own', (answer) => {
  expect(['within', 'outside']).toContain(read(answer).decision);
});

test('an answer with a stray date-like token it does not use never decides', () => {
  fc.assert(
    fc.property(withStrayToken, ({ answer, token, text }) => {
      const result = read(text);
      if (result.decision === 'ask') return;
      // it decided: only allowed when the token was read, into the reading or as the weekday of its day
      if (readIntoAMention(text, token) || namesItsWeekday(token, readingOf(result))) return;
      expect({ text, reading: readingOf(result) }).not.toEqual({ text, reading: readingOf(read(answer)) });
    }),
    { seed: FUZZ_SEED, numRuns: runsOf(3000) },
  );
});

describe('examples: the reading is kept so the clarification can name it, but the decision is ask', () => {
  test.each<[string, Record<string, unknown>]>([
    ['3 days ago 14', { kind: 'date', date: '2026-03-15', decision: 'ask' }],
    ['I bought it yesterday 2019', { kind: 'date', date: '2026-03-17', decision: 'ask' }],
    ['31 days ago, tenth', { kind: 'date', date: '2026-02-15', decision: 'ask' }],
    ['bought it on 2/25/2026 2019', { kind: 'date', date: '2026-02-25', decision: 'ask' }],
    ['bought it last week since 2019', { kind: 'range', earliest: '2026-03-09', latest: '2026-03-15', decision: 'ask' }],
    // a unit or relative word the reading does not use
    ['the 12th of the month before last', { kind: 'date', date: '2026-03-12', decision: 'ask' }],
    ['april 2, the year before', { kind: 'date', date: '2025-04-02', decision: 'ask' }],
    ['the week before the 12th', { kind: 'date', date: '2026-03-12', decision: 'ask' }],
    ["the week before Valentine's day", { kind: 'date', date: '2026-02-14', decision: 'ask' }],
    ['in the 3rd week', { kind: 'date', date: '2026-03-03', decision: 'ask' }],
  ])('%s', (text, expected) => expect(read(text)).toEqual(expected));
});
