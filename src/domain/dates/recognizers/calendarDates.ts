import { makeDay } from '../../calendar';
import { mostRecentDayOfMonth } from '../calendarRules';
import { dateReading, type Reading } from '../reading';
import { calendarDay, dayOrNull, yearOf } from './days';
import { MONTH, monthOf, num, ORDINAL_SUFFIX, WEEKDAY } from './expressions';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

/** The highest number that can be a month: a part above it must be the day (no tuning: there is no month 13). */
const LAST_MONTH_NUMBER = 12;

/**
 * Numeric a/b[/y]: both parts ≤ 12 and different → both readings (m/d and d/m, whatever the
 * timezone); otherwise the only valid one.
 */
export function numericDate(ctx: ReadContext, a: number, b: number, yearText?: string): Reading | null {
  const year = yearOf(yearText);
  const monthFirst = a <= LAST_MONTH_NUMBER ? calendarDay(ctx, a, b, year) : null;
  const dayFirst = b <= LAST_MONTH_NUMBER ? calendarDay(ctx, b, a, year) : null;
  if (monthFirst && dayFirst && monthFirst.getTime() !== dayFirst.getTime()) {
    return { kind: 'ambiguous', readings: [monthFirst, dayFirst].sort((x, y) => x.getTime() - y.getTime()) };
  }
  const only = monthFirst ?? dayFirst;
  return only ? dateReading(only) : null;
}

/** "March the 2nd", "march the 2nd, 2026". */
export const monthTheDay: Recognizer = {
  name: 'month-the-day',
  pattern: new RegExp(`\\b(?<month>${MONTH})\\s+the\\s+(?<day>\\d{1,2})${ORDINAL_SUFFIX}?\\b(?:,?\\s+(?<year>\\d{4}))?`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    return dayOrNull(calendarDay(ctx, monthOf(g.month as string), num(g.day), yearOf(g.year)));
  },
};

/** "2026-02-16" (also with / or .): year first is always year-month-day. */
export const isoDate: Recognizer = {
  name: 'iso-date',
  pattern: /\b(?<year>\d{4})[-/.](?<month>\d{1,2})[-/.](?<day>\d{1,2})\b/g,
  read: (m) => {
    const g = groupsOf(m);
    return dayOrNull(makeDay(num(g.year), num(g.month), num(g.day)));
  },
};

/** "15.02.2026": the dotted form is day first. */
export const dottedDate: Recognizer = {
  name: 'dotted-date',
  pattern: /\b(?<day>\d{1,2})\.(?<month>\d{1,2})\.(?<year>\d{4}|\d{2})\b/g,
  read: (m) => {
    const g = groupsOf(m);
    return dayOrNull(makeDay(yearOf(g.year) as number, num(g.month), num(g.day)));
  },
};

/** "3/15", "02/03", "1/2/26"; not "3/4 days", "2-3 weeks" (counts) or "12/2231" (a third number). */
export const numericDateRecognizer: Recognizer = {
  name: 'numeric-date',
  pattern:
    /\b(?<first>\d{1,2})[/-](?<second>\d{1,2})(?:[/-](?<year>\d{4}|\d{2}))?\b(?![/-]\d|\s*(?:days?|weeks?|months?|years?|wks?|hrs?|hours?)\b)/g,
  read: (m, ctx) => {
    const g = groupsOf(m);
    return numericDate(ctx, num(g.first), num(g.second), g.year);
  },
};

/** "on the 15th": the most recent 15th. Runs after chrono-node, so "the 3rd of March" is already read. */
export const dayOfMonth: Recognizer = {
  name: 'day-of-month',
  pattern: new RegExp(`\\b(?:the\\s+)?(?<day>\\d{1,2})${ORDINAL_SUFFIX}\\b(?!\\s+(?:of\\s+)?${MONTH})`, 'g'),
  read: (m, ctx) => dayOrNull(mostRecentDayOfMonth(ctx.today, num(groupsOf(m).day))),
};

/** What may follow "the 27" for it to be a day: the end of the answer or a clause, or a hedge. */
const AFTER_A_BARE_DAY = '(?=\\s*(?:$|[,.;!?)]|-\\s|(?:i think|i believe|i guess|probably|maybe|or so|and|but|when|if)\\b))';
/** "on the 15 at Best Buy": after "on the", a place or a time may follow too. */
const AFTER_ON_THE_DAY =
  '(?=\\s*(?:$|[,.;!?)]|-\\s|(?:i think|i believe|i guess|probably|maybe|or so|and|but|when|if|at|from|in|online)\\b))';

/**
 * "on the 27", "on 15", "the 30" (from "the thirty"): a bare number after "the" is a day of the month when
 * nothing follows that it could count ("the 5 of us", "the 2 cameras"). Runs after chrono-node.
 * @example 'on the 27' on 2026-03-26 // 2026-02-27
 */
export const bareDayOfMonth: Recognizer = {
  name: 'bare-day-of-month',
  pattern: new RegExp(
    `\\bon\\s+(?:the\\s+)?(?<onDay>\\d{1,2})\\b${AFTER_ON_THE_DAY}|\\bthe\\s+(?<day>\\d{1,2})\\b${AFTER_A_BARE_DAY}`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    return dayOrNull(mostRecentDayOfMonth(ctx.today, num(g.onDay ?? g.day)));
  },
};

/**
 * "Friday 13", "mon, 18": a weekday with a bare day number; the day of the month is the reading, and
 * the weekday is checked against it (weekdayBesideDate.ts). Runs before the weekday beside a date is
 * blanked, and only where nothing follows the number that it could count or time ("friday 4 cameras").
 */
export const weekdayAndBareDay: Recognizer = {
  name: 'weekday-and-bare-day',
  pattern: new RegExp(`\\b(?:${WEEKDAY}|sat|sun)\\.?,?\\s+(?:the\\s+)?(?<day>\\d{1,2})\\b${AFTER_ON_THE_DAY}`, 'g'),
  read: (m, ctx) => dayOrNull(mostRecentDayOfMonth(ctx.today, num(groupsOf(m).day))),
};
