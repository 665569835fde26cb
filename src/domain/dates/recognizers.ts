import { startOfISOWeek, startOfMonth, startOfYear, subMonths, subYears } from 'date-fns';
import { type Day, localToday, makeDay, shiftDays } from '../calendar';
import {
  holidayInYear,
  isoWeekday,
  MONTH_PATTERN,
  MONTHS,
  mostRecentDayOfMonth,
  mostRecentMonthDay,
  mostRecentMonthStart,
  nthWeekdayOfMonth,
  partOfMonth,
  previousWeekday,
  WEEKDAY_PATTERN,
  WEEKDAYS,
  weekdayOfIsoWeek,
} from './calendarRules';
import { dateReading, type Reading, rangeReading } from './reading';

export interface ReadContext {
  today: Day;
  now: Date;
  tz: string;
}

/** A phrase shape we understand. `noise` phrases are blanked out so no later rule reads them as dates. */
export interface Recognizer {
  name: string;
  pattern: RegExp;
  read: (m: RegExpExecArray, ctx: ReadContext) => Reading | 'noise' | null;
}

const M = MONTH_PATTERN;
const WD = WEEKDAY_PATTERN;
const UNIT = '(days?|weeks?|months?|years?|fortnights?)';
const AGO = '(?:ago|back|before now|earlier|previously|prior)';
const ORD = '(?:st|nd|rd|th)';
const HEDGE_MONTH =
  '(?:about|around|roughly|maybe|approximately|approx\\.?|probably|perhaps|like|almost|nearly|give or take|some|sometime|circa|~)';

const monthOf = (name: string): number => MONTHS[name.replace('.', '')];
const weekdayOf = (name: string): number => WEEKDAYS[name];
const num = (s: string | undefined): number => Number(s);

export { calendarDay, yearOf };

/** today − n units, calendar-wise ("a month ago" on Mar 31 is Feb 28). */
export function unitsAgo(today: Day, n: number, unit: string): Day {
  if (unit.startsWith('day')) return shiftDays(today, -n);
  if (unit.startsWith('week')) return shiftDays(today, -7 * n);
  if (unit.startsWith('fortnight')) return shiftDays(today, -14 * n);
  if (unit.startsWith('month')) return subMonths(today, n);
  return subYears(today, n);
}

function yearOf(text: string | undefined): number | null {
  if (!text) return null;
  const y = Number(text);
  return text.length === 2 ? 2000 + y : y;
}

/** A day from numbers, literal when the year is given, else the most recent occurrence. */
function calendarDay(ctx: ReadContext, month: number, day: number, year: number | null): Day | null {
  return year === null ? mostRecentMonthDay(ctx.today, month, day) : makeDay(year, month, day);
}

function monthStartFor(ctx: ReadContext, month: number, yearText?: string): Day {
  const year = yearOf(yearText);
  return year === null ? mostRecentMonthStart(ctx.today, month) : (makeDay(year, month, 1) as Day);
}

const PARTS: Record<string, 'early' | 'mid' | 'late'> = {
  early: 'early',
  beginning: 'early',
  start: 'early',
  first: 'early',
  mid: 'mid',
  middle: 'mid',
  late: 'late',
  end: 'late',
};
const PART = '(early|beginning of|the beginning of|start of|the start of|mid|middle of|the middle of|late|end of|the end of)';
const partName = (p: string): 'early' | 'mid' | 'late' => PARTS[p.replace(/^the /, '').split(/[\s-]/)[0]];

/** A part of a month that may still be running: cut at today; if it has not begun, last year's. */
function monthPartSoFar(ctx: ReadContext, monthStart: Day, part: 'early' | 'mid' | 'late' | 'whole', yearGiven: boolean): Reading {
  let [from, to] = partOfMonth(monthStart, part);
  if (from > ctx.today && !yearGiven) [from, to] = partOfMonth(subYears(monthStart, 1), part);
  if (from > ctx.today) return { kind: 'future' };
  return rangeReading(from, to > ctx.today ? ctx.today : to);
}

function ordinalWeek(word: string): number {
  return (
    { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: -1, final: -1 } as Record<string, number>
  )[word];
}

const HOLIDAYS: Array<[string, string]> = [
  ['day after (?:christmas|xmas)|boxing day', 'day after christmas'],
  ['christmas eve|xmas eve', 'christmas eve'],
  ['christmas(?: day)?|xmas(?: day)?', 'christmas'],
  ["new ?year'?s'? eve", 'new years eve'],
  ["new ?year'?s'?(?: day)?", 'new years day'],
  ["valentine'?s?'?(?: day)?", 'valentines day'],
  ['(?:the )?(?:4th|fourth) of july|july (?:4th|fourth)|independence day', 'independence day'],
  ['black friday|(?:the )?day after thanksgiving', 'black friday'],
  ['thanksgiving(?: day)?', 'thanksgiving'],
  ['cyber monday', 'cyber monday'],
  ['halloween', 'halloween'],
];

function holiday(ctx: ReadContext, name: string, yearText?: string): Reading | null {
  const year = yearOf(yearText);
  if (year !== null) {
    const d = holidayInYear(name, year);
    return d ? dateReading(d) : null;
  }
  for (let y = ctx.today.getFullYear(); y >= ctx.today.getFullYear() - 2; y--) {
    const d = holidayInYear(name, y);
    if (d && d <= ctx.today) return dateReading(d);
  }
  return null;
}

/** Numeric a/b[/y]: both parts ≤ 12 and different → both readings; otherwise the only valid one. */
function numericDate(ctx: ReadContext, a: number, b: number, yearText?: string): Reading | null {
  const year = yearOf(yearText);
  const monthFirst = a <= 12 ? calendarDay(ctx, a, b, year) : null;
  const dayFirst = b <= 12 ? calendarDay(ctx, b, a, year) : null;
  if (monthFirst && dayFirst && monthFirst.getTime() !== dayFirst.getTime()) {
    return { kind: 'ambiguous', readings: [monthFirst, dayFirst].sort((x, y) => x.getTime() - y.getTime()) };
  }
  const only = monthFirst ?? dayFirst;
  return only ? dateReading(only) : null;
}

function lastOrThisWeekday(ctx: ReadContext, weekday: number, plain: boolean): Reading {
  const yesterday = shiftDays(ctx.today, -1);
  if (plain && isoWeekday(ctx.today) === weekday) return { kind: 'ambiguous', readings: [shiftDays(ctx.today, -7), ctx.today] };
  const day = previousWeekday(ctx.today, weekday);
  // "last Friday" said on Saturday: people split between yesterday and the week before.
  if (day.getTime() === yesterday.getTime()) return { kind: 'ambiguous', readings: [shiftDays(day, -7), day] };
  return dateReading(day);
}

/**
 * The recognizers, in the order they run. Earlier ones blank out what they read,
 * so a longer phrase ("the last Friday of last month") wins over its parts.
 */
export const RECOGNIZERS_BEFORE_CHRONO: Recognizer[] = [
  // ----- holidays
  ...HOLIDAYS.map(
    ([phrase, name]): Recognizer => ({
      name: `holiday:${name}`,
      pattern: new RegExp(`\\b(?:${phrase})\\b(?:,?\\s*(\\d{4})\\b)?`, 'g'),
      read: (m, ctx) => holiday(ctx, name, m[1]),
    }),
  ),

  // ----- things that are numbers but not dates
  { name: 'weekday-next-to-date', pattern: new RegExp(`\\b${WD}\\b,?\\s+(?=(?:the\\s+)?\\d|${M})`, 'g'), read: () => 'noise' },
  {
    name: 'reference-number',
    pattern:
      /#\s*\d[\d-]*|\b(?:order|invoice|receipt|serial|model|sku|ref|reference|confirmation|tracking|account|phone|case|ticket|item|part)(?:\s*(?:number|no\.?|num|#|is|:|id))*\s*[a-z]{0,3}-?\d[\w-]*/g,
    read: () => 'noise',
  },
  {
    name: 'money',
    pattern: /[$€£]\s*\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s*(?:dollars|usd|bucks|euros?|eur|pounds|gbp|cad|aud)\b/g,
    read: () => 'noise',
  },
  { name: 'phone', pattern: /\+?\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\+\d[\d ()-]{8,}\d/g, read: () => 'noise' },
  { name: 'model-number', pattern: new RegExp(`\\b(?!${M}[-\\s.]?\\d)[a-z]{1,5}-?[a-z]?\\d{2,}[a-z0-9-]*`, 'g'), read: () => 'noise' },
  { name: 'clock-time', pattern: /\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'clock)|\b\d{1,2}:\d{2}\b/g, read: () => 'noise' },
  {
    name: 'quantity',
    pattern:
      /\b\d+(?:[-\s]?(?:channel|ch|camera|cameras|cam|cams|pack|piece|port|mp|megapixel|k|p|tb|gb|inch|in|ft|feet|mm|v|volt|volts|w|watt|x)\b|\s+(?:cameras?|cams?|units?|items?|pieces?|times?|channels?|drives?|dvrs?|nvrs?|people|kids|of (?:them|those|these)|boxes|bucks))/g,
    read: () => 'noise',
  },
  { name: 'long-number', pattern: /\b\d{5,}\b/g, read: () => 'noise' },

  // ----- weekdays tied to a month or week
  {
    name: 'nth-weekday-of-month',
    pattern: new RegExp(
      `\\b(?:the\\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last|final)\\s+(${WD})\\s+(?:of|in)\\s+(?:(last|this|the previous|previous|past) month|(${M})(?:\\s+(\\d{4}))?)`,
      'g',
    ),
    read: (m, ctx) => {
      const monthStart = m[3]
        ? m[3] === 'this'
          ? startOfMonth(ctx.today)
          : subMonths(startOfMonth(ctx.today), 1)
        : monthStartFor(ctx, monthOf(m[4]), m[5]);
      const day = nthWeekdayOfMonth(monthStart as Day, weekdayOf(m[2]), ordinalWeek(m[1]));
      return day > ctx.today ? { kind: 'future' } : dateReading(day);
    },
  },
  {
    name: 'weekday-before-last',
    pattern: new RegExp(`\\b(?:the\\s+)?(${WD})\\s+before\\s+last\\b`, 'g'),
    read: (m, ctx) => dateReading(shiftDays(previousWeekday(ctx.today, weekdayOf(m[1])), -7)),
  },
  {
    name: 'weekday-of-last-week',
    pattern: new RegExp(
      `\\b(?:(?:on\\s+)?(${WD})\\s+(?:of\\s+)?(last|the previous|previous|this past|the) week|(?:last|the previous|previous) week(?:'s)?,?\\s+(?:on\\s+)?(?:a\\s+)?(${WD}))\\b`,
      'g',
    ),
    read: (m, ctx) => (m[2] === 'the' ? null : dateReading(weekdayOfIsoWeek(ctx.today, weekdayOf(m[1] ?? m[3]), 1))),
  },
  {
    name: 'weekday-this-week',
    pattern: new RegExp(`\\b(?:this\\s+(${WD})|(${WD})\\s+(?:of\\s+)?this week)\\b`, 'g'),
    read: (m, ctx) => {
      const day = weekdayOfIsoWeek(ctx.today, weekdayOf(m[1] ?? m[2]), 0);
      return day > ctx.today ? { kind: 'future' } : dateReading(day);
    },
  },
  { name: 'next-weekday', pattern: new RegExp(`\\b(?:next|coming)\\s+${WD}\\b`, 'g'), read: () => ({ kind: 'future' }) },

  {
    name: 'day-of-relative-month',
    pattern: new RegExp(
      `\\b(?:the\\s+)?(\\d{1,2})${ORD}?\\s+of\\s+(?:the\\s+)?(last|this|previous|past)\\s+month|\\b(last|this|previous|past)\\s+month,?\\s+on\\s+the\\s+(\\d{1,2})${ORD}?`,
      'g',
    ),
    read: (m, ctx) => {
      const start = (m[2] ?? m[3]) === 'this' ? startOfMonth(ctx.today) : subMonths(startOfMonth(ctx.today), 1);
      const day = makeDay(start.getFullYear(), start.getMonth() + 1, num(m[1] ?? m[4]));
      if (!day) return null;
      return day > ctx.today ? { kind: 'future' } : dateReading(day);
    },
  },
  {
    name: 'nth-week-of-month',
    pattern: new RegExp(
      `\\b(?:the\\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last|final)\\s+week\\s+(?:of|in)\\s+(?:(last|this|the previous|previous|past) month|(${M})(?:\\s+(\\d{4}))?)`,
      'g',
    ),
    read: (m, ctx) => {
      const monthStart = (
        m[2] ? (m[2] === 'this' ? startOfMonth(ctx.today) : subMonths(startOfMonth(ctx.today), 1)) : monthStartFor(ctx, monthOf(m[3]), m[4])
      ) as Day;
      const n = ordinalWeek(m[1]);
      const [, lastDay] = partOfMonth(monthStart, 'whole');
      const from = n > 0 ? shiftDays(monthStart, 7 * (n - 1)) : shiftDays(lastDay, -6);
      const to = n > 0 ? shiftDays(from, 6) : lastDay;
      if (from > ctx.today) return { kind: 'future' };
      return rangeReading(from, to > ctx.today ? ctx.today : to);
    },
  },
  {
    name: 'weekend-before-last',
    pattern: /\b(?:the\s+)?weekend before last\b/g,
    read: (_m, ctx) => {
      const saturday = shiftDays(previousWeekday(ctx.today, 6), -7);
      return rangeReading(saturday, shiftDays(saturday, 1));
    },
  },

  // ----- ranges between two days
  {
    name: 'between-days-of-month',
    pattern: new RegExp(
      `\\b(?:between|from)\\s+(?:the\\s+)?(\\d{1,2})${ORD}?\\s+(?:and|to|-|through|till|until)\\s+(?:the\\s+)?(\\d{1,2})${ORD}?(?:\\s+(?:of\\s+)?(${M})(?:\\s+(\\d{4}))?)?(?!\\s*(?:days|weeks|months|\\/|-|\\d))`,
      'g',
    ),
    read: (m, ctx) => {
      const [a, b] = [num(m[1]), num(m[2])];
      if (a > b || b > 31) return null;
      if (m[3]) return dayRangeInMonth(ctx, monthOf(m[3]), a, b, m[4]);
      for (let back = 0; back < 13; back++) {
        const monthStart = subMonths(startOfMonth(ctx.today), back) as Day;
        const later = makeDay(monthStart.getFullYear(), monthStart.getMonth() + 1, b);
        if (later && later <= ctx.today) return rangeReading(makeDay(later.getFullYear(), later.getMonth() + 1, a) as Day, later);
      }
      return null;
    },
  },
  {
    name: 'between-month-days',
    pattern: new RegExp(
      `\\b(?:between|from)?\\s*(${M})\\s+(\\d{1,2})${ORD}?\\s*(?:and|to|-|through|till|until)\\s*(?:(${M})\\s+)?(\\d{1,2})${ORD}?\\b(?:,?\\s+(\\d{4}))?(?!\\s*(?:days|weeks|months|\\/|:))`,
      'g',
    ),
    read: (m, ctx) => {
      const [fromMonth, toMonth] = [monthOf(m[1]), m[3] ? monthOf(m[3]) : monthOf(m[1])];
      if (fromMonth !== toMonth) {
        const to = calendarDay(ctx, toMonth, num(m[4]), yearOf(m[5]));
        const from = to && makeDay(fromMonth > toMonth ? to.getFullYear() - 1 : to.getFullYear(), fromMonth, num(m[2]));
        return from && to ? rangeReading(from, to) : null;
      }
      return dayRangeInMonth(ctx, fromMonth, num(m[2]), num(m[4]), m[5]);
    },
  },

  {
    name: 'month-day-or-day',
    pattern: new RegExp(`\\b(${M})\\s+(\\d{1,2})${ORD}?\\s+or\\s+(?:the\\s+)?(\\d{1,2})${ORD}?\\b`, 'g'),
    read: (m, ctx) => {
      const days = [num(m[2]), num(m[3])].map((d) => calendarDay(ctx, monthOf(m[1]), d, null)).filter((d): d is Day => d !== null);
      return days.length === 2 ? { kind: 'ambiguous', readings: days } : null;
    },
  },
  {
    name: 'month-the-day',
    pattern: new RegExp(`\\b(${M})\\s+the\\s+(\\d{1,2})${ORD}?\\b(?:,?\\s+(\\d{4}))?`, 'g'),
    read: (m, ctx) => dayOrNull(calendarDay(ctx, monthOf(m[1]), num(m[2]), yearOf(m[3]))),
  },

  // ----- numeric dates
  {
    name: 'iso-date',
    pattern: /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g,
    read: (m) => dayOrNull(makeDay(num(m[1]), num(m[2]), num(m[3]))),
  },
  {
    name: 'dotted-date',
    pattern: /\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b/g,
    read: (m) => dayOrNull(makeDay(yearOf(m[3]) as number, num(m[2]), num(m[1]))),
  },
  {
    name: 'numeric-date',
    pattern: /\b(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}|\d{2}))?\b(?![/-]\d|\s*(?:days?|weeks?|months?|years?|wks?|hrs?|hours?)\b)/g,
    read: (m, ctx) => numericDate(ctx, num(m[1]), num(m[2]), m[3]),
  },

  // ----- relative to today
  {
    name: 'future-relative',
    pattern:
      /\b(?:tomorrow|day after tomorrow|next (?:week|month|year)|in (?:\d+|a|an|a few|a couple of) (?:days?|weeks?|months?)|(?:\d+|a few) (?:days?|weeks?) from now)\b/g,
    read: () => ({ kind: 'future' }),
  },
  {
    name: 'units-range-ago',
    pattern: new RegExp(`\\b(\\d{1,3})\\s*(?:or|to|-|–|/)\\s*(\\d{1,3})\\s+${UNIT}\\s+${AGO}`, 'g'),
    read: (m, ctx) => {
      const [lo, hi] = [num(m[1]), num(m[2])].sort((x, y) => x - y);
      return rangeReading(unitsAgo(ctx.today, hi, m[3]), unitsAgo(ctx.today, lo, m[3]));
    },
  },
  {
    name: 'a-unit-or-two-ago',
    pattern: new RegExp(`\\b(?:1|a|an)\\s+${UNIT}\\s+or\\s+(?:2|two)\\s+${AGO}`, 'g'),
    read: (m, ctx) => rangeReading(unitsAgo(ctx.today, 2, m[1]), unitsAgo(ctx.today, 1, m[1])),
  },
  {
    name: 'few-units-ago',
    pattern: /\b(?:a few|few|several|some)\s+(days?|weeks?|months?)\s+(?:ago|back)/g,
    read: (m, ctx) => {
      const [lo, hi] = m[1].startsWith('day') ? [2, 6] : m[1].startsWith('week') ? [2, 5] : [2, 6];
      return rangeReading(unitsAgo(ctx.today, hi, m[1]), unitsAgo(ctx.today, lo, m[1]));
    },
  },
  {
    name: 'more-or-less-than-ago',
    pattern: new RegExp(
      `\\b((?:just |a little |a bit |slightly )?over|(?:just |a little |a bit |slightly )?more than|at least|less than|under|within|not even|almost|nearly)\\s+(?:the\\s+(?:last|past)\\s+)?(\\d{1,3})\\s+${UNIT}(?:\\s+${AGO})?`,
      'g',
    ),
    read: (m, ctx) => {
      const mark = unitsAgo(ctx.today, num(m[2]), m[3]);
      // "a little over 3 weeks": a few days past the mark; "over a month": up to twice as long
      if (/^(?:just|a little|a bit|slightly) /.test(m[1])) return rangeReading(shiftDays(mark, -5), shiftDays(mark, -1));
      if (/over|more|least/.test(m[1])) return rangeReading(unitsAgo(ctx.today, 2 * num(m[2]), m[3]), shiftDays(mark, -1));
      if (/almost|nearly/.test(m[1]))
        return m[3].startsWith('month')
          ? rangeReading(shiftDays(mark, -5), shiftDays(mark, 5))
          : rangeReading(shiftDays(mark, 1), shiftDays(mark, 3));
      return rangeReading(mark, ctx.today);
    },
  },
  {
    name: 'about-months-ago',
    pattern: new RegExp(
      `\\b(?:${HEDGE_MONTH}\\s+(\\d{1,2})\\s+(months?)\\s+${AGO}|(\\d{1,2})\\s+(months?)\\s+or so\\s+${AGO}|(\\d{1,2})\\s+(months?)\\s+${AGO}\\s+or so)`,
      'g',
    ),
    read: (m, ctx) => {
      const center = unitsAgo(ctx.today, num(m[1] ?? m[3] ?? m[5]), 'month');
      return rangeReading(shiftDays(center, -5), shiftDays(center, 5));
    },
  },
  {
    name: 'units-and-units-ago',
    pattern: new RegExp(`\\b(\\d{1,3})\\s+${UNIT},?\\s+(?:and\\s+)?(\\d{1,3})\\s+${UNIT}\\s+${AGO}`, 'g'),
    read: (m, ctx) => dateReading(unitsAgo(unitsAgo(ctx.today, num(m[1]), m[2]), num(m[3]), m[4])),
  },
  {
    // "a week and a half ago", "3 and a half weeks ago"
    name: 'units-and-a-half-ago',
    pattern: /\b(\d{1,2})\s+(?:(weeks?|months?)\s+and\s+a\s+half|and\s+a\s+half\s+(weeks?|months?))\s+(?:ago|back)/g,
    read: (m, ctx) => {
      const unit = m[2] ?? m[3];
      const days = unit.startsWith('week') ? 7 * num(m[1]) + 3 : 30 * num(m[1]) + 15;
      return rangeReading(shiftDays(ctx.today, -days - 2), shiftDays(ctx.today, -days + 2));
    },
  },
  {
    name: 'had-it-for',
    pattern: new RegExp(
      `\\b(?:(?:it'?s|it has|i'?ve had it|we'?ve had it|had it|had them|owned it)\\s+(?:been\\s+)?(?:for\\s+)?|been\\s+)(?:about\\s+|around\\s+|like\\s+)?(\\d{1,3})\\s+${UNIT}\\b(?!\\s+(?:ago|back|from))`,
      'g',
    ),
    read: (m, ctx) => dateReading(unitsAgo(ctx.today, num(m[1]), m[2])),
  },
  {
    name: 'units-ago',
    pattern: new RegExp(`\\b(\\d{1,3})\\s+${UNIT}\\s+(?:${AGO}|old)\\b(?:\\s+today)?`, 'g'),
    read: (m, ctx) => dateReading(unitsAgo(ctx.today, num(m[1]), m[2])),
  },
  {
    name: 'hours-ago',
    pattern: /\b(\d{1,3}|an|a few|a couple of)\s+(?:hours?|hrs?|minutes?|mins?)\s+ago\b/g,
    read: (m, ctx) => {
      const hours = /^\d+$/.test(m[1]) && /h/.test(m[0]) ? num(m[1]) : 1;
      return dateReading(localToday(new Date(ctx.now.getTime() - hours * 3_600_000), ctx.tz));
    },
  },
  {
    name: 'day-before-yesterday',
    pattern: /\b(?:the\s+)?day before yesterday\b/g,
    read: (_m, ctx) => dateReading(shiftDays(ctx.today, -2)),
  },
  { name: 'yesterday', pattern: /\b(?:yesterday|last night|yday|yest)\b/g, read: (_m, ctx) => dateReading(shiftDays(ctx.today, -1)) },
  {
    name: 'today',
    pattern: /\b(?:today|this morning|this afternoon|this evening|tonight|earlier today|just now|an hour ago|few minutes ago)\b/g,
    read: (_m, ctx) => dateReading(ctx.today),
  },

  // ----- parts of months and named periods
  {
    name: 'part-of-relative-month',
    pattern: new RegExp(`\\b${PART}\\s+(?:of\\s+)?(?:the\\s+)?(last|this|previous|past|the)?\\s*month\\b`, 'g'),
    read: (m, ctx) => {
      const start = (!m[2] || m[2] === 'this' || m[2] === 'the' ? startOfMonth(ctx.today) : subMonths(startOfMonth(ctx.today), 1)) as Day;
      return monthPartSoFar(ctx, start, partName(m[1]), true);
    },
  },
  {
    name: 'part-of-named-month',
    pattern: new RegExp(`\\b${PART}[-\\s]+(?:of\\s+)?(${M})(?:\\s+(\\d{4}))?\\b(?!\\s*\\d)`, 'g'),
    read: (m, ctx) => monthPartSoFar(ctx, monthStartFor(ctx, monthOf(m[2]), m[3]), partName(m[1]), Boolean(m[3])),
  },
  { name: 'week-before-last', pattern: /\b(?:the\s+)?week before last\b/g, read: (_m, ctx) => isoWeekRange(ctx, 2) },
  { name: 'last-week', pattern: /\b(?:last|previous|the previous|past|the past) week\b/g, read: (_m, ctx) => isoWeekRange(ctx, 1) },
  {
    name: 'this-week',
    pattern: /\b(?:this|earlier this|earlier in the) week\b/g,
    read: (_m, ctx) => rangeReading(startOfISOWeek(ctx.today) as Day, ctx.today),
  },
  {
    name: 'weekend',
    pattern: /\b(?:over the|last|this past|past|on the|this|the) weekend\b/g,
    read: (_m, ctx) => {
      const saturday = previousWeekday(ctx.today, 6);
      const sunday = shiftDays(saturday, 1);
      return rangeReading(saturday, sunday > ctx.today ? ctx.today : sunday);
    },
  },
  {
    name: 'earlier-this-month',
    pattern: /\bearlier (?:this|in the) month\b/g,
    read: (_m, ctx) => {
      const yesterday = shiftDays(ctx.today, -1);
      return yesterday < startOfMonth(ctx.today) ? dateReading(ctx.today) : rangeReading(startOfMonth(ctx.today) as Day, yesterday);
    },
  },
  {
    name: 'this-month',
    pattern: /\b(?:this|the current) month\b/g,
    read: (_m, ctx) => rangeReading(startOfMonth(ctx.today) as Day, ctx.today),
  },
  {
    name: 'last-month',
    pattern: /\b(?:last|previous|the previous|past) month\b/g,
    read: (_m, ctx) => monthPartSoFar(ctx, subMonths(startOfMonth(ctx.today), 1) as Day, 'whole', true),
  },
  {
    name: 'last-year',
    pattern: /\b(?:last|previous) year\b/g,
    read: (_m, ctx) => rangeReading(subYears(startOfYear(ctx.today), 1) as Day, shiftDays(startOfYear(ctx.today) as Day, -1)),
  },
  {
    name: 'year-only',
    pattern: /\b(?:in|during|back in|sometime in|around)\s+(\d{4})\b/g,
    read: (m, ctx) => {
      const from = makeDay(num(m[1]), 1, 1) as Day;
      if (from > ctx.today) return { kind: 'future' };
      const to = makeDay(num(m[1]), 12, 31) as Day;
      return rangeReading(from, to > ctx.today ? ctx.today : to);
    },
  },
  { name: 'this-year', pattern: /\b(?:earlier )?this year\b/g, read: (_m, ctx) => rangeReading(startOfYear(ctx.today) as Day, ctx.today) },

  // ----- plain weekdays
  {
    name: 'last-weekday',
    pattern: new RegExp(`\\b(?:last|this past|past|previous)\\s+(${WD})\\b`, 'g'),
    read: (m, ctx) => lastOrThisWeekday(ctx, weekdayOf(m[1]), false),
  },
  {
    name: 'weekday',
    pattern: new RegExp(`\\b(${WD})\\b(?!\\s*(?:the\\s+)?\\d)`, 'g'),
    read: (m, ctx) => (m[1] === 'sun' || m[1] === 'sat' || m[1] === 'wed' ? null : lastOrThisWeekday(ctx, weekdayOf(m[1]), true)),
  },
];

/** Recognizers that run after chrono-node has read the calendar dates written with a month name. */
export const RECOGNIZERS_AFTER_CHRONO: Recognizer[] = [
  {
    name: 'month-only',
    // not "Feb 30" or "31st of February": an impossible day is no date, not the whole month
    pattern: new RegExp(
      `\\b(?:(?:in|during|back in|sometime in|around|since)\\s+)?(?<!\\d(?:st|nd|rd|th)?\\s+(?:of\\s+)?)(${M})(?:,?\\s+(\\d{4}))?\\b(?!\\s*\\d)`,
      'g',
    ),
    read: (m, ctx) => {
      if (m[1] === 'may' && !/^(?:in|during|back|sometime|around|since)/.test(m[0]) && !m[2]) return null;
      if ((m[1] === 'mar' || m[1] === 'sep' || m[1] === 'dec' || m[1] === 'jan') && !m[2]) return null;
      return monthPartSoFar(ctx, monthStartFor(ctx, monthOf(m[1]), m[2]), 'whole', Boolean(m[2]));
    },
  },
  {
    name: 'day-of-month',
    pattern: new RegExp(`\\b(?:the\\s+)?(\\d{1,2})${ORD}\\b(?!\\s+(?:of\\s+)?${M})`, 'g'),
    read: (m, ctx) => dayOrNull(mostRecentDayOfMonth(ctx.today, num(m[1]))),
  },
];

function dayOrNull(day: Day | null): Reading | null {
  return day ? dateReading(day) : null;
}

function dayRangeInMonth(ctx: ReadContext, month: number, from: number, to: number, yearText?: string): Reading | null {
  const last = calendarDay(ctx, month, to, yearOf(yearText));
  const first = last && makeDay(last.getFullYear(), month, from);
  return first && last && first <= last ? rangeReading(first, last) : null;
}

function isoWeekRange(ctx: ReadContext, weeksBack: number): Reading {
  return rangeReading(weekdayOfIsoWeek(ctx.today, 1, weeksBack), weekdayOfIsoWeek(ctx.today, 7, weeksBack));
}
