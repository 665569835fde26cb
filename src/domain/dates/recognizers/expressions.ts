import { startOfMonth, subMonths } from 'date-fns';
import type { Day } from '../../calendar';
import { MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN, WEEKDAYS } from '../calendarRules';
import { ordinalsUpTo } from '../numberWords';

/**
 * Pattern pieces that several recognizers share, defined once and composed into their
 * regular expressions. Pieces without a name do not capture; the recognizer names the group.
 */
export const MONTH = MONTH_PATTERN;
export const WEEKDAY = WEEKDAY_PATTERN;
export const UNIT = 'days?|weeks?|months?|years?|fortnights?';
export const AGO = '(?:ago|back|before now|earlier|previously|prior)';
export const ORDINAL_SUFFIX = '(?:st|nd|rd|th)';
/** Words that make "N months ago" approximate. */
export const HEDGE =
  '(?:about|around|roughly|maybe|approximately|approx\\.?|probably|perhaps|like|almost|nearly|give or take|some|sometime|circa|~)';
/** "first" … "fourth" or "last" of a month. */
export const ORDINAL_OF_MONTH = 'first|1st|second|2nd|third|3rd|fourth|4th|last|final';
/** "this month" or a past month: last, previous, past. */
export const THIS_OR_LAST = 'last|this|previous|past';
/** THIS_OR_LAST, also with "the previous". */
export const THIS_OR_LAST_OR_THE_PREVIOUS = 'last|this|the previous|previous|past';

/**
 * A month: "last month", "this month", or a named month with an optional year.
 * Groups: relativeMonth, month, year.
 */
export const MONTH_REFERENCE = `(?:(?<relativeMonth>${THIS_OR_LAST_OR_THE_PREVIOUS}) month|(?<month>${MONTH})(?:\\s+(?<year>\\d{4}))?)`;

export const monthOf = (name: string): number => MONTHS[name.replace('.', '')];
export const weekdayOf = (name: string): number => WEEKDAYS[name];
export const num = (s: string | undefined): number => Number(s);

/** First day of this month for "this", of last month for every other word ("last", "previous", "past"). */
export function startOfThisOrLastMonth(today: Day, word: string | undefined): Day {
  return (word === 'this' ? startOfMonth(today) : subMonths(startOfMonth(today), 1)) as Day;
}

/** "first" … "fourth" → 1 … 4; "last", "final" → -1. */
export function ordinalOfMonth(word: string): number {
  return ORDINAL_NUMBERS[word];
}
const ORDINAL_NUMBERS = ordinalsUpTo(4);
