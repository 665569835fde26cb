import { localToday, shiftDays } from '../../calendar';
import { type Reading, rangeReading } from '../reading';
import { unitsAgo } from './days';
import { num } from './expressions';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';
import { A_FEW } from './relativeSpans';

/** "the past month and a half": half a unit more, in days (half a day is still a day back). */
const HALF_UNIT_DAYS = { day: 1, week: 4, month: 15, year: 183 };
/** "few" and "several" take the farthest "a few" reaches; a count is exact. */
const VAGUE_COUNT = /^(?:few|a few|several|some)$/;

/**
 * "in the past 2 weeks", "within the last 3 days", "the past few days", "over the last month":
 * a span that ends today, so every day from the mark up to today. Without a count ("in the past
 * week") only after a preposition: "last week" and "last month" alone are the calendar week and month.
 * @example 'in the past 2 weeks' on 2026-03-18 // 2026-03-04 … 2026-03-18
 */
export const pastSpanToToday: Recognizer = {
  name: 'past-span-to-today',
  pattern:
    /\b(?:(?<preposition>in|within|during|over|for|sometime in|some time in|at some point in)\s+)?(?:the\s+)?(?:past|last|previous|recent)\s+(?:(?<count>\d{1,3}|a few|few|several|some|couple of|couple)\s+)?(?<unit>days?|weeks?|fortnights?|months?|years?|hours?|hrs?)\b(?<half>\s+and\s+a\s+half)?(?!\s+(?:ago|back|before|earlier))/g,
  read: (m, ctx) => {
    const g = groupsOf(m);
    const unit = g.unit as string;
    if (!g.count && (!g.preposition || unit.endsWith('s'))) return null;
    if (unit.startsWith('h')) return hoursToToday(ctx, g.count);
    const kind = unit.startsWith('day')
      ? 'day'
      : unit.startsWith('week') || unit.startsWith('fortnight')
        ? 'week'
        : unit.startsWith('year')
          ? 'year'
          : 'month';
    const count = !g.count
      ? 1
      : VAGUE_COUNT.test(g.count)
        ? A_FEW[kind === 'year' ? 'month' : kind][1]
        : g.count.startsWith('couple')
          ? 2
          : num(g.count);
    if (count < 1) return null;
    const mark = unitsAgo(ctx.today, count, unit);
    return rangeReading(g.half ? shiftDays(mark, -HALF_UNIT_DAYS[kind]) : mark, ctx.today);
  },
};

const MS_PER_HOUR = 3_600_000;
/** "in the last few hours": as far back as "a few" days reach in hours is too far; a few hours is up to 6. */
const FEW_HOURS = 6;

/** "in the last 24 hours": from the day it was that many hours ago, on the customer's clock, to today. */
function hoursToToday(ctx: ReadContext, count: string | undefined): Reading | null {
  const hours = !count ? 1 : VAGUE_COUNT.test(count) ? FEW_HOURS : count.startsWith('couple') ? 2 : num(count);
  if (hours < 1) return null;
  return rangeReading(localToday(new Date(ctx.now.getTime() - hours * MS_PER_HOUR), ctx.tz), ctx.today);
}
