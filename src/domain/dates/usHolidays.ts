import { type Day, makeDay, shiftDays } from '../calendar';
import { nthWeekdayOfMonth } from './calendarRules';

const MONDAY = 1;
const THURSDAY = 4;
const SUNDAY = 7;
const LAST = -1;

/** How a holiday falls in a given year. */
type Rule =
  | { fixed: [month: number, day: number] }
  | { nth: number; weekday: number; month: number; plusDays?: number }
  | { easterPlusDays: number }
  | { orthodoxEasterPlusDays: number };

/**
 * The US holidays (and shopping days) customers buy on, by the name the recognizers use.
 * Rule-based ones follow the federal calendar: MLK Day is the 3rd Monday of January, Memorial Day
 * the last Monday of May, Thanksgiving the 4th Thursday of November, and so on.
 */
const RULES: Record<string, Rule> = {
  'new years day': { fixed: [1, 1] },
  'mlk day': { nth: 3, weekday: MONDAY, month: 1 },
  'valentines day': { fixed: [2, 14] },
  'presidents day': { nth: 3, weekday: MONDAY, month: 2 },
  'st patricks day': { fixed: [3, 17] },
  'mardi gras': { easterPlusDays: -47 },
  'ash wednesday': { easterPlusDays: -46 },
  'palm sunday': { easterPlusDays: -7 },
  'maundy thursday': { easterPlusDays: -3 },
  'good friday': { easterPlusDays: -2 },
  'holy saturday': { easterPlusDays: -1 },
  easter: { easterPlusDays: 0 },
  'easter monday': { easterPlusDays: 1 },
  // Greek, Russian and other Orthodox churches keep Easter by the Julian calendar: often weeks later
  'orthodox easter': { orthodoxEasterPlusDays: 0 },
  'ascension day': { easterPlusDays: 39 },
  pentecost: { easterPlusDays: 49 },
  'mothers day': { nth: 2, weekday: SUNDAY, month: 5 },
  'memorial day': { nth: LAST, weekday: MONDAY, month: 5 },
  'fathers day': { nth: 3, weekday: SUNDAY, month: 6 },
  juneteenth: { fixed: [6, 19] },
  'independence day': { fixed: [7, 4] },
  'labor day': { nth: 1, weekday: MONDAY, month: 9 },
  'columbus day': { nth: 2, weekday: MONDAY, month: 10 },
  halloween: { fixed: [10, 31] },
  'veterans day': { fixed: [11, 11] },
  thanksgiving: { nth: 4, weekday: THURSDAY, month: 11 },
  'black friday': { nth: 4, weekday: THURSDAY, month: 11, plusDays: 1 },
  'cyber monday': { nth: 4, weekday: THURSDAY, month: 11, plusDays: 4 },
  'christmas eve': { fixed: [12, 24] },
  christmas: { fixed: [12, 25] },
  'day after christmas': { fixed: [12, 26] },
  'new years eve': { fixed: [12, 31] },
  // days people shop on or remember, though no federal holiday
  'groundhog day': { fixed: [2, 2] },
  'april fools day': { fixed: [4, 1] },
  'tax day': { fixed: [4, 15] },
  'earth day': { fixed: [4, 22] },
  'cinco de mayo': { fixed: [5, 5] },
  'flag day': { fixed: [6, 14] },
  'patriot day': { fixed: [9, 11] },
  'bosses day': { fixed: [10, 16] },
  // the first Sunday after Labor Day
  'grandparents day': { nth: 1, weekday: MONDAY, month: 9, plusDays: 6 },
  // the Tuesday after the first Monday of November
  'election day': { nth: 1, weekday: MONDAY, month: 11, plusDays: 1 },
  'small business saturday': { nth: 4, weekday: THURSDAY, month: 11, plusDays: 2 },
  'giving tuesday': { nth: 4, weekday: THURSDAY, month: 11, plusDays: 5 },
};

/**
 * The day of a US holiday in the calendar year `year`, or null for a name we do not know.
 * @example holidayInYear('memorial day', 2026) // 2026-05-25
 */
export function holidayInYear(name: string, year: number): Day | null {
  const rule = RULES[name];
  if (!rule) return null;
  if ('fixed' in rule) return makeDay(year, rule.fixed[0], rule.fixed[1]);
  if ('easterPlusDays' in rule) return shiftDays(easterSunday(year), rule.easterPlusDays);
  if ('orthodoxEasterPlusDays' in rule) return shiftDays(orthodoxEasterSunday(year), rule.orthodoxEasterPlusDays);
  return shiftDays(nthWeekdayOfMonth(makeDay(year, rule.month, 1) as Day, rule.weekday, rule.nth), rule.plusDays ?? 0);
}

/**
 * The days "<holiday> weekend" covers: a Monday holiday's is the Saturday to the Monday,
 * Thanksgiving's the Thursday to the Sunday, Easter's Good Friday to Easter Monday;
 * null for any other holiday, whose weekend is only somewhere around it.
 * @example holidayWeekend('memorial day', 2026) // [2026-05-23, 2026-05-25]
 */
export function holidayWeekend(name: string, year: number): [Day, Day] | null {
  const rule = RULES[name];
  const day = holidayInYear(name, year);
  if (!rule || !day) return null;
  if ('nth' in rule && rule.weekday === MONDAY && !rule.plusDays) return [shiftDays(day, -SATURDAY_BEFORE_MONDAY), day];
  if (name === 'thanksgiving') return [day, shiftDays(day, THANKSGIVING_WEEKEND_DAYS)];
  if (name === 'easter') return [shiftDays(day, GOOD_FRIDAY), shiftDays(day, EASTER_MONDAY)];
  return null;
}
const SATURDAY_BEFORE_MONDAY = 2;
const THANKSGIVING_WEEKEND_DAYS = 3;
const GOOD_FRIDAY = -2;
const EASTER_MONDAY = 1;

/**
 * Western Easter Sunday (the anonymous Gregorian computus, "Meeus/Jones/Butcher").
 * @example easterSunday(2026) // 2026-04-05
 */
export function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDay(year, month, day) as Day;
}

/** Days the Julian calendar runs behind the Gregorian from 1 March 1900 to 28 February 2100. */
const JULIAN_LAG_1900_2099 = 13;

/**
 * Orthodox Easter Sunday as a Gregorian day: Meeus's Julian computus, moved by the calendars' lag
 * (right for 1900–2099, the years a purchase can fall in).
 * @example orthodoxEasterSunday(2026) // 2026-04-12
 * @example orthodoxEasterSunday(2025) // 2025-04-20 (the same Sunday as Western Easter)
 */
export function orthodoxEasterSunday(year: number): Day {
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  return shiftDays(makeDay(year, month, day) as Day, JULIAN_LAG_1900_2099);
}
