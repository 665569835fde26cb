import { type Day, makeDay, shiftDays } from '../../calendar';
import { ordinalsUpTo } from '../numberWords';
import { type Reading, rangeReading } from '../reading';
import { num } from './expressions';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

/**
 * Parts of a year: thirds ("late 2025", "the end of last year", "mid-2024"), quarters and halves
 * ("the third quarter", "Q1 2016", "the first half of last year"), its first or last day or month
 * ("the first of the year", "the last month of 2025") and "the year before last".
 *
 * Conventions (issue 16; DATES.md splits a month in thirds, so a year is split the same way):
 * - early / beginning / start = January … April, mid / middle = May … August, late / end =
 *   September … December. Wide on purpose: "the end of last year" may mean December or the
 *   autumn; the range decides only when every day of it does.
 * - Quarters are Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec; halves Jan-Jun, Jul-Dec. Halves are read only
 *   with their year ("of 2025", "of last year", "of the year"): "the first half" alone may be of a
 *   month, a game… A quarter alone is the most recent one that has begun.
 * - "the year", "this year" are this year; "last / previous / past year" the one before.
 * - Everything is cut at today, and future when it has not begun.
 * Before, normalizing made "the third quarter" and "the first of the year" "the 3rd …", "the 1st …":
 * the 3rd or the 1st of this month, silent wrongs.
 */
const YEAR = '(?:(?<year>(?:19|20)\\d{2})\\b(?![/.-]\\d)|(?:the\\s+)?(?<relative>last|this|previous|past)? ?year\\b)';

/** The year a YEAR group names: written, this year ("the year", "this year") or last year. */
function namedYear(ctx: ReadContext, g: Record<string, string | undefined>): number {
  if (g.year) return num(g.year);
  return ctx.today.getFullYear() - (g.relative && g.relative !== 'this' ? 1 : 0);
}

/** Months `first` … `last` (1-12) of `year`, cut at today; future when they have not begun. */
function monthsSoFar(ctx: ReadContext, year: number, first: number, last: number): Reading {
  const from = makeDay(year, first, 1) as Day;
  if (from > ctx.today) return { kind: 'future' };
  const to = shiftDays(makeDay(last === 12 ? year + 1 : year, last === 12 ? 1 : last + 1, 1) as Day, -1);
  return rangeReading(from, to > ctx.today ? ctx.today : to);
}

const THIRDS: Record<string, [number, number]> = {
  early: [1, 4],
  beginning: [1, 4],
  start: [1, 4],
  mid: [5, 8],
  middle: [5, 8],
  late: [9, 12],
  end: [9, 12],
};

/** "late 2025", "the end of last year", "in early 2026", "mid-2024", "the beginning of the year". */
export const partOfYearRecognizer: Recognizer = {
  name: 'part-of-year',
  pattern: new RegExp(`\\b(?:the\\s+)?(?<part>${Object.keys(THIRDS).join('|')})[-\\s]+(?:of\\s+)?${YEAR}`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const [first, last] = THIRDS[g.part as string];
    return monthsSoFar(ctx, namedYear(ctx, g), first, last);
  },
};

/** "the year before last": the whole year two years back. */
export const yearBeforeLast: Recognizer = {
  name: 'year-before-last',
  pattern: /\b(?:the\s+)?year before last\b/g,
  read: (_m, ctx) => monthsSoFar(ctx, ctx.today.getFullYear() - 2, 1, 12),
};

/** "first" … "sixth" (also "1st" …) and "last": which of several parts. */
const NTH = ordinalsUpTo(6);
const MONTHS_IN: Record<'quarter' | 'half', number> = { quarter: 3, half: 6 };

/** "the third quarter of 2025", "Q3 2025", "the first half of last year", "H2 2025", "the last quarter of the year". */
export const quarterOrHalf: Recognizer = {
  name: 'quarter-or-half',
  pattern: new RegExp(
    `(?:\\b(?:the\\s+)?(?<ordinal>${Object.keys(NTH).join('|')})\\s+(?<unit>quarter|half)|\\b(?<code>q[1-4]|h[12])\\b),?\\s+(?:of\\s+|in\\s+)?${YEAR}`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const months = MONTHS_IN[g.code ? (g.code[0] === 'q' ? 'quarter' : 'half') : (g.unit as 'quarter' | 'half')];
    const parts = 12 / months;
    const ordinal = g.code ? Number(g.code[1]) : NTH[g.ordinal as string];
    const n = ordinal > 0 ? ordinal : parts;
    if (n > parts) return null;
    const [first, last] = [months * (n - 1) + 1, months * n];
    return monthsSoFar(ctx, namedYear(ctx, g), first, last);
  },
};

/**
 * "the third quarter", "Q3" with no year: the most recent such quarter that has begun (like a bare
 * month name), cut at today. "the last quarter" is left unread: the previous quarter, or Q4?
 */
export const quarterAlone: Recognizer = {
  name: 'quarter-alone',
  pattern: /\b(?:the\s+)?(?<ordinal>first|1st|second|2nd|third|3rd|fourth|4th)\s+quarter\b|\bq(?<code>[1-4])\b/g,
  read: (m, ctx) => {
    const g = groupsOf(m);
    const n = g.code ? Number(g.code) : NTH[g.ordinal as string];
    const thisYear = ctx.today.getFullYear();
    const first = 3 * (n - 1) + 1;
    const year = (makeDay(thisYear, first, 1) as Day) > ctx.today ? thisYear - 1 : thisYear;
    return monthsSoFar(ctx, year, first, first + 2);
  },
};

/** "the first of the year" (January 1st), "the last day of last year" (December 31st), "the first month of 2025". */
export const dayOrMonthOfYear: Recognizer = {
  name: 'day-or-month-of-year',
  pattern: new RegExp(`\\b(?:the\\s+)?(?<ordinal>${Object.keys(NTH).join('|')})(?:\\s+(?<unit>day|month))?\\s+of\\s+${YEAR}`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const n = NTH[g.ordinal as string];
    const year = namedYear(ctx, g);
    if (g.unit === 'month') {
      const month = n > 0 ? n : 12;
      return monthsSoFar(ctx, year, month, month);
    }
    if (n > 1) return null;
    const day = makeDay(year, n > 0 ? 1 : 12, n > 0 ? 1 : 31) as Day;
    return day > ctx.today ? { kind: 'future' } : { kind: 'date', date: day };
  },
};

export const partsOfYears: Recognizer[] = [dayOrMonthOfYear, quarterOrHalf, quarterAlone, partOfYearRecognizer, yearBeforeLast];
