import { shiftDays } from '../../calendar';
import { isoWeekday, nthWeekdayOfMonth, previousWeekday, weekdayOfIsoWeek } from '../calendarRules';
import { dateReading, type Reading } from '../reading';
import { dayOrFuture, startOfReferencedMonth } from './days';
import { MONTH_REFERENCE, ORDINAL_OF_MONTH, ordinalOfMonth, WEEKDAY, weekdayOf } from './expressions';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

/**
 * Weekday abbreviations that are also everyday words: "wed" (got wed). On its own it is no day.
 * ("sat" and "sun" are left out of WEEKDAY altogether, for the same reason.)
 */
const WEEKDAY_WORDS_THAT_ARE_ENGLISH = new Set(['wed']);

/**
 * "last Friday" (or plain "Friday") read as the most recent Friday before today.
 * People split between yesterday and the week before when it was yesterday, and plain
 * "Friday" said on a Friday may mean today or a week ago: both are readings.
 */
function lastOrThisWeekday(ctx: ReadContext, weekday: number, plain: boolean): Reading {
  const yesterday = shiftDays(ctx.today, -1);
  if (plain && isoWeekday(ctx.today) === weekday) return { kind: 'ambiguous', readings: [shiftDays(ctx.today, -7), ctx.today] };
  const day = previousWeekday(ctx.today, weekday);
  if (day.getTime() === yesterday.getTime()) return { kind: 'ambiguous', readings: [shiftDays(day, -7), day] };
  return dateReading(day);
}

/** "the first Monday of last month", "the last Friday in February 2026". */
export const nthWeekdayOfMonthRecognizer: Recognizer = {
  name: 'nth-weekday-of-month',
  pattern: new RegExp(`\\b(?:the\\s+)?(?<ordinal>${ORDINAL_OF_MONTH})\\s+(?<weekday>${WEEKDAY})\\s+(?:of|in)\\s+${MONTH_REFERENCE}`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const monthStart = startOfReferencedMonth(ctx, g);
    return dayOrFuture(ctx, nthWeekdayOfMonth(monthStart, weekdayOf(g.weekday as string), ordinalOfMonth(g.ordinal as string)));
  },
};

/** "the Friday before last": a week before last Friday. */
export const weekdayBeforeLast: Recognizer = {
  name: 'weekday-before-last',
  pattern: new RegExp(`\\b(?:the\\s+)?(?<weekday>${WEEKDAY})\\s+before\\s+last\\b`, 'g'),
  read: (m, ctx) => dateReading(shiftDays(previousWeekday(ctx.today, weekdayOf(groupsOf(m).weekday as string)), -7)),
};

/** "Friday last week", "last week on Thursday"; "Friday the week …" is matched so that it is not read as last week. */
export const weekdayOfLastWeek: Recognizer = {
  name: 'weekday-of-last-week',
  pattern: new RegExp(
    `\\b(?:(?:on\\s+)?(?<weekdayFirst>${WEEKDAY})\\s+(?:of\\s+)?(?<which>last|the previous|previous|this past|the) week|(?:last|the previous|previous) week(?:'s)?,?\\s+(?:on\\s+)?(?:a\\s+)?(?<weekdayAfter>${WEEKDAY}))\\b`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    if (g.which === 'the') return null;
    return dateReading(weekdayOfIsoWeek(ctx.today, weekdayOf((g.weekdayFirst ?? g.weekdayAfter) as string), 1));
  },
};

/** "this Monday", "Monday of this week": that day of the current ISO week. */
export const weekdayThisWeek: Recognizer = {
  name: 'weekday-this-week',
  pattern: new RegExp(`\\b(?:this\\s+(?<weekdayAfter>${WEEKDAY})|(?<weekdayFirst>${WEEKDAY})\\s+(?:of\\s+)?this week)\\b`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    return dayOrFuture(ctx, weekdayOfIsoWeek(ctx.today, weekdayOf((g.weekdayAfter ?? g.weekdayFirst) as string), 0));
  },
};

export const nextWeekday: Recognizer = {
  name: 'next-weekday',
  pattern: new RegExp(`\\b(?:next|coming)\\s+${WEEKDAY}\\b`, 'g'),
  read: () => ({ kind: 'future' }),
};

/** "last Friday", "this past Friday". */
export const lastWeekday: Recognizer = {
  name: 'last-weekday',
  pattern: new RegExp(`\\b(?:last|this past|past|previous)\\s+(?<weekday>${WEEKDAY})\\b`, 'g'),
  read: (m, ctx) => lastOrThisWeekday(ctx, weekdayOf(groupsOf(m).weekday as string), false),
};

/** "on Friday": a weekday on its own, not followed by a day number ("Friday the 13th" is a date). */
export const plainWeekday: Recognizer = {
  name: 'weekday',
  pattern: new RegExp(`\\b(?<weekday>${WEEKDAY})\\b(?!\\s*(?:the\\s+)?\\d)`, 'g'),
  read: (m, ctx) => {
    const weekday = groupsOf(m).weekday as string;
    return WEEKDAY_WORDS_THAT_ARE_ENGLISH.has(weekday) ? null : lastOrThisWeekday(ctx, weekdayOf(weekday), true);
  },
};
