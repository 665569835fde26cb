import { endOfISOWeek, getISOWeeksInYear, setISOWeek, startOfISOWeek } from 'date-fns';
import { type Day, makeDay, shiftDays } from '../../calendar';
import { ORDINAL_WORDS as ALL_ORDINAL_WORDS } from '../numberWords';
import { type Reading, rangeReading } from '../reading';
import { startOfReferencedMonth } from './days';
import { MONTH_REFERENCE, num, ORDINAL_SUFFIX } from './expressions';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

/**
 * Weeks named by number or by their place in a year.
 *
 * Conventions (issue 16; DATES.md: a week is an ISO week, Monday … Sunday):
 * - "week 10", "week #10", "week 10 of 2026", "2026-W10": ISO week 10, Monday … Sunday. Without a year,
 *   of the most recent year in which that week has begun by today (cut at today if it is running), and
 *   only when the words make it a time ("in week 10", "bought it week 8", or the whole answer): in
 *   "week 1 it was fine" it counts weeks of use.
 *   A week number the year does not have (53 in most years, 60) is no week.
 * - "the 10th week of 2015", "the first / last week of 2016": people count these either as ISO weeks
 *   or as 7-day blocks from January 1st (back from December 31st for "last"). The reading is the
 *   range covering both (ISO week 1 of 2015 is Dec 29 … Jan 4, days 1-7 are Jan 1 … 7, so
 *   Dec 29, 2014 … Jan 7, 2015): it decides only when both readings decide alike, and asks otherwise.
 * - "the first week of the year" is of this year.
 * - "the week of March 2nd": see weekOfADay.ts.
 * - "the first week of October", "week 1 of October" are days 1-7 of the month (months.ts, nthWeekOfMonth), not an ISO week.
 */

const DAYS_IN_WEEK = 7;
/** "the first" … "the tenth" week, or "the last": the ordinals a year's weeks are said with in words. */
const ORDINAL_WORDS: Record<string, number> = {
  ...Object.fromEntries(Object.entries(ALL_ORDINAL_WORDS).filter(([, n]) => n <= 10)),
  last: -1,
  final: -1,
};
const ORDINAL = `${Object.keys(ORDINAL_WORDS).join('|')}|\\d{1,2}${ORDINAL_SUFFIX}`;

/** Monday … Sunday of ISO week `week` of ISO year `year`, or null when that year has no such week. */
export function isoWeekOfYear(year: number, week: number): [Day, Day] | null {
  const jan4 = makeDay(year, 1, 4) as Day;
  if (week < 1 || week > getISOWeeksInYear(jan4)) return null;
  const monday = startOfISOWeek(setISOWeek(jan4, week)) as Day;
  return [monday, endOfISOWeek(monday) as Day];
}

/** A week as read: the whole week if it is over, cut at today if running, future if not begun. */
function weekSoFar(ctx: ReadContext, [from, to]: [Day, Day]): Reading {
  if (from > ctx.today) return { kind: 'future' };
  return rangeReading(from, to > ctx.today ? ctx.today : to);
}

/** "2026-W08", "2026W08", "week #8": runs before model and reference numbers, which "w08" and "#8" look like. */
export const isoWeekCode: Recognizer = {
  name: 'iso-week-code',
  pattern: /\b(?<year>(?:19|20)\d{2})-?w(?<week>\d{2})\b|\bweek\s*#\s*(?<week2>\d{1,2})\b(?![/:.-]\d)/g,
  read: (m, ctx) => readWeekNumber(ctx, num(groupsOf(m).week ?? groupsOf(m).week2), groupsOf(m).year),
};

/**
 * "week 10", "wk 10 of 2026", "iso week 10". Not a count ("1 week 2 days ago", "every week 3 times",
 * read before as a span of time or left alone) nor a week of something else ("week 2 of use").
 */
export const isoWeekNumber: Recognizer = {
  name: 'iso-week-number',
  pattern:
    /(?<!\b(?:every|per|a|each|one|\d+|last|this|next|that|same|the)\s+)\b(?:iso\s+)?(?:week|wk)\s*(?:#|no\.?|number|nr\.?)?\s*(?<week>\d{1,2})\b(?!\s*(?:days?|weeks?|months?|years?|ago|back|times?|hours?|hrs?|minutes?|mins?|x\b|[/:.-]\d))(?!\s+(?:of|in)\s+(?!\d{4}\b|(?:the\s+)?(?:this|last|previous) year\b))(?:\s+(?:of|in)\s+(?<year>\d{4})\b)?/g,
  read: (m, ctx) => {
    const g = groupsOf(m);
    // "week 1 it was fine": without a year, only "in week 10", "bought it week 8" or "week 10" as the answer
    const before = m.input.slice(0, m.index);
    const wholeAnswer = /^\s*$/.test(before) && ONLY_A_HEDGE_AFTER.test(m.input.slice(m.index + m[0].length));
    if (!g.year && !WEEK_AS_A_TIME_BEFORE.test(before) && !wholeAnswer) return null;
    return readWeekNumber(ctx, num(g.week), g.year);
  },
};
const WEEK_AS_A_TIME_BEFORE =
  /\b(?:in|during|on|around|about|was|calendar|bought|purchased|ordered|got|picked (?:it |them )?up)(?:\s+(?:it|them|one|this))?\s*$/;
const ONLY_A_HEDGE_AFTER = /^\s*(?:,?\s*(?:i think|i believe|maybe|probably|or so|of this year|of last year))?\s*[.!?]*$/;

/** ISO week `week` of the year given, or of the most recent year in which it has begun by today. */
function readWeekNumber(ctx: ReadContext, week: number, yearText: string | undefined): Reading | null {
  if (yearText) {
    const span = isoWeekOfYear(num(yearText), week);
    return span ? weekSoFar(ctx, span) : null;
  }
  // the most recent year in which week N has begun by today (an ISO year can start in late December)
  for (let year = ctx.today.getFullYear() + 1; year >= ctx.today.getFullYear() - 6; year--) {
    const span = isoWeekOfYear(year, week);
    if (span && span[0] <= ctx.today) return weekSoFar(ctx, span);
  }
  return null;
}

/** "week 3 of January", "week 2 of last month": the Nth 7 days of the month, as "the 3rd week of January" (months.ts). */
export const weekNumberOfMonth: Recognizer = {
  name: 'week-number-of-month',
  pattern: new RegExp(`\\b(?:week|wk)\\s*#?\\s*(?<week>[1-4])\\s+(?:of|in)\\s+(?:the\\s+)?${MONTH_REFERENCE}`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const monthStart = startOfReferencedMonth(ctx, g);
    const from = shiftDays(monthStart, DAYS_IN_WEEK * (num(g.week) - 1));
    return weekSoFar(ctx, [from, shiftDays(from, DAYS_IN_WEEK - 1)]);
  },
};

/** "the 10th week of 2015", "the last week of 2016", "the first week of last year": both counts, as one range. */
export const nthWeekOfYear: Recognizer = {
  name: 'nth-week-of-year',
  pattern: new RegExp(
    `\\b(?:the\\s+)?(?<ordinal>${ORDINAL})\\s+week\\s+(?:of|in)\\s+(?:(?<year>\\d{4})\\b|(?:the\\s+)?(?<relative>this|last|previous|past)? ?year\\b)`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const year = g.year ? num(g.year) : ctx.today.getFullYear() - (!g.relative || g.relative === 'this' ? 0 : 1);
    const ordinal = g.ordinal as string;
    const n = ORDINAL_WORDS[ordinal] ?? Number.parseInt(ordinal, 10);
    const jan1 = makeDay(year, 1, 1) as Day;
    const dec31 = makeDay(year, 12, 31) as Day;
    const iso = isoWeekOfYear(year, n > 0 ? n : getISOWeeksInYear(makeDay(year, 6, 1) as Day));
    const counted: [Day, Day] =
      n > 0
        ? [shiftDays(jan1, DAYS_IN_WEEK * (n - 1)), shiftDays(jan1, DAYS_IN_WEEK * n - 1)]
        : [shiftDays(dec31, 1 - DAYS_IN_WEEK), dec31];
    if (!iso || counted[1] > dec31) return null;
    const from = iso[0] < counted[0] ? iso[0] : counted[0];
    const to = iso[1] > counted[1] ? iso[1] : counted[1];
    return weekSoFar(ctx, [from, to]);
  },
};
