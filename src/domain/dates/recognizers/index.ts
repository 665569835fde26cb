/**
 * The date recognizers, in the order they run. Earlier ones blank out what they read,
 * so a longer phrase ("the last Friday of last month") wins over its parts, and numbers
 * that are not dates are gone before any date recognizer looks. Keep the order.
 */

import { bareYearsAndMonths } from './bareYearsMonths';
import { bareDayOfMonth, dayOfMonth, dottedDate, isoDate, monthTheDay, numericDateRecognizer, weekdayAndBareDay } from './calendarDates';
import { isoDateTime, markedCompactDate, spacedDayMonthYear, spacedYearMonthDay } from './compactDates';
import { betweenDaysOfMonth, betweenMonthDays, monthDayOrDay } from './dayRanges';
import { holidays } from './holidays';
import { isoWeekCode, isoWeekNumber, nthWeekOfYear, weekNumberOfMonth } from './isoWeeks';
import { impossibleFebruaryDay, leapDay } from './leapDay';
import {
  dayOfRelativeMonth,
  earlierThisMonth,
  lastMonth,
  monthOnly,
  nthWeekOfMonth,
  partOfNamedMonth,
  partOfRelativeMonth,
  thisMonth,
} from './months';
import { numericMonthYear } from './monthYear';
import {
  clockTime,
  longNumber,
  modelNumber,
  money,
  phoneNumber,
  placeOrdinal,
  quantity,
  referenceNumber,
  weekdayNextToDate,
} from './notDates';
import { partsOfYears } from './partsOfYears';
import { pastSpanToToday } from './pastSpans';
import type { Recognizer } from './recognizer';
import { dayBeforeYesterday, today, yesterday } from './relativeDays';
import {
  aboutMonthsAgo,
  aUnitOrTwoAgo,
  fewUnitsAgo,
  futureRelative,
  hadItFor,
  hoursAgo,
  moreOrLessThanAgo,
  unitsAgoRecognizer,
  unitsAndAHalfAgo,
  unitsAndUnitsAgo,
  unitsRangeAgo,
} from './relativeSpans';
import { season } from './seasons';
import {
  lastWeekday,
  nextWeekday,
  nthWeekdayOfMonthRecognizer,
  plainWeekday,
  weekdayBeforeLast,
  weekdayOfLastWeek,
  weekdayThisWeek,
} from './weekdays';
import { lastWeek, thisWeek, weekBeforeLast, weekend, weekendBeforeLast } from './weeks';
import { yearDates } from './yearDates';
import { lastYear, thisYear, yearOnly } from './years';

export { calendarDay } from './days';
export type { ReadContext, Recognizer } from './recognizer';

/** Recognizers that run before chrono-node reads the calendar dates written with a month name. */
export const RECOGNIZERS_BEFORE_CHRONO: Recognizer[] = [
  ...holidays,

  // a weekday with a bare day number ("Friday 13"), before the weekday beside a date is blanked
  weekdayAndBareDay,

  // numbers that are not dates
  weekdayNextToDate,
  isoDateTime,
  isoWeekCode,
  // "mid-2024" looks like a model number
  ...partsOfYears,
  referenceNumber,
  money,
  phoneNumber,
  modelNumber,
  clockTime,
  quantity,
  placeOrdinal,
  markedCompactDate,
  longNumber,

  // February 29 (also in a year without one) before any other reader of month and day
  leapDay,
  impossibleFebruaryDay,

  // weekdays tied to a month or week
  nthWeekdayOfMonthRecognizer,
  weekdayBeforeLast,
  weekdayOfLastWeek,
  weekdayThisWeek,
  nextWeekday,

  weekNumberOfMonth,
  dayOfRelativeMonth,
  nthWeekOfMonth,
  nthWeekOfYear,
  weekendBeforeLast,

  // ranges between two days
  betweenDaysOfMonth,
  betweenMonthDays,

  monthDayOrDay,
  monthTheDay,
  ...yearDates,

  // numeric dates
  isoDate,
  dottedDate,
  numericDateRecognizer,
  numericMonthYear,
  spacedYearMonthDay,
  spacedDayMonthYear,

  // relative to today
  pastSpanToToday,
  futureRelative,
  unitsRangeAgo,
  aUnitOrTwoAgo,
  fewUnitsAgo,
  moreOrLessThanAgo,
  aboutMonthsAgo,
  unitsAndUnitsAgo,
  unitsAndAHalfAgo,
  hadItFor,
  unitsAgoRecognizer,
  hoursAgo,
  dayBeforeYesterday,
  yesterday,
  today,

  // parts of months and named periods
  partOfRelativeMonth,
  partOfNamedMonth,
  ...bareYearsAndMonths,
  season,
  isoWeekNumber,
  weekBeforeLast,
  lastWeek,
  thisWeek,
  weekend,
  earlierThisMonth,
  thisMonth,
  lastMonth,
  lastYear,
  yearOnly,
  thisYear,

  // plain weekdays
  lastWeekday,
  plainWeekday,
];

/** Recognizers that run after chrono-node has read the calendar dates written with a month name. */
export const RECOGNIZERS_AFTER_CHRONO: Recognizer[] = [monthOnly, dayOfMonth, bareDayOfMonth];
