import { subMonths, subYears } from 'date-fns';
import { type Day, makeDay, shiftDays } from '../../calendar';
import { mostRecentMonthDay, mostRecentMonthStart, partOfMonth, weekdayOfIsoWeek } from '../calendarRules';
import { dateReading, type Reading, rangeReading } from '../reading';
import { monthOf, startOfThisOrLastMonth } from './expressions';
import type { ReadContext } from './recognizer';

/** Customers write "1/2/26": a two-digit year is in this century. */
const TWO_DIGIT_YEAR_CENTURY = 2000;

/** today − n units, calendar-wise ("a month ago" on Mar 31 is Feb 28). */
export function unitsAgo(today: Day, n: number, unit: string): Day {
  if (unit.startsWith('day')) return shiftDays(today, -n);
  if (unit.startsWith('week')) return shiftDays(today, -7 * n);
  if (unit.startsWith('fortnight')) return shiftDays(today, -14 * n);
  if (unit.startsWith('month')) return subMonths(today, n);
  return subYears(today, n);
}

export function yearOf(text: string | undefined): number | null {
  if (!text) return null;
  const y = Number(text);
  return text.length === 2 ? TWO_DIGIT_YEAR_CENTURY + y : y;
}

/** A day from numbers, literal when the year is given, else the most recent occurrence. */
export function calendarDay(ctx: ReadContext, month: number, day: number, year: number | null): Day | null {
  return year === null ? mostRecentMonthDay(ctx.today, month, day) : makeDay(year, month, day);
}

export function monthStartFor(ctx: ReadContext, month: number, yearText?: string): Day {
  const year = yearOf(yearText);
  return year === null ? mostRecentMonthStart(ctx.today, month) : (makeDay(year, month, 1) as Day);
}

/** A part of a month that may still be running: cut at today; if it has not begun, last year's. */
export function monthPartSoFar(ctx: ReadContext, monthStart: Day, part: 'early' | 'mid' | 'late' | 'whole', yearGiven: boolean): Reading {
  let [from, to] = partOfMonth(monthStart, part);
  if (from > ctx.today && !yearGiven) [from, to] = partOfMonth(subYears(monthStart, 1), part);
  if (from > ctx.today) return { kind: 'future' };
  return rangeReading(from, to > ctx.today ? ctx.today : to);
}

/** A day that may be in the future: then it is no purchase yet. */
export function dayOrFuture(ctx: ReadContext, day: Day): Reading {
  return day > ctx.today ? { kind: 'future' } : dateReading(day);
}

export function dayOrNull(day: Day | null): Reading | null {
  return day ? dateReading(day) : null;
}

export function dayRangeInMonth(ctx: ReadContext, month: number, from: number, to: number, yearText?: string): Reading | null {
  const last = calendarDay(ctx, month, to, yearOf(yearText));
  const first = last && makeDay(last.getFullYear(), month, from);
  return first && last && first <= last ? rangeReading(first, last) : null;
}

export function isoWeekRange(ctx: ReadContext, weeksBack: number): Reading {
  return rangeReading(weekdayOfIsoWeek(ctx.today, 1, weeksBack), weekdayOfIsoWeek(ctx.today, 7, weeksBack));
}

/** First day of the month a MONTH_REFERENCE names ("last month", "this month", "February 2026"). */
export function startOfReferencedMonth(ctx: ReadContext, groups: Record<string, string | undefined>): Day {
  return groups.relativeMonth
    ? startOfThisOrLastMonth(ctx.today, groups.relativeMonth)
    : monthStartFor(ctx, monthOf(groups.month as string), groups.year);
}
