import { TZDate } from '@date-fns/tz';
import { UTCDate } from '@date-fns/utc';
import { addDays, differenceInCalendarDays, format } from 'date-fns';
import { BoundedMap } from './boundedMap';

/**
 * A calendar day with no time and no zone: what a customer means by "March 3".
 * Represented as a UTCDate at midnight, so that date-fns arithmetic on it is pure
 * calendar arithmetic (no DST, no server timezone) — and cheap, with no zone lookups.
 */
export type Day = UTCDate;

/** Builds a calendar day; month is 1-12. Returns null when the day does not exist (Feb 30). */
export function makeDay(year: number, month: number, day: number): Day | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new UTCDate(year, month - 1, day);
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return d;
}

/** Whether `tz` is an IANA zone this runtime knows, or a fixed offset such as "-05:00". */
export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  if (/^[+-](?:0\d|1[0-4]):[0-5]\d$/.test(tz)) return true;
  let known = knownZones.get(tz);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(tz, known);
  }
  return known;
}
// Building an Intl.DateTimeFormat costs far more than a lookup: remember the answer per zone.
const knownZones = new Map<string, boolean>();

/**
 * The customer's "today": the calendar date of the instant `now` in `tz`.
 * @example localToday(new Date('2025-05-07T19:46:00Z'), 'Australia/Sydney') // 2025-05-08
 */
export function localToday(now: Date, tz: string): Day {
  // A zone's date can only change on a whole minute (offsets are whole minutes), and the zone
  // lookup behind TZDate costs more than the rest of reading a date: remember it per minute.
  const key = `${tz}|${Math.floor(now.getTime() / 60_000)}`;
  let day = todayByMinute.get(key);
  if (!day) {
    const zoned = new TZDate(now.getTime(), tz);
    day = makeDay(zoned.getFullYear(), zoned.getMonth() + 1, zoned.getDate()) as Day;
    todayByMinute.set(key, day);
  }
  return new UTCDate(day.getTime()); // a Day is a mutable Date: every caller gets its own
}
const todayByMinute = new BoundedMap<string, Day>(256);

/** Calendar day from "YYYY-MM-DD", or null. */
export function parseIsoDay(text: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? makeDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export const isoDay = (d: Day): string => format(d, 'yyyy-MM-dd');
export const shiftDays = (d: Day, n: number): Day => addDays(d, n);
/** Whole calendar days from `earlier` to `later` (positive when `later` is after). */
export const daysBetween = (earlier: Day, later: Day): number => differenceInCalendarDays(later, earlier);
/** Human form for messages: "Monday, March 2, 2026". */
export const longDay = (d: Day): string => format(d, 'EEEE, MMMM d, yyyy');
/** A stored day (YYYY-MM-DD) in words: "March 2, 2026" (it must be a valid ISO day). */
export const spokenDay = (iso: string): string => format(parseIsoDay(iso) as Day, 'MMMM d, yyyy');
/** A stored day in words without its year: "March 2". */
export const spokenMonthDay = (iso: string): string => format(parseIsoDay(iso) as Day, 'MMMM d');
