import { endOfMonth, startOfISOWeek, startOfMonth, subMonths } from 'date-fns';
import { type Day, makeDay, shiftDays } from '../calendar';

/** Month names and their usual abbreviations, 1-12. */
export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
export const MONTH_PATTERN =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';

/** ISO weekday numbers, Monday = 1 … Sunday = 7. */
export const WEEKDAYS: Record<string, number> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};
export const WEEKDAY_PATTERN = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri)';

export const isoWeekday = (d: Day): number => ((d.getDay() + 6) % 7) + 1;

/**
 * The most recent given weekday strictly before today (1 to 7 days ago).
 * @example previousWeekday(friday, 5) // the Friday a week earlier
 */
export function previousWeekday(today: Day, weekday: number): Day {
  const back = (isoWeekday(today) - weekday + 7) % 7 || 7;
  return shiftDays(today, -back);
}

/** The given weekday in the ISO week that starts `weeksBack` weeks before this one. */
export function weekdayOfIsoWeek(today: Day, weekday: number, weeksBack: number): Day {
  return shiftDays(startOfISOWeek(today), weekday - 1 - 7 * weeksBack);
}

/** Feb 29 can be 8 years apart (2096 → 2104), so that far back a month/day has always occurred. */
const MONTH_DAY_SEARCH_YEARS = 8;
/** Every day 1-31 occurs within the last 13 months (the 31st within 2, since January or March has one). */
const DAY_OF_MONTH_SEARCH_MONTHS = 13;

/** The most recent month/day not after today (skips years without that day, e.g. Feb 29). */
export function mostRecentMonthDay(today: Day, month: number, day: number): Day | null {
  for (let year = today.getFullYear(); year >= today.getFullYear() - MONTH_DAY_SEARCH_YEARS; year--) {
    const d = makeDay(year, month, day);
    if (d && d.getTime() <= today.getTime()) return d;
  }
  return null;
}

/** The most recent "15th" not after today; months that lack the day are skipped. */
export function mostRecentDayOfMonth(today: Day, day: number): Day | null {
  for (let back = 0; back < DAY_OF_MONTH_SEARCH_MONTHS; back++) {
    const month = subMonths(startOfMonth(today), back);
    const d = makeDay(month.getFullYear(), month.getMonth() + 1, day);
    if (d && d.getTime() <= today.getTime()) return d;
  }
  return null;
}

/** First day of the most recent occurrence of `month` that has begun by today. */
export function mostRecentMonthStart(today: Day, month: number): Day {
  const year = month <= today.getMonth() + 1 ? today.getFullYear() : today.getFullYear() - 1;
  return makeDay(year, month, 1) as Day;
}

/** "early/mid/late March" split a month in thirds at these days (the labelling convention: 1-10, 11-20, 21-end). */
const LAST_DAY_OF_EARLY = 10;
const LAST_DAY_OF_MID = 20;

/** Part of a month: early = days 1-10, mid = 11-20, late = 21-end. */
export function partOfMonth(monthStart: Day, part: 'early' | 'mid' | 'late' | 'whole'): [Day, Day] {
  const last = endOfMonth(monthStart);
  const lastDay = makeDay(last.getFullYear(), last.getMonth() + 1, last.getDate()) as Day;
  switch (part) {
    case 'early':
      return [monthStart, shiftDays(monthStart, LAST_DAY_OF_EARLY - 1)];
    case 'mid':
      return [shiftDays(monthStart, LAST_DAY_OF_EARLY), shiftDays(monthStart, LAST_DAY_OF_MID - 1)];
    case 'late':
      return [shiftDays(monthStart, LAST_DAY_OF_MID), lastDay];
    default:
      return [monthStart, lastDay];
  }
}

/** The n-th (1-based, or -1 for last) weekday of the month starting at `monthStart`. */
export function nthWeekdayOfMonth(monthStart: Day, weekday: number, n: number): Day {
  if (n > 0) {
    const first = shiftDays(monthStart, (weekday - isoWeekday(monthStart) + 7) % 7);
    return shiftDays(first, 7 * (n - 1));
  }
  const [, lastDay] = partOfMonth(monthStart, 'whole');
  return shiftDays(lastDay, -((isoWeekday(lastDay) - weekday + 7) % 7));
}
