import { TZDate } from '@date-fns/tz';
import { supportHoursOf } from './supportHours';

/** The most days looked ahead for support hours, so that a setting without any (08:00-08:00) cannot loop. */
const MAX_DAYS = 400;

interface Span {
  start: number;
  end: number;
}

/** The support-hours spans, in order, from the local day of `from` on; always open when the setting is unset or unreadable. */
function* spansFrom(spec: string | undefined, from: Date, timeZone: string): Generator<Span> {
  const hours = spec ? supportHoursOf(spec) : null;
  if (!hours) {
    yield { start: -Infinity, end: Infinity };
    return;
  }
  const local = new TZDate(from.getTime(), timeZone);
  // from the day before: a span of the previous local day cannot reach into this one, but DST shifts make that cheap insurance
  for (let k = -1; k <= MAX_DAYS; k++) {
    const day = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + k, 12, 0, timeZone);
    if (!hours.days.includes(day.getDay())) continue;
    const start = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), 0, hours.startMinute, timeZone).getTime();
    const end = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), 0, hours.endMinute, timeZone).getTime();
    if (end > start) yield { start, end };
  }
}

/**
 * Milliseconds between `from` and `to` that fall within the support hours (all of them when unset).
 * @example supportMsBetween('Mon-Fri 08:00-18:00', new Date('2026-03-06T17:55:00Z'), new Date('2026-03-09T08:05:00Z'), 'UTC') // 600000 (Friday's last 5 minutes, Monday's first 5)
 */
export function supportMsBetween(spec: string | undefined, from: Date, to: Date, timeZone: string): number {
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return 0;
  let total = 0;
  for (const span of spansFrom(spec, from, timeZone)) {
    if (span.start >= b) break;
    total += Math.max(0, Math.min(span.end, b) - Math.max(span.start, a));
  }
  return total;
}

/**
 * The instant at which `ms` of support time have passed since `from`, or null when the setting has no support
 * time within a year.
 * @example supportDeadline('Mon-Fri 08:00-18:00', new Date('2026-03-06T17:55:00Z'), 600_000, 'UTC') // 2026-03-09T08:05:00Z
 */
export function supportDeadline(spec: string | undefined, from: Date, ms: number, timeZone: string): Date | null {
  const a = from.getTime();
  let left = ms;
  for (const span of spansFrom(spec, from, timeZone)) {
    if (span.end <= a) continue;
    const start = Math.max(span.start, a);
    if (span.end - start >= left) return new Date(start + left);
    left -= span.end - start;
  }
  return null;
}
