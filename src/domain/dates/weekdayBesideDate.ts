import { isoWeekday, WEEKDAY_PATTERN, WEEKDAYS } from './calendarRules';
import type { Mention } from './reading';

/** "sat" and "sun" are left out of WEEKDAY_PATTERN (everyday words), but chrono reads them inside a date. */
const WEEKDAY_WORD = new RegExp(`\\b(?:${WEEKDAY_PATTERN}|sat|sun)\\b`, 'g');
/** What may stand between a weekday and the date it introduces: "Saturday, the 3rd". */
const BETWEEN_WEEKDAY_AND_DATE = /^,?\s+(?:the\s+)?$/;

/**
 * The weekdays written with a date that they do not match ("Monday, March 1st" when March 1 is
 * a Sunday), or with a whole range ("Monday in January"). The recognizers take a weekday beside a
 * date as agreeing with it (notDates.ts, weekdayNextToDate), and chrono reads "Sat 3rd of March"
 * whatever day that was: such a weekday is a part of the answer that no reading uses.
 * @example weekdaysThatDisagree('monday march 1st', [marchFirst2026]) // ['monday']
 */
export function weekdaysThatDisagree(text: string, mentions: Mention[]): string[] {
  const disagreeing: string[] = [];
  for (const m of text.matchAll(WEEKDAY_WORD)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const date = mentions.find(
      (mention) =>
        (mention.start <= start && mention.end >= end) ||
        (mention.start >= end && BETWEEN_WEEKDAY_AND_DATE.test(text.slice(end, mention.start))),
    );
    if (!date) continue;
    const days = date.reading.kind === 'date' ? [date.reading.date] : date.reading.kind === 'ambiguous' ? date.reading.readings : [];
    if (!days.some((d) => isoWeekday(d) === WEEKDAYS[m[0]])) disagreeing.push(m[0]);
  }
  return disagreeing;
}
