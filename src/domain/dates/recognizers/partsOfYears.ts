import { type Day, makeDay, shiftDays } from '../../calendar';
import { type Reading, rangeReading } from '../reading';
import { num } from './expressions';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

/**
 * Parts of a year: "late 2025", "the end of last year", "early 2026", "mid-2024", and "the year
 * before last".
 *
 * Conventions (issue 16; DATES.md splits a month in thirds, so a year is split the same way):
 * early / beginning / start = January … April, mid / middle = May … August, late / end =
 * September … December. The thirds are wide on purpose: "the end of last year" may mean December
 * or the autumn; the range decides only when every day of it does. Cut at today; future if not begun.
 * "the year before last" is the whole year two years back.
 */
type YearPart = 'early' | 'mid' | 'late';
const PART_NAMES: Record<string, YearPart> = {
  early: 'early',
  beginning: 'early',
  start: 'early',
  mid: 'mid',
  middle: 'mid',
  late: 'late',
  end: 'late',
};
/** First and last month of each third. */
const PART_MONTHS: Record<YearPart, [number, number]> = { early: [1, 4], mid: [5, 8], late: [9, 12] };
const PART = '(?:the\\s+)?(?<part>early|beginning|start|mid|middle|late|end)';

function partOfYear(ctx: ReadContext, year: number, part: YearPart): Reading {
  const [firstMonth, lastMonth] = PART_MONTHS[part];
  const from = makeDay(year, firstMonth, 1) as Day;
  if (from > ctx.today) return { kind: 'future' };
  const to = shiftDays(makeDay(lastMonth === 12 ? year + 1 : year, lastMonth === 12 ? 1 : lastMonth + 1, 1) as Day, -1);
  return rangeReading(from, to > ctx.today ? ctx.today : to);
}

/** "late 2025", "the end of last year", "in early 2026", "mid-2024", "the beginning of the year" (this year). */
export const partOfYearRecognizer: Recognizer = {
  name: 'part-of-year',
  pattern: new RegExp(
    `\\b${PART}[-\\s]+(?:of\\s+)?(?:(?<year>(?:19|20)\\d{2})\\b(?![/.-]\\d)|(?:the\\s+)?(?<relative>last|this|previous|past)? ?year\\b)`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const year = g.year ? num(g.year) : ctx.today.getFullYear() - (!g.relative || g.relative === 'this' ? 0 : 1);
    return partOfYear(ctx, year, PART_NAMES[g.part as string]);
  },
};

/** "the year before last": the whole year two years back. */
export const yearBeforeLast: Recognizer = {
  name: 'year-before-last',
  pattern: /\b(?:the\s+)?year before last\b/g,
  read: (_m, ctx) => {
    const year = ctx.today.getFullYear() - 2;
    return rangeReading(makeDay(year, 1, 1) as Day, makeDay(year, 12, 31) as Day);
  },
};

const QUARTER_OR_HALF_ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  last: -1,
  final: -1,
};
const MONTHS_IN: Record<'quarter' | 'half', number> = { quarter: 3, half: 6 };

/**
 * "the third quarter of 2025", "Q3 2025", "the first half of last year", "H2 2025", "the last quarter":
 * quarters are Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec; halves Jan-Jun, Jul-Dec. Without a year, the most
 * recent one that has begun (as a month without a year). Cut at today; future if not begun.
 * Before, normalizing made "the third quarter" "the 3rd quarter", read as the 3rd of the month.
 */
export const quarterOrHalf: Recognizer = {
  name: 'quarter-or-half',
  pattern: new RegExp(
    `(?:\\b(?:the\\s+)?(?<ordinal>${Object.keys(QUARTER_OR_HALF_ORDINALS).join('|')})\\s+(?<unit>quarter|half)|\\b(?<code>q[1-4]|h[12])\\b)(?:,?\\s+(?:of\\s+|in\\s+)?(?:(?<year>(?:19|20)\\d{2})\\b(?![/.-]\\d)|(?:the\\s+)?(?<relative>last|this|previous|past)? ?year\\b))?`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const unit = g.code ? (g.code[0] === 'q' ? 'quarter' : 'half') : (g.unit as 'quarter' | 'half');
    const months = MONTHS_IN[unit];
    const count = 12 / months;
    const ordinal = g.code ? Number(g.code[1]) : QUARTER_OR_HALF_ORDINALS[g.ordinal as string];
    const n = ordinal > 0 ? ordinal : count;
    if (n > count) return null;
    const yearGiven = Boolean(g.year) || /\byear\b/.test(m[0]);
    let year = g.year ? num(g.year) : ctx.today.getFullYear() - (g.relative && g.relative !== 'this' ? 1 : 0);
    const startOf = (y: number) => makeDay(y, 1 + months * (n - 1), 1) as Day;
    if (!yearGiven && startOf(year) > ctx.today) year -= 1;
    const from = startOf(year);
    if (from > ctx.today) return { kind: 'future' };
    const to = shiftDays(makeDay(n === count ? year + 1 : year, n === count ? 1 : 1 + months * n, 1) as Day, -1);
    return rangeReading(from, to > ctx.today ? ctx.today : to);
  },
};

const NTH: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
  sixth: 6,
  '6th': 6,
  last: -1,
  final: -1,
};

/**
 * "the first of the year" (January 1st), "the last day of last year" (December 31st), "the first month
 * of 2025" (January), "the last month of 2025" (December). Before, "the first of the year" read as the
 * 1st of this month.
 */
export const dayOrMonthOfYear: Recognizer = {
  name: 'day-or-month-of-year',
  pattern: new RegExp(
    `\\b(?:the\\s+)?(?<ordinal>${Object.keys(NTH).join('|')})(?:\\s+(?<unit>day|month))?\\s+of\\s+(?:(?<year>(?:19|20)\\d{2})\\b(?![/.-]\\d)|(?:the\\s+)?(?<relative>last|this|previous|past)? ?year\\b)`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const n = NTH[g.ordinal as string];
    if (g.unit !== 'month' && n > 1) return null;
    const year = g.year ? num(g.year) : ctx.today.getFullYear() - (g.relative && g.relative !== 'this' ? 1 : 0);
    let reading: Reading;
    if (g.unit === 'month') {
      const month = n > 0 ? n : 12;
      const from = makeDay(year, month, 1) as Day;
      reading = rangeReading(from, shiftDays(makeDay(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) as Day, -1));
    } else {
      reading = { kind: 'date', date: makeDay(year, n > 0 ? 1 : 12, n > 0 ? 1 : 31) as Day };
    }
    const start = reading.kind === 'date' ? reading.date : reading.kind === 'range' ? reading.earliest : null;
    if (start && start > ctx.today) return { kind: 'future' };
    if (reading.kind === 'range' && reading.latest > ctx.today) return rangeReading(reading.earliest, ctx.today);
    return reading;
  },
};

export const partsOfYears: Recognizer[] = [dayOrMonthOfYear, quarterOrHalf, partOfYearRecognizer, yearBeforeLast];
