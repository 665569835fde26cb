import { type Day, makeDay, shiftDays } from '../calendar';
import { isoWeekday, WEEKDAY_PATTERN, WEEKDAYS } from './calendarRules';
import type { Mention, Reading } from './reading';

/** "sat" and "sun" are left out of WEEKDAY_PATTERN (everyday words), but chrono reads them inside a date. */
const WEEKDAY_WORD = new RegExp(`\\b(?:${WEEKDAY_PATTERN}|sat|sun)\\b`, 'g');
/** What may stand between a weekday and the date it introduces: "Saturday, the 3rd". */
const BETWEEN_WEEKDAY_AND_DATE = /^\.?,?\s+(?:the\s+)?$/;
/** A date written as a day of the month only: "13th", "the 13", "on the 13th", "friday 13". */
const DAY_OF_MONTH_ONLY = new RegExp(`^(?:(?:${WEEKDAY_PATTERN}|sat|sun)\\.?,?\\s+)?(?:on\\s+)?(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?$`);
/** What may stand between a date and a weekday said after it: "the 13th, a Monday", "13th (wednesday)". */
const BETWEEN_DATE_AND_WEEKDAY = /^[\s,(]*(?:(?:which|that|it) was\s+)?(?:on\s+)?(?:a\s+)?$/;
/** A mention that is only the weekday said after a date: it belongs to that date, it is no day of its own. */
const WEEKDAY_ALONE = new RegExp(`^(?:on\\s+)?(?:a\\s+)?(?:${WEEKDAY_PATTERN}|sat|sun)$`);
/** Every weekday falls on every day 1-31 within this many months (Monday the 31st can take 6 years). */
const WEEKDAY_ON_DAY_SEARCH_MONTHS = 84;
const MONTHS_A_YEAR = 12;
/** A weekday lies at most 3 days from any date. */
const NEAREST_WEEKDAY_DAYS = 3;

export interface WeekdaysBesideDates {
  /** The mentions, with a date whose weekday disagrees turned into its two readings. */
  mentions: Mention[];
  /** Weekdays that disagree with a date we cannot give a second reading (a range, a choice of dates). */
  unresolved: string[];
}

/**
 * A weekday written with a date decides nothing on its own: where it agrees, it confirms the date;
 * where it disagrees ("Monday the 13th" when the 13th was a Friday), the answer has two readings,
 * the date as written and the weekday's own: for a day of the month alone, the most recent Monday
 * the 13th; for a date with a month ("Friday, March 3"), the Friday nearest March 3 that is not after
 * today, and, when no year was written, March 3 of the most recent earlier year that was a Friday (a
 * customer reading an old receipt). The reading keeps which is which (`weekdayConflict`), so the
 * question can name each.
 * @example readWeekdaysBesideDates('friday, march 3', [march3rd2026], today)
 *   // mentions: [ambiguous [2026-03-03, 2026-03-06], weekdayConflict { written: 2026-03-03, … }]
 */
export function readWeekdaysBesideDates(text: string, mentions: Mention[], today: Day): WeekdaysBesideDates {
  let out = [...mentions];
  const unresolved: string[] = [];
  for (const m of text.matchAll(WEEKDAY_WORD)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    let index = out.findIndex(
      (mention) =>
        (mention.start <= start && mention.end >= end && !WEEKDAY_ALONE.test(mention.source)) ||
        (mention.start >= end && BETWEEN_WEEKDAY_AND_DATE.test(text.slice(end, mention.start))),
    );
    if (index < 0) {
      const after = out.findIndex((mention) => mention.end <= start && BETWEEN_DATE_AND_WEEKDAY.test(text.slice(mention.end, start)));
      if (after < 0 || !isDay(out[after].reading)) continue;
      // "the 13th, a Monday": the weekday's own reading gives way to the date it describes
      const own = out[after + 1];
      if (!own || !WEEKDAY_ALONE.test(own.source) || own.start > end) continue;
      out = out.filter((_, i) => i !== after + 1);
      index = after;
    }
    const mention = out[index];
    const weekday = WEEKDAYS[m[0]];
    const reading = mention.reading;
    const days = reading.kind === 'date' ? [reading.date] : reading.kind === 'ambiguous' ? reading.readings : [];
    if (days.some((d) => isoWeekday(d) === weekday)) continue;
    const second = reading.kind === 'date' && reading.date <= today ? weekdayReading(mention.source, reading.date, weekday, today) : null;
    if (reading.kind !== 'date' || !second) {
      unresolved.push(m[0]);
      continue;
    }
    const third =
      WRITTEN_YEAR.test(mention.source) || DAY_OF_MONTH_ONLY.test(mention.source.trim()) ? null : sameDayEarlierYear(reading.date, weekday);
    out[index] = { ...mention, reading: weekdayReadings(reading.date, second, third) };
  }
  return { mentions: out, unresolved };
}

const isDay = (reading: Reading): boolean => reading.kind === 'date' || reading.kind === 'ambiguous';

function weekdayReadings(written: Day, byWeekday: Day, byYear: Day | null): Reading {
  return {
    kind: 'ambiguous',
    readings: [written, byWeekday, ...(byYear ? [byYear] : [])].sort((a, b) => a.getTime() - b.getTime()),
    weekdayConflict: { written, byWeekday, ...(byYear ? { byYear } : {}) },
  };
}

/** A year written in the date: then the year is not what the customer misremembered. */
const WRITTEN_YEAR = /\b(?:19|20)\d{2}\b|'\d{2}\b/;
/** How many years back a receipt's month and day may be read with its weekday. */
const EARLIER_YEARS = 7;

/**
 * The same month and day in the most recent earlier year when it fell on the weekday: "Thursday
 * 20 March" said in April 2026 (a Friday this year) is March 20, 2025 when read off an old receipt.
 * @example sameDayEarlierYear(2026-03-20, 4) // 2025-03-20
 */
export function sameDayEarlierYear(written: Day, weekday: number): Day | null {
  for (let back = 1; back <= EARLIER_YEARS; back++) {
    const d = makeDay(written.getFullYear() - back, written.getMonth() + 1, written.getDate());
    if (d && isoWeekday(d) === weekday) return d;
  }
  return null;
}

/** The weekday's reading of a date it disagrees with; null when there is none not after today. */
function weekdayReading(source: string, written: Day, weekday: number, today: Day): Day | null {
  if (DAY_OF_MONTH_ONLY.test(source.trim())) return mostRecentWeekdayOnDay(today, written.getDate(), weekday);
  return nearestWeekday(written, weekday, today);
}

/**
 * The most recent "Monday the 13th" not after today.
 * @example mostRecentWeekdayOnDay(2026-05-20, 13, 1) // 2026-04-13
 */
export function mostRecentWeekdayOnDay(today: Day, dayOfMonth: number, weekday: number): Day | null {
  const thisMonth = today.getFullYear() * MONTHS_A_YEAR + today.getMonth();
  for (let back = 0; back < WEEKDAY_ON_DAY_SEARCH_MONTHS; back++) {
    const month = thisMonth - back;
    const d = makeDay(Math.floor(month / MONTHS_A_YEAR), (month % MONTHS_A_YEAR) + 1, dayOfMonth);
    if (d && d <= today && isoWeekday(d) === weekday) return d;
  }
  return null;
}

/**
 * The given weekday nearest to `date` (at most 3 days away), or, when that is after today, the one
 * just before `date`.
 * @example nearestWeekday(2026-03-03 (a Tuesday), 5, 2026-04-01) // Friday 2026-03-06
 */
export function nearestWeekday(date: Day, weekday: number, today: Day): Day | null {
  const forward = (weekday - isoWeekday(date) + 7) % 7;
  const nearest = shiftDays(date, forward <= NEAREST_WEEKDAY_DAYS ? forward : forward - 7);
  if (nearest <= today) return nearest;
  const before = shiftDays(date, forward - 7);
  return before <= today ? before : null;
}
