import { type Day, makeDay } from '../../calendar';
import { mostRecentDayOfMonth } from '../calendarRules';
import { rangeReading } from '../reading';
import { calendarDay, dayRangeInMonth, yearOf } from './days';
import { MONTH, monthOf, num, ORDINAL_SUFFIX } from './expressions';
import { groupsOf, type Recognizer } from './recognizer';

const RANGE_WORD = '(?:and|to|-|through|till|until)';

/**
 * "between the 3rd and the 10th" (no month: the most recent month in which the later day has come),
 * "from the 3rd to the 10th of March 2026"; not "between 2 and 3 weeks", "from 3-4/2025", nor half of "3rd".
 */
export const betweenDaysOfMonth: Recognizer = {
  name: 'between-days-of-month',
  pattern: new RegExp(
    `\\b(?:between|from)\\s+(?:the\\s+)?(?<from>\\d{1,2})${ORDINAL_SUFFIX}?\\s+${RANGE_WORD}\\s+(?:the\\s+)?(?<to>\\d{1,2})${ORDINAL_SUFFIX}?\\b(?:\\s+(?:of\\s+)?(?<month>${MONTH})(?:\\s+(?<year>\\d{4}))?)?(?!\\s*(?:days|weeks|months|\\/|-|\\d))`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const [a, b] = [num(g.from), num(g.to)];
    if (a > b || b > 31) return null;
    if (g.month) return dayRangeInMonth(ctx, monthOf(g.month), a, b, g.year);
    const later = mostRecentDayOfMonth(ctx.today, b);
    return later ? rangeReading(makeDay(later.getFullYear(), later.getMonth() + 1, a) as Day, later) : null;
  },
};

/** "between Feb 10 and Feb 20", "Dec 28 - Jan 3" (a range across New Year starts in the year before). */
export const betweenMonthDays: Recognizer = {
  name: 'between-month-days',
  pattern: new RegExp(
    `\\b(?:between|from)?\\s*(?<fromMonth>${MONTH})\\s+(?<from>\\d{1,2})${ORDINAL_SUFFIX}?\\s*${RANGE_WORD}\\s*(?:(?<toMonth>${MONTH})\\s+)?(?<to>\\d{1,2})${ORDINAL_SUFFIX}?\\b(?:,?\\s+(?<year>\\d{4}))?(?!\\s*(?:days|weeks|months|\\/|:))`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const fromMonth = monthOf(g.fromMonth as string);
    const toMonth = g.toMonth ? monthOf(g.toMonth) : fromMonth;
    if (fromMonth !== toMonth) {
      const to = calendarDay(ctx, toMonth, num(g.to), yearOf(g.year));
      const from = to && makeDay(fromMonth > toMonth ? to.getFullYear() - 1 : to.getFullYear(), fromMonth, num(g.from));
      return from && to ? rangeReading(from, to) : null;
    }
    return dayRangeInMonth(ctx, fromMonth, num(g.from), num(g.to), g.year);
  },
};

/** "febuary 20 or 21": both days are readings. */
export const monthDayOrDay: Recognizer = {
  name: 'month-day-or-day',
  pattern: new RegExp(
    `\\b(?<month>${MONTH})\\s+(?<first>\\d{1,2})${ORDINAL_SUFFIX}?\\s+or\\s+(?:the\\s+)?(?<second>\\d{1,2})${ORDINAL_SUFFIX}?\\b`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const month = monthOf(g.month as string);
    const days = [num(g.first), num(g.second)].map((d) => calendarDay(ctx, month, d, null)).filter((d): d is Day => d !== null);
    return days.length === 2 ? { kind: 'ambiguous', readings: days } : null;
  },
};
