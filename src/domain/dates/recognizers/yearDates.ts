import { type Day, makeDay } from '../../calendar';
import { rangeReading } from '../reading';
import { dayOrFuture, monthPartSoFar } from './days';
import { MONTH, monthOf, num, ORDINAL_SUFFIX } from './expressions';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

/**
 * Calendar dates with a month name and a year in any position ("Sep 23rd of 2020",
 * "2020 Sep 23", "2020/23/Sep", "23 Sep of 2020") and a month with its year ("October of
 * 2019", "2019 October"). They run before chrono-node, which drops the year in some of these
 * shapes and then guesses one: with a year written, the year is taken literally.
 */

/** A four-digit year that is no part of a longer number ("'19" is four digits by now: see yearWords.ts). */
const YEAR = '(?<![\\d/.-])(?<year>(?:19|20)\\d{2})(?![\\d]|[/.-]\\d)';
/** A year that opens the date: what follows it is the rest of the date ("2020/23/Sep"). */
const YEAR_FIRST = '(?<![\\d/.-])(?<year>(?:19|20)\\d{2})(?!\\d)';
const DAY = `(?<day>\\d{1,2})${ORDINAL_SUFFIX}?`;
/** What may stand between a day and its year: "23, 2020", "23rd of 2020", "23 in 2020", "11 julio de 2015". */
const BEFORE_YEAR = '(?:,?\\s+(?:of|in|de)\\s+|,?\\s+)';
const SEP = '[\\s/.,-]+';

function exactDay(ctx: ReadContext, g: Record<string, string | undefined>) {
  const day = makeDay(num(g.year), monthOf(g.month as string), num(g.day));
  return day ? dayOrFuture(ctx, day) : null;
}

/** "September 23, 2020", "Sep 23rd of 2020", "march the 3rd in 2026". */
export const monthDayOfYear: Recognizer = {
  name: 'month-day-of-year',
  pattern: new RegExp(`\\b(?<month>${MONTH})\\s+(?:the\\s+)?${DAY}\\b${BEFORE_YEAR}${YEAR}`, 'g'),
  read: (m, ctx) => exactDay(ctx, groupsOf(m)),
};

/** "23 Sep 2020", "the 12th of February of 2026", "30th of december, 2025". */
export const dayMonthOfYear: Recognizer = {
  name: 'day-month-of-year',
  pattern: new RegExp(`\\b(?:the\\s+)?${DAY}\\s+(?:of\\s+)?(?<month>${MONTH})${BEFORE_YEAR}${YEAR}`, 'g'),
  read: (m, ctx) => exactDay(ctx, groupsOf(m)),
};

/** "2020 Sep 23", "2020-sep-23", "2020/23/Sep": with the year first, the month name says which number is the day. */
export const yearFirstWithMonthName: Recognizer = {
  name: 'year-first-with-month-name',
  pattern: new RegExp(
    `${YEAR_FIRST}${SEP}(?:(?<month>${MONTH})${SEP}(?:the\\s+)?${DAY}\\b|(?<dayBefore>\\d{1,2})${ORDINAL_SUFFIX}?${SEP}(?:of\\s+)?(?<monthAfter>${MONTH})(?![a-z]))`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    return exactDay(ctx, { year: g.year, month: g.month ?? g.monthAfter, day: g.day ?? g.dayBefore });
  },
};

/** "October of 2019", "in 2019 October": the whole month, cut at today when it is this month. */
export const monthOfYear: Recognizer = {
  name: 'month-of-year',
  pattern: new RegExp(
    `\\b(?<month>${MONTH}),?\\s+(?:of|in)\\s+${YEAR}|${YEAR_FIRST.replace('<year>', '<yearFirst>')},?\\s+(?:in\\s+)?(?<monthAfter>${MONTH})(?![a-z])(?!\\s*\\d)`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const month = monthOf((g.month ?? g.monthAfter) as string);
    const monthStart = makeDay(num(g.year ?? g.yearFirst), month, 1);
    return monthStart ? monthPartSoFar(ctx, monthStart, 'whole', true) : null;
  },
};

/** "March of last year", "the 3rd of March last year", "december of this year": the year said in words. */
export const monthOfRelativeYear: Recognizer = {
  name: 'month-of-relative-year',
  pattern: new RegExp(
    `\\b(?:(?:the\\s+)?(?<dayFirst>\\d{1,2})${ORDINAL_SUFFIX}?\\s+(?:of\\s+)?)?(?<month>${MONTH})(?:\\s+(?:the\\s+)?(?<dayAfter>\\d{1,2})${ORDINAL_SUFFIX}?\\b)?,?\\s+(?:of\\s+|in\\s+)?(?:the\\s+)?(?<relative>last|this|previous|past) year\\b`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const year = ctx.today.getFullYear() - (g.relative === 'this' ? 0 : 1);
    const dayText = g.dayFirst ?? g.dayAfter;
    if (dayText) return exactDay(ctx, { year: String(year), month: g.month, day: dayText });
    const monthStart = makeDay(year, monthOf(g.month as string), 1);
    return monthStart ? monthPartSoFar(ctx, monthStart, 'whole', true) : null;
  },
};

/** "between 2015 and 2016", "from 2019 to 2021": every day of those years (cut at today). */
export const betweenYears: Recognizer = {
  name: 'between-years',
  pattern: /\b(?:between|from)\s+(?<from>(?:19|20)\d{2})\s+(?:and|to|till|until|through|thru|-)\s+(?<to>(?:19|20)\d{2})\b(?![/.-]\d)/g,
  read: (m, ctx) => {
    const g = groupsOf(m);
    const [from, to] = [num(g.from), num(g.to)];
    if (from > to) return null;
    const first = makeDay(from, 1, 1) as Day;
    if (first > ctx.today) return { kind: 'future' };
    const last = makeDay(to, 12, 31) as Day;
    return rangeReading(first, last > ctx.today ? ctx.today : last);
  },
};

export const yearDates: Recognizer[] = [
  betweenYears,
  monthOfRelativeYear,
  monthDayOfYear,
  dayMonthOfYear,
  yearFirstWithMonthName,
  monthOfYear,
];
