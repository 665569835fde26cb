import { localToday, makeDay } from '../../calendar';
import { numericDate } from './calendarDates';
import { dayOrFuture } from './days';
import { num } from './expressions';
import { groupsOf, type Recognizer } from './recognizer';

/**
 * Dates written as numbers without the usual separators: "on 20161016", "2016 10 16", "16 10 2016".
 *
 * Conventions (issue 16; DATES.md: an 8-digit receipt number alone is no date):
 * - yyyymmdd is a date only when it is a valid day AND a word before it marks it as one ("on",
 *   "dated", "bought/purchased/ordered (it) (on)", "date:"). "20161016" alone, "order 20161016" or
 *   "receipt #20260305" stay numbers (notDates.ts), so a text made only of them is still none.
 * - "2016 10 16" (year first, spaces): year-month-day, as ISO; only when valid.
 * - "16 10 2016" (year last, spaces): only as the whole answer ("on" allowed), read like 16/10/2016:
 *   both readings when both parts could be the month (DATES.md numeric convention).
 */

const MARKED_BY = '(?<=\\b(?:on|dated|date:?|(?:bought|purchased|ordered|got)(?:\\s+(?:it|them|this|one))?(?:\\s+on)?)\\s+)';

/** "on 20161016", "bought it 20260305". */
export const markedCompactDate: Recognizer = {
  name: 'marked-compact-date',
  pattern: new RegExp(`${MARKED_BY}(?<year>(?:19|20)\\d{2})(?<month>\\d{2})(?<day>\\d{2})\\b`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const day = makeDay(num(g.year), num(g.month), num(g.day));
    return day ? dayOrFuture(ctx, day) : null;
  },
};

/** "2016 10 16": year, month, day separated by spaces. */
export const spacedYearMonthDay: Recognizer = {
  name: 'spaced-year-month-day',
  pattern:
    /(?<![\d/.:-])\b(?<year>(?:19|20)\d{2})\s+(?<month>\d{1,2})\s+(?<day>\d{1,2})\b(?!\s*(?:\d|[/:.-]\d|days?|weeks?|months?|years?))/g,
  read: (m, ctx) => {
    const g = groupsOf(m);
    const day = makeDay(num(g.year), num(g.month), num(g.day));
    return day ? dayOrFuture(ctx, day) : null;
  },
};

/** "16 10 2016", "on 05 03 2026" as the whole answer. */
export const spacedDayMonthYear: Recognizer = {
  name: 'spaced-day-month-year',
  pattern: /^(?:on\s+)?(?<first>\d{1,2})\s+(?<second>\d{1,2})\s+(?<year>(?:19|20)\d{2})\s*[.!]?$/g,
  read: (m, ctx) => {
    const g = groupsOf(m);
    return numericDate(ctx, num(g.first), num(g.second), g.year);
  },
};

/**
 * "2016-10-16T10:00", "2026-03-05t14:30:00z": an ISO date-time. Without a zone the day is the date as
 * written; with one ("z", "-05:00") it is an instant, and the day is its date in the customer's zone.
 */
export const isoDateTime: Recognizer = {
  name: 'iso-date-time',
  pattern: /\b(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})t\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?<zone>z|[+-]\d{2}:?\d{2})?(?![\w:])/g,
  read: (m, ctx) => {
    const g = groupsOf(m);
    const day = makeDay(num(g.year), num(g.month), num(g.day));
    if (!day) return null;
    const instant = g.zone ? new Date(m[0].toUpperCase()) : null;
    return dayOrFuture(ctx, instant && !Number.isNaN(instant.getTime()) ? localToday(instant, ctx.tz) : day);
  },
};

export const compactDates: Recognizer[] = [markedCompactDate, spacedYearMonthDay, spacedDayMonthYear, isoDateTime];
