import { MONTH_PATTERN, WEEKDAY_PATTERN } from './calendarRules';

/** Ordinal words that can name a day of the month ("the tenth"); "the twenty-first" is "twenty" + "first". */
const ORDINAL_WORD =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth';
/** Number words that normalizing leaves as words (it turns "one" … "ninety-nine" into digits, but "this one" stays). */
const NUMBER_WORD = 'one|zero|hundred|thousand|dozen|twenty|thirty';
/** "sat" and "sun" are no part of WEEKDAY_PATTERN (they are everyday words) but can still name a day. */
const SHORT_WEEKEND_DAY = 'sat|sun';

/**
 * Units and relative words that move or widen a date: "the 12th of the month before last",
 * "april 2, the year before", "the week before Valentine's day", "the 2nd week". Read alone they
 * say nothing, but a reading that ignores them reads another day, so they too must be accounted for.
 */
const RELATIVE_WORD = 'weeks?|months?|years?|before|after|earlier|later|prior';

/**
 * Everything in an answer that could carry a date: a number (also glued to letters, as in
 * "ps5" or "3rd"), a month or weekday name or abbreviation, an ordinal or number word, a unit
 * or relative word, and the words that tie an answer to a moment: "now", "to date", "since".
 */
const DATE_LIKE_TOKEN = new RegExp(
  `\\d+|\\b(?:${MONTH_PATTERN}|${WEEKDAY_PATTERN}|${SHORT_WEEKEND_DAY}|${ORDINAL_WORD}|${NUMBER_WORD}|${RELATIVE_WORD}|now|since|to date)\\b`,
  'g',
);

export interface DateLikeToken {
  text: string;
  start: number;
  end: number;
}

/**
 * The date-like tokens of a (normalized) text, in order: the one tokenizer the reader uses to
 * check that it read every part of an answer that might be a date.
 * @example dateLikeTokens('got 2 on friday') // [{ text: '2', … }, { text: 'friday', … }]
 */
export function dateLikeTokens(text: string): DateLikeToken[] {
  return [...text.matchAll(DATE_LIKE_TOKEN)].map((m) => ({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}
