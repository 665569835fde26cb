import { type Day, makeDay } from '../../calendar';
import { mostRecentMonthDay } from '../calendarRules';
import { dateReading, type Reading } from '../reading';
import { yearOf } from './days';
import { notAfterToday } from './notAfterToday';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

const FEBRUARY = 2;
const MARCH = 3;
const LEAP_DAY = 29;
const LAST_OF_FEBRUARY = 28;

const FEB = 'feb(?:ruary)?\\.?';
/** An optional year after a written date; Node 20 wants a distinct group name in each alternative. */
const year = (group: string) => `(?:,?\\s+(?<${group}>\\d{4}))?`;
/** Not inside an ISO date or a longer number ("2026-02-29" is the ISO recognizer's). */
const NOT_IN_A_NUMBER = '(?<![\\d/.-])';

/**
 * Feb 29 written in a year that has none. With a year ("Feb 29, 2026") the customer meant the end of
 * that February: Feb 28 or Mar 1. Without one it is the most recent Feb 29 that existed, unless Feb 28
 * or Mar 1 of the latest February decides differently: then all of them are readings, and we ask.
 * @example leapDayReading(2026-03-15 as today, null) // ambiguous [2024-02-29, 2026-02-28, 2026-03-01], 2024-02-29 preferred
 */
export function leapDayReading(ctx: ReadContext, year: number | null): Reading | null {
  if (year !== null) {
    const leap = makeDay(year, FEBRUARY, LEAP_DAY);
    if (leap) return dateReading(leap);
    return notAfterToday(ctx, [makeDay(year, FEBRUARY, LAST_OF_FEBRUARY) as Day, makeDay(year, MARCH, 1) as Day]);
  }
  const leap = mostRecentMonthDay(ctx.today, FEBRUARY, LEAP_DAY);
  if (!leap) return null;
  const latestFebruary = mostRecentMonthDay(ctx.today, FEBRUARY, LAST_OF_FEBRUARY) as Day;
  if (latestFebruary.getFullYear() === leap.getFullYear()) return dateReading(leap);
  const neighbours = [latestFebruary, makeDay(latestFebruary.getFullYear(), MARCH, 1) as Day].filter((d) => d <= ctx.today);
  return { kind: 'ambiguous', readings: [leap, ...neighbours], preferred: leap };
}

/** "Feb 29", "the 29th of February 2026", "2/29", "29/02/2026", "leap day". */
export const leapDay: Recognizer = {
  name: 'leap-day',
  pattern: new RegExp(
    [
      `\\b${FEB}[\\s-]+(?:the\\s+)?29(?:th)?\\b${year('monthFirstYear')}`,
      `\\b(?:the\\s+)?29(?:th)?[\\s-]+(?:of\\s+)?${FEB}(?![a-z])${year('dayFirstWrittenYear')}`,
      `${NOT_IN_A_NUMBER}\\b0?2[/-]29(?:[/-](?<numericYear>\\d{4}|\\d{2}))?\\b(?![/.-]?\\d)`,
      `${NOT_IN_A_NUMBER}\\b29[/.-]0?2(?:[/.-](?<dayFirstYear>\\d{4}|\\d{2}))?\\b(?![/.-]?\\d)`,
      '\\bleap day\\b',
    ].join('|'),
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    return leapDayReading(ctx, yearOf(g.monthFirstYear ?? g.dayFirstWrittenYear ?? g.numericYear ?? g.dayFirstYear));
  },
};

/** "Feb 30", "31st of February", "2/30": a February day that never exists is no date at all. */
export const impossibleFebruaryDay: Recognizer = {
  name: 'impossible-february-day',
  pattern: new RegExp(
    `\\b(?:\\d{4}[\\s,/-]+)?${FEB}\\s+(?:the\\s+)?3[01](?:st|th)?\\b${year('monthFirstYear')}|\\b(?:the\\s+)?3[01](?:st|th)?\\s+(?:of\\s+)?${FEB}(?![a-z])${year('dayFirstYear')}|${NOT_IN_A_NUMBER}\\b0?2[/-]3[01]\\b|${NOT_IN_A_NUMBER}\\b3[01][/.-]0?2\\b`,
    'g',
  ),
  read: () => 'noise',
};
