import { startOfISOWeek } from 'date-fns';
import { type Day, shiftDays } from '../calendar';
import { WEEKDAY_PATTERN } from './calendarRules';
import { type Mention, type Reading, rangeReading } from './reading';

/**
 * "the week of March 2nd", "the week of 2/16", "the week of Christmas": the week around a day.
 *
 * Convention (issue 16; DATES.md: a week is an ISO week, and where US and ISO weeks disagree the
 * answer is not decided on one of them): people mean the week that holds the day (Monday … Sunday,
 * or Sunday … Saturday) or the 7 days from it (a week "of" its Monday). The reading is the range
 * covering all three: from the Sunday or Monday that opens the day's week to the day + 6. It decides
 * only when every one of those readings does.
 */
/** "the week of ", also with the day's weekday: "the week of Monday, Feb 16". */
const WEEK_OF = new RegExp(`\\b(?:the\\s+)?week\\s+of\\s+(?:(?:${WEEKDAY_PATTERN}|sat|sun),?\\s+)?$`);
const DAYS_IN_WEEK = 7;
const SUNDAY = 0;

/**
 * Mentions of a day right after "the week of", widened to the week around it.
 * @example 'the week of feb 16' (a Monday) → range Sunday Feb 15 … Sunday Feb 22
 */
export function widenWeekOf(text: string, mentions: Mention[]): Mention[] {
  return mentions.map((mention) => {
    const weekOf = WEEK_OF.exec(text.slice(0, mention.start));
    const days = daysOf(mention.reading);
    if (!weekOf || days.length === 0) return mention;
    const first = days.reduce((a, b) => (a < b ? a : b));
    const last = days.reduce((a, b) => (a > b ? a : b));
    const start = weekOf.index;
    return {
      start,
      end: mention.end,
      reading: rangeReading(weekStart(first), shiftDays(last, DAYS_IN_WEEK - 1)),
      source: text.slice(start, mention.end),
    };
  });
}

/** The Monday of the day's ISO week, or the Sunday before it when the US week (Sunday … Saturday) starts earlier. */
function weekStart(day: Day): Day {
  const monday = startOfISOWeek(day) as Day;
  return day.getDay() === SUNDAY ? monday : shiftDays(monday, -1);
}

function daysOf(reading: Reading): Day[] {
  if (reading.kind === 'date') return [reading.date];
  if (reading.kind === 'ambiguous') return reading.readings;
  return [];
}
