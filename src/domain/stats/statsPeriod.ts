import { TZDate } from '@date-fns/tz';
import { type Day, daysBetween, parseIsoDay, shiftDays } from '../calendar';

/** The longest period the dashboard answers for, in days (a year, leap day included). */
export const MAX_STATS_DAYS = 366;

/** Claims created in [fromIso, toIso): the instants where the period's first day starts and the day after its last starts. */
export interface StatsPeriod {
  fromIso: string;
  toIso: string;
}

/** Why a period was refused: the message is for the admin who asked. */
export type StatsPeriodError = { error: string };

/** Midnight at the start of `day` in `timeZone`, as a UTC ISO instant. */
function startOfDayIn(day: Day, timeZone: string): string {
  const local = new TZDate(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), timeZone);
  return new Date(local.getTime()).toISOString();
}

/**
 * The instants of a period of whole days in `timeZone` (SUPPORT_TIMEZONE), `to` included.
 * Refuses a missing or malformed day, `from` after `to`, and periods longer than MAX_STATS_DAYS.
 *
 * @example statsPeriod('2026-03-01', '2026-03-01', 'Europe/Berlin')
 *   // { fromIso: '2026-02-28T23:00:00.000Z', toIso: '2026-03-01T23:00:00.000Z' }
 */
export function statsPeriod(from: unknown, to: unknown, timeZone: string): StatsPeriod | StatsPeriodError {
  const first = typeof from === 'string' ? parseIsoDay(from) : null;
  const last = typeof to === 'string' ? parseIsoDay(to) : null;
  if (!first || !last) return { error: 'Send from and to as days, YYYY-MM-DD.' };
  const days = daysBetween(first, last) + 1;
  if (days < 1) return { error: 'from must not be after to.' };
  if (days > MAX_STATS_DAYS) return { error: `A period of at most ${MAX_STATS_DAYS} days.` };
  return { fromIso: startOfDayIn(first, timeZone), toIso: startOfDayIn(shiftDays(last, 1), timeZone) };
}

export const isPeriodError = (p: StatsPeriod | StatsPeriodError): p is StatsPeriodError => 'error' in p;
