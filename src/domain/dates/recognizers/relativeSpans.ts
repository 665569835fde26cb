import { localToday, shiftDays } from '../../calendar';
import { dateReading, rangeReading } from '../reading';
import { unitsAgo } from './days';
import { AGO, HEDGE, num, UNIT } from './expressions';
import { groupsOf, type Recognizer } from './recognizer';

/** "a few days/weeks/months ago": how many units, at least and at most. */
export const A_FEW: Record<'day' | 'week' | 'month', [least: number, most: number]> = {
  // 1 day is "yesterday" and 7 "a week": a few days lie between
  day: [2, 6],
  // 1 week is "a week"; 5 weeks already reaches past a month, so that is as far as "a few" goes
  week: [2, 5],
  // 1 month is "a month"; up to half a year
  month: [2, 6],
};
/** "a little over 3 weeks ago": 1 to 5 days past the mark, not a whole extra week. */
const A_LITTLE_OVER_DAYS: [least: number, most: number] = [1, 5];
/** "over a month ago": from the mark back to twice as long, wide enough that we ask rather than guess at the window. */
const OVER_AT_MOST_TIMES = 2;
/** "almost 3 weeks ago": 1 to 3 days short of the mark. */
const ALMOST_DAYS_SHORT: [least: number, most: number] = [1, 3];
/** "about a month ago", "almost 2 months ago": ±5 days around the mark (the labelling convention). */
const VAGUE_MONTH_DAYS = 5;
/** "3 and a half weeks": half a week is 3 days, half a month 15, a month 30 … */
const HALF_WEEK_DAYS = 3;
const MONTH_DAYS = 30;
const HALF_MONTH_DAYS = 15;
/** … and the half is loose: ±2 days around it. */
const AND_A_HALF_SLACK_DAYS = 2;
/** "an hour ago", "a few hours ago", "10 minutes ago": one hour back, which only matters just after midnight. */
const VAGUE_HOURS = 1;
const MS_PER_HOUR = 3_600_000;

const A_LITTLE = '(?:just |a little |a bit |slightly )';

export const futureRelative: Recognizer = {
  name: 'future-relative',
  pattern:
    /\b(?:tomorrow|day after tomorrow|next (?:week|month|year)|in (?:\d+|a|an|a few|a couple of) (?:days?|weeks?|months?)|(?:\d+|a few) (?:days?|weeks?) from now)\b/g,
  read: () => ({ kind: 'future' }),
};

/** "2 or 3 weeks ago", "2-3 weeks ago": from the farther to the nearer. */
export const unitsRangeAgo: Recognizer = {
  name: 'units-range-ago',
  pattern: new RegExp(`\\b(?<first>\\d{1,3})\\s*(?:or|to|-|–|/)\\s*(?<second>\\d{1,3})\\s+(?<unit>${UNIT})\\s+${AGO}`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const unit = g.unit as string;
    const [lo, hi] = [num(g.first), num(g.second)].sort((x, y) => x - y);
    return rangeReading(unitsAgo(ctx.today, hi, unit), unitsAgo(ctx.today, lo, unit));
  },
};

/** "a week or two ago". */
export const aUnitOrTwoAgo: Recognizer = {
  name: 'a-unit-or-two-ago',
  pattern: new RegExp(`\\b(?:1|a|an)\\s+(?<unit>${UNIT})\\s+or\\s+(?:2|two)\\s+${AGO}`, 'g'),
  read: (m, ctx) => {
    const unit = groupsOf(m).unit as string;
    return rangeReading(unitsAgo(ctx.today, 2, unit), unitsAgo(ctx.today, 1, unit));
  },
};

export const fewUnitsAgo: Recognizer = {
  name: 'few-units-ago',
  pattern: /\b(?:a few|few|several|some)\s+(?<unit>days?|weeks?|months?)\s+(?:ago|back)/g,
  read: (m, ctx) => {
    const unit = groupsOf(m).unit as string;
    const [lo, hi] = A_FEW[unit.startsWith('day') ? 'day' : unit.startsWith('week') ? 'week' : 'month'];
    return rangeReading(unitsAgo(ctx.today, hi, unit), unitsAgo(ctx.today, lo, unit));
  },
};

/** "a little over 3 weeks", "over a month", "almost 3 weeks", "less than 2 weeks ago". */
export const moreOrLessThanAgo: Recognizer = {
  name: 'more-or-less-than-ago',
  pattern: new RegExp(
    `\\b(?<bound>(?:not|no) (?:more than|over|longer than)|${A_LITTLE}?over|${A_LITTLE}?more than|at least|less than|under|within|not even|almost|nearly)\\s+(?:the\\s+(?:last|past)\\s+)?(?<count>\\d{1,3})\\s+(?<unit>${UNIT})(?:\\s+${AGO})?`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const [bound, unit, count] = [g.bound as string, g.unit as string, num(g.count)];
    const mark = unitsAgo(ctx.today, count, unit);
    if (/^(?:just|a little|a bit|slightly) /.test(bound))
      return rangeReading(shiftDays(mark, -A_LITTLE_OVER_DAYS[1]), shiftDays(mark, -A_LITTLE_OVER_DAYS[0]));
    // "not more than 2 weeks ago" is at most 2 weeks ago: any day since the mark
    if (/^no/.test(bound)) return rangeReading(mark, ctx.today);
    if (/over|more|least/.test(bound)) return rangeReading(unitsAgo(ctx.today, OVER_AT_MOST_TIMES * count, unit), shiftDays(mark, -1));
    if (/almost|nearly/.test(bound))
      return unit.startsWith('month')
        ? rangeReading(shiftDays(mark, -VAGUE_MONTH_DAYS), shiftDays(mark, VAGUE_MONTH_DAYS))
        : rangeReading(shiftDays(mark, ALMOST_DAYS_SHORT[0]), shiftDays(mark, ALMOST_DAYS_SHORT[1]));
    // less than, under, within, not even: any day since the mark
    return rangeReading(mark, ctx.today);
  },
};

/** "about 2 months ago", "2 months or so ago", "2 months ago or so". */
export const aboutMonthsAgo: Recognizer = {
  name: 'about-months-ago',
  pattern: new RegExp(
    `\\b(?:${HEDGE}\\s+(?<hedgedCount>\\d{1,2})\\s+months?\\s+${AGO}|(?<countOrSo>\\d{1,2})\\s+months?\\s+or so\\s+${AGO}|(?<countAgoOrSo>\\d{1,2})\\s+months?\\s+${AGO}\\s+or so)`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const center = unitsAgo(ctx.today, num(g.hedgedCount ?? g.countOrSo ?? g.countAgoOrSo), 'month');
    return rangeReading(shiftDays(center, -VAGUE_MONTH_DAYS), shiftDays(center, VAGUE_MONTH_DAYS));
  },
};

/** "4 weeks and 2 days ago". */
export const unitsAndUnitsAgo: Recognizer = {
  name: 'units-and-units-ago',
  pattern: new RegExp(
    `\\b(?<count>\\d{1,3})\\s+(?<unit>${UNIT}),?\\s+(?:and\\s+)?(?<moreCount>\\d{1,3})\\s+(?<moreUnit>${UNIT})\\s+${AGO}`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    return dateReading(unitsAgo(unitsAgo(ctx.today, num(g.count), g.unit as string), num(g.moreCount), g.moreUnit as string));
  },
};

/** "1 week and a half ago", "3 and a half weeks ago" (number words are digits by now). */
export const unitsAndAHalfAgo: Recognizer = {
  name: 'units-and-a-half-ago',
  pattern:
    /\b(?<count>\d{1,2})\s+(?:(?<unitFirst>weeks?|months?)\s+and\s+a\s+half|and\s+a\s+half\s+(?<unitAfter>weeks?|months?))\s+(?:ago|back)/g,
  read: (m, ctx) => {
    const g = groupsOf(m);
    const unit = (g.unitFirst ?? g.unitAfter) as string;
    const count = num(g.count);
    const days = unit.startsWith('week') ? 7 * count + HALF_WEEK_DAYS : MONTH_DAYS * count + HALF_MONTH_DAYS;
    return rangeReading(shiftDays(ctx.today, -days - AND_A_HALF_SLACK_DAYS), shiftDays(ctx.today, -days + AND_A_HALF_SLACK_DAYS));
  },
};

/** "I've had it for 3 weeks", "it's been 10 days". */
export const hadItFor: Recognizer = {
  name: 'had-it-for',
  pattern: new RegExp(
    `\\b(?:(?:it'?s|it has|i'?ve had it|we'?ve had it|had it|had them|owned it)\\s+(?:been\\s+)?(?:for\\s+)?|been\\s+)(?:about\\s+|around\\s+|like\\s+)?(?<count>\\d{1,3})\\s+(?<unit>${UNIT})\\b(?!\\s+(?:ago|back|from))`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    return dateReading(unitsAgo(ctx.today, num(g.count), g.unit as string));
  },
};

/** "3 days ago", "2 weeks back", "4 weeks ago today", "it's 10 days old". */
export const unitsAgoRecognizer: Recognizer = {
  name: 'units-ago',
  pattern: new RegExp(`\\b(?<count>\\d{1,3})\\s+(?<unit>${UNIT})\\s+(?:${AGO}|old)\\b(?:\\s+today)?`, 'g'),
  read: (m, ctx) => {
    const g = groupsOf(m);
    return dateReading(unitsAgo(ctx.today, num(g.count), g.unit as string));
  },
};

/** "5 hours ago": today, or yesterday just after midnight (counted on the clock, in the customer's timezone). */
export const hoursAgo: Recognizer = {
  name: 'hours-ago',
  pattern: /\b(?<count>\d{1,3}|an|a few|a couple of)\s+(?<unit>hours?|hrs?|minutes?|mins?)\s+ago\b/g,
  read: (m, ctx) => {
    const g = groupsOf(m);
    const count = g.count as string;
    const hours = /^\d+$/.test(count) && (g.unit as string).startsWith('h') ? num(count) : VAGUE_HOURS;
    return dateReading(localToday(new Date(ctx.now.getTime() - hours * MS_PER_HOUR), ctx.tz));
  },
};
