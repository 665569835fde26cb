import { TZDate } from '@date-fns/tz';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SPEC = /^(sun|mon|tue|wed|thu|fri|sat)(?:-(sun|mon|tue|wed|thu|fri|sat))?\s+([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/i;

/** Whether a support-hours setting such as "Mon-Fri 08:00-18:00" can be read. */
export const isSupportHours = (spec: string): boolean => SPEC.test(spec.trim());

/** The days (0 = Sunday) and the minutes of the day, end exclusive, that a readable setting names; null otherwise. */
export function supportHoursOf(spec: string): { days: number[]; startMinute: number; endMinute: number } | null {
  const m = SPEC.exec(spec.trim());
  if (!m) return null;
  const from = DAYS.indexOf(m[1].toLowerCase());
  const to = DAYS.indexOf((m[2] ?? m[1]).toLowerCase());
  const days = [0, 1, 2, 3, 4, 5, 6].filter((day) => (from <= to ? day >= from && day <= to : day >= from || day <= to));
  return { days, startMinute: Number(m[3]) * 60 + Number(m[4]), endMinute: Number(m[5]) * 60 + Number(m[6]) };
}

/**
 * Whether `now` falls in the support hours, in the team's timezone. The day range may wrap
 * ("Sat-Sun"); the end time is exclusive.
 * @example isWithinSupportHours('Mon-Fri 08:00-18:00', new Date('2026-03-02T17:00:00Z'), 'America/New_York') // true (12:00 Monday)
 */
export function isWithinSupportHours(spec: string, now: Date, timeZone: string): boolean {
  const hours = supportHoursOf(spec);
  if (!hours) return true;
  const local = new TZDate(now.getTime(), timeZone);
  const minutes = local.getHours() * 60 + local.getMinutes();
  return hours.days.includes(local.getDay()) && minutes >= hours.startMinute && minutes < hours.endMinute;
}
