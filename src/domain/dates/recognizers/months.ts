import { startOfMonth } from 'date-fns';
import { type Day, makeDay, shiftDays } from '../../calendar';
import { partOfMonth } from '../calendarRules';
import { dateReading, rangeReading } from '../reading';
import { dayOrFuture, monthPartSoFar, monthStartFor, startOfReferencedMonth } from './days';
import {
  MONTH,
  MONTH_REFERENCE,
  monthOf,
  num,
  ORDINAL_OF_MONTH,
  ORDINAL_SUFFIX,
  ordinalOfMonth,
  startOfThisOrLastMonth,
  THIS_OR_LAST,
} from './expressions';
import { groupsOf, type Recognizer } from './recognizer';

type MonthPart = 'early' | 'mid' | 'late';
const PART_NAMES: Record<string, MonthPart> = {
  early: 'early',
  beginning: 'early',
  start: 'early',
  first: 'early',
  mid: 'mid',
  middle: 'mid',
  late: 'late',
  end: 'late',
};
const PART_OF_MONTH = 'early|beginning of|the beginning of|start of|the start of|mid|middle of|the middle of|late|end of|the end of';
const partName = (p: string): MonthPart => PART_NAMES[p.replace(/^the /, '').split(/[\s-]/)[0]];

/** "may" is mostly the verb ("I may have"): a month only after "in", "since" … or with a year. */
const MONTHS_NEEDING_A_PREPOSITION = new Set(['may']);
/** "mar" (to damage), "sep", "dec", "jan" (a name) are words or shorthand of their own: a month only with a year. */
const MONTHS_NEEDING_A_YEAR = new Set(['mar', 'sep', 'dec', 'jan']);

/** "the 5th of last month", "last month on the 5th". */
export const dayOfRelativeMonth: Recognizer = {
  name: 'day-of-relative-month',
  pattern: new RegExp(
    `\\b(?:the\\s+)?(?<dayFirst>\\d{1,2})${ORDINAL_SUFFIX}?\\s+of\\s+(?:the\\s+)?(?<monthAfter>${THIS_OR_LAST})\\s+month|\\b(?<monthFirst>${THIS_OR_LAST})\\s+month,?\\s+on\\s+the\\s+(?<dayAfter>\\d{1,2})${ORDINAL_SUFFIX}?`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const start = startOfThisOrLastMonth(ctx.today, g.monthAfter ?? g.monthFirst);
    const day = makeDay(start.getFullYear(), start.getMonth() + 1, num(g.dayFirst ?? g.dayAfter));
    return day ? dayOrFuture(ctx, day) : null;
  },
};

/** "the second week of February", "the last week of last month": 7 days from the 1st (or to the last day). */
export const nthWeekOfMonth: Recognizer = {
  name: 'nth-week-of-month',
  pattern: new RegExp(`\\b(?:the\\s+)?(?<ordinal>${ORDINAL_OF_MONTH})\\s+week\\s+(?:of|in)\\s+${MONTH_REFERENCE}`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const monthStart = startOfReferencedMonth(ctx, g);
    const n = ordinalOfMonth(g.ordinal as string);
    const [, lastDay] = partOfMonth(monthStart, 'whole');
    const from = n > 0 ? shiftDays(monthStart, 7 * (n - 1)) : shiftDays(lastDay, -6);
    const to = n > 0 ? shiftDays(from, 6) : lastDay;
    if (from > ctx.today) return { kind: 'future' };
    return rangeReading(from, to > ctx.today ? ctx.today : to);
  },
};

/** "early last month", "the end of the month" (no word, or "the", means this month). */
export const partOfRelativeMonth: Recognizer = {
  name: 'part-of-relative-month',
  pattern: new RegExp(`\\b(?<part>${PART_OF_MONTH})\\s+(?:of\\s+)?(?:the\\s+)?(?<which>${THIS_OR_LAST}|the)?\\s*month\\b`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const which = !g.which || g.which === 'the' ? 'this' : g.which;
    return monthPartSoFar(ctx, startOfThisOrLastMonth(ctx.today, which), partName(g.part as string), true);
  },
};

/** "late February", "mid-march 2025". */
export const partOfNamedMonth: Recognizer = {
  name: 'part-of-named-month',
  pattern: new RegExp(`\\b(?<part>${PART_OF_MONTH})[-\\s]+(?:of\\s+)?(?<month>${MONTH})(?:\\s+(?<year>\\d{4}))?\\b(?!\\s*\\d)`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    return monthPartSoFar(ctx, monthStartFor(ctx, monthOf(g.month as string), g.year), partName(g.part as string), Boolean(g.year));
  },
};

/** "earlier this month": the 1st … yesterday (today itself on the 1st). */
export const earlierThisMonth: Recognizer = {
  name: 'earlier-this-month',
  pattern: /\bearlier (?:this|in the) month\b/g,
  read: (_m, ctx) => {
    const yesterday = shiftDays(ctx.today, -1);
    return yesterday < startOfMonth(ctx.today) ? dateReading(ctx.today) : rangeReading(startOfMonth(ctx.today) as Day, yesterday);
  },
};

export const thisMonth: Recognizer = {
  name: 'this-month',
  pattern: /\b(?:this|the current) month\b/g,
  read: (_m, ctx) => rangeReading(startOfMonth(ctx.today) as Day, ctx.today),
};

export const lastMonth: Recognizer = {
  name: 'last-month',
  pattern: /\b(?:last|previous|the previous|past) month\b/g,
  read: (_m, ctx) => monthPartSoFar(ctx, startOfThisOrLastMonth(ctx.today, 'last'), 'whole', true),
};

/**
 * "in February", "March 2025": the whole month. Runs after chrono-node has read dates
 * with a month name; not "Feb 30" or "31st of February": an impossible day is no date, not the whole month.
 */
export const monthOnly: Recognizer = {
  name: 'month-only',
  pattern: new RegExp(
    `\\b(?:(?<preposition>in|during|back in|sometime in|around|since)\\s+)?(?<!\\d${ORDINAL_SUFFIX}?\\s+(?:of\\s+)?)(?<month>${MONTH})(?:,?\\s+(?<year>\\d{4}))?\\b(?!\\s*\\d)`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const month = g.month as string;
    if (!g.year && MONTHS_NEEDING_A_PREPOSITION.has(month) && !g.preposition) return null;
    if (!g.year && MONTHS_NEEDING_A_YEAR.has(month)) return null;
    return monthPartSoFar(ctx, monthStartFor(ctx, monthOf(month), g.year), 'whole', Boolean(g.year));
  },
};
