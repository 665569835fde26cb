import { dateLikeTokens } from '../../src/domain/dates/dateLikeTokens';
import { normalizeDateText } from '../../src/domain/dates/normalizeText';
import { findMentions, readPurchaseDate } from '../../src/domain/dates/readPurchaseDate';
import type { ReadContext } from '../../src/domain/dates/recognizers';
import { unaccountedTokens } from '../../src/domain/dates/unaccountedTokens';

const policy = { windowDays: 30 };
// Wednesday 2026-03-18, 11:00 in New York.
const NOW = new Date('2026-03-18T15:00:00Z');
const TZ = 'America/New_York';
const CTX = { today: new Date(2026, 2, 18), now: NOW, tz: TZ } as ReadContext;

/** The date-like tokens of an answer that nothing read, as the reader sees them. */
const leftOver = (answer: string) => {
  const { mentions, remainder } = findMentions(normalizeDateText(answer), CTX);
  return unaccountedTokens(remainder, mentions).map((t) => t.text);
};
const decisionOf = (answer: string) => readPurchaseDate(answer, NOW, TZ, policy).decision;

describe('dateLikeTokens: the one tokenizer', () => {
  test.each<[string, string[]]>([
    ['got 2 on friday', ['2', 'friday']],
    ['the 3rd of march 2026', ['3', 'march', '2026']],
    ['ps5 since now', ['5', 'since', 'now']],
    ['twenty or thirty, the tenth', ['twenty', 'thirty', 'tenth']],
    ['up to date', ['to date']],
    ['sat in the sun on wed', ['sat', 'sun', 'wed']],
    ['no dates here', []],
    // words that only contain a date-like word are not one
    ['nowhere, monument, marching, decent', []],
  ])('%s', (text, tokens) => expect(dateLikeTokens(text).map((t) => t.text)).toEqual(tokens));
});

describe('unaccountedTokens: every token is read, or known as no date', () => {
  test.each<[string, string[]]>([
    // read as dates
    ['3 days ago', []],
    ['the 3rd of March 2026', []],
    ['Saturday, February 14, 2026', []],
    // read as numbers that are no dates (notDates.ts)
    ['bought for $299, order #553311, at 3pm, 4 cameras', []],
    // known as no dates (notDateWords.ts)
    ['3 days ago and now it won’t turn on', []],
    ['now I think it was 3 days ago', []],
    ['3 days ago, since then it keeps beeping', []],
    ['the firmware is up to date, bought it 3 days ago', []],
    ['I may have bought it 3 days ago', []],
    ['at first, it worked: bought 3 days ago', []],
    ['the first time it failed, 3 days ago', []],
    ['the one I bought 3 days ago', []],
    ['camera 2 and channel 4 died, bought 3 days ago', []],
    ['3 days ago, one sec', []],
    ['my ps5 and the h264 codec, 3 days ago', []],
    ['5 stars, 3 days ago', []],
    ['bought it yesterday, it broke 3 times since', []],
    ['ordered it 10 days ago, 2 day shipping, a 2-year warranty', []],
    ['bought 2 weeks ago, it worked for 1 week', []],
    ['3 days ago for 299.99', []],
    // words that belong to the date beside them
    ['since 3 days ago', []],
    ['3 weeks ago now', []],
    // left over: the reader must not decide
    ['3 days ago 14', ['14']],
    ['3 days ago, march', []], // "march" is read: the month holds the day
    ['3 days ago in 2019', []], // "in 2019" is read as a year, and the two readings become a range
    ['3 days ago 2019', ['2019']],
    ['3 days ago, the tenth', []], // "the tenth" is the 10th, a second reading
    ['3 days ago, tenth', ['tenth']],
    ['3 days ago since 2019', ['since', '2019']],
    ['3 days ago, the first week', ['first', 'week']],
    ['3 days ago, twenty', ['20']],
    ['one 3 days ago', ['1']],
    ['bought it 3 days ago feb3', []], // chrono reads "feb3": a second reading
    // units and relative words the reading does not use
    ['march 3 or the week before', ['week', 'before']],
    ['april 2, the year before', ['year', 'before']],
    ['march 3, it shipped a few days later', ['later']],
    ['2 weeks ago', []],
  ])('%s → %j', (answer, tokens) => expect(leftOver(answer)).toEqual(tokens));
});

describe('readPurchaseDate asks when a part of the answer is not accounted for', () => {
  test.each<[string, string]>([
    // a token left over
    ['3 days ago 14', 'ask'],
    ['31 days ago, tenth', 'ask'],
    // a weekday that does not match its date is a second reading (weekdayBesideDate.ts): March 1 2026 is a
    // Sunday, Monday March 2 decides the same; Feb 16 is a Monday (within), Friday Feb 13 is outside;
    // without the year, March 1 2021 (a Monday) is a reading too
    ['Monday, March 1st, 2026', 'within'],
    ['Monday, March 1st', 'ask'],
    ['Sunday, March 1st', 'within'],
    ['sat 3rd of March', 'within'],
    ['Friday, February 16th', 'ask'],
    // a weekday that names no day of a range has no second reading to offer
    ['a monday in January', 'ask'],
    ['Friday 3/4', 'ask'],
    // a date said beside the purchase date, with no word for what it was
    ['bought it on the 2nd, the 9th', 'ask'],
    // the same date twice, or a range that holds it, is no contradiction
    ['bought it on the 2nd, March 2nd', 'within'],
    ['bought it on the 2nd, in March', 'within'],
    // a delivery after the purchase is set aside on purpose; one before it means something is misread
    ['ordered it on the 2nd, it arrived on the 6th', 'within'],
    ['ordered it on the 6th, it arrived on the 2nd', 'ask'],
    // a correction sets the earlier date aside on purpose
    ['the 5th, no wait, the 7th', 'within'],
    // "in" before a date opens it, so the year before is no quantity of inches: it is the month's year
    // (March 2025 is outside; with "2025 in" eaten as inches, "march" alone would be this March, within)
    ['2025 in March', 'outside'],
    ['a 55 in TV, bought 3 days ago', 'within'],
  ])('%s → %s', (answer, decision) => expect(decisionOf(answer)).toBe(decision));
});
