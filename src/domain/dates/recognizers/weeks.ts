import { startOfISOWeek } from 'date-fns';
import { type Day, shiftDays } from '../../calendar';
import { previousWeekday } from '../calendarRules';
import { rangeReading } from '../reading';
import { isoWeekRange } from './days';
import type { Recognizer } from './recognizer';

const SATURDAY = 6;

export const weekendBeforeLast: Recognizer = {
  name: 'weekend-before-last',
  pattern: /\b(?:the\s+)?weekend before last\b/g,
  read: (_m, ctx) => {
    const saturday = shiftDays(previousWeekday(ctx.today, SATURDAY), -7);
    return rangeReading(saturday, shiftDays(saturday, 1));
  },
};

export const weekBeforeLast: Recognizer = {
  name: 'week-before-last',
  pattern: /\b(?:the\s+)?week before last\b/g,
  read: (_m, ctx) => isoWeekRange(ctx, 2),
};

/** "last week": Monday … Sunday of the previous ISO week. */
export const lastWeek: Recognizer = {
  name: 'last-week',
  pattern: /\b(?:last|previous|the previous|past|the past) week\b/g,
  read: (_m, ctx) => isoWeekRange(ctx, 1),
};

/** "earlier this week": Monday of this ISO week … today. */
export const thisWeek: Recognizer = {
  name: 'this-week',
  pattern: /\b(?:this|earlier this|earlier in the) week\b/g,
  read: (_m, ctx) => rangeReading(startOfISOWeek(ctx.today) as Day, ctx.today),
};

/** "over the weekend": the most recent Saturday … Sunday (cut at today when said on Sunday). */
export const weekend: Recognizer = {
  name: 'weekend',
  pattern: /\b(?:over the|last|this past|past|on the|this|the) weekend\b/g,
  read: (_m, ctx) => {
    const saturday = previousWeekday(ctx.today, SATURDAY);
    const sunday = shiftDays(saturday, 1);
    return rangeReading(saturday, sunday > ctx.today ? ctx.today : sunday);
  },
};
