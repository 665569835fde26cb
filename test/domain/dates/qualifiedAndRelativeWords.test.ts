import { readPurchaseDate } from '../../../src/domain/dates/readPurchaseDate';

/**
 * Words that change a date must never be ignored: a qualifier that makes a holiday another day
 * ("Orthodox Easter", "Chinese New Year") and a relative word or unit that moves or widens a day
 * ("the month before last", "the week before", "the 2nd week"). Either the reading uses them or it asks.
 */
const policy = { windowDays: 30 };
// Wednesday 2026-03-18, 11:00 in New York.
const NOW = new Date('2026-03-18T15:00:00Z');
// Monday 2026-05-04: after Orthodox Easter 2026 (April 12), which is a week after Western Easter (April 5).
const MAY_4 = new Date('2026-05-04T15:00:00Z');
const TZ = 'America/New_York';
const read = (text: unknown, now = NOW) => readPurchaseDate(text as string, now, TZ, policy);

describe('a qualifier before a holiday name', () => {
  test.each<[string, Date, object]>([
    ['Orthodox Easter', MAY_4, { kind: 'date', date: '2026-04-12', decision: 'within' }],
    ['greek easter', MAY_4, { kind: 'date', date: '2026-04-12', decision: 'within' }],
    ['Eastern Orthodox Easter', MAY_4, { kind: 'date', date: '2026-04-12', decision: 'within' }],
    ['russian easter sunday', MAY_4, { kind: 'date', date: '2026-04-12', decision: 'within' }],
    ['orthodox easter 2024', MAY_4, { kind: 'date', date: '2024-05-05', decision: 'outside' }],
    // Western Easter itself is unchanged
    ['Easter', MAY_4, { kind: 'date', date: '2026-04-05', decision: 'within' }],
    // holidays of other calendars we do not compute: asked about, never read as the Western day
    ['Chinese New Year', NOW, { decision: 'ask' }],
    ['lunar new year', NOW, { decision: 'ask' }],
    ["Jewish New Year's", NOW, { decision: 'ask' }],
    ['the Islamic new year', NOW, { decision: 'ask' }],
    ['orthodox christmas', NOW, { decision: 'ask' }],
    ['right after chinese new year', NOW, { decision: 'ask' }],
    // bad input
    ['orthodox', NOW, { kind: 'none', decision: 'ask' }],
    ['', NOW, { kind: 'none', decision: 'ask' }],
  ])('%s → %j', (text, now, expected) => expect(read(text, now)).toMatchObject(expected));

  test.each(['Orthodox Easter', 'greek easter', 'Chinese New Year', 'lunar new year', 'orthodox christmas'])(
    '%s is never read as the Western holiday',
    (text) => {
      const reading = read(text, MAY_4) as { date?: string; earliest?: string };
      expect([reading.date, reading.earliest]).not.toContain('2026-04-05');
      expect([reading.date, reading.earliest]).not.toContain('2026-01-01');
    },
  );
});

describe('relative words and units the reading does not use make it ask', () => {
  test.each<[string]>([
    ['the 12th of the month before last'],
    ['april 2, the year before'],
    ['the week before the 12th'],
    ['the 12th or the week before'],
    ["the week before Valentine's day"],
    ['the 2nd week'],
    ['in the 3rd week'],
    ['march 3 or a few days later'],
    ['the 10th, maybe earlier'],
    ['march 3 or the month after'],
    ['march 3 or the prior week'],
    ['march 3 or some weeks after'],
  ])('%s → ask', (text) => expect(read(text).decision).toBe('ask'));

  // the same words inside a reading that uses them still decide
  test.each<[string, string]>([
    ['2 weeks ago', 'within'],
    ['two months ago', 'outside'],
    ['a year ago', 'outside'],
    ['last week', 'within'],
    ['the day before yesterday', 'within'],
    ['the day after Christmas 2025', 'outside'],
    ['earlier this week', 'within'],
  ])('%s → %s', (text, decision) => expect(read(text).decision).toBe(decision));
});
