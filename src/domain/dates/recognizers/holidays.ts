import { type Day, shiftDays } from '../../calendar';
import { dateReading, type Reading, rangeReading } from '../reading';
import { holidayInYear, isMondayHoliday } from '../usHolidays';
import { yearOf } from './days';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

/** How customers write each holiday, and the name `holidayInYear` knows it by. Longer phrases first. */
const HOLIDAY_PHRASES: Array<[phrase: string, name: string]> = [
  ['boxing day', 'day after christmas'],
  ['christmas eve|xmas eve', 'christmas eve'],
  ['christmas(?: day)?|xmas(?: day)?', 'christmas'],
  ["new ?year'?s'? eve|nye", 'new years eve'],
  ["new ?year'?s'?(?: day)?", 'new years day'],
  ["valentine'?s?'?(?: day)?", 'valentines day'],
  ['(?:the )?(?:4th|fourth) of july|july (?:4th|fourth)|independence day', 'independence day'],
  ['black friday', 'black friday'],
  ['thanksgiving(?: day)?', 'thanksgiving'],
  ['cyber monday', 'cyber monday'],
  ['halloween', 'halloween'],
  ["mlk(?: jr\\.?)?(?: day)?|martin luther king(?: jr\\.?)?(?:'s)?(?: day)?", 'mlk day'],
  ["presidents?'?s?'? day|washington'?s'? birthday", 'presidents day'],
  ["(?:st\\.?|saint) (?:patrick|paddy|patty)'?s'?(?: day)?", 'st patricks day'],
  ['good friday', 'good friday'],
  ['easter monday', 'easter monday'],
  ['easter(?: sunday| day)?', 'easter'],
  ["mother'?s'? day|mom'?s'? day", 'mothers day'],
  ["father'?s'? day|dad'?s'? day", 'fathers day'],
  ['memorial day', 'memorial day'],
  ['juneteenth', 'juneteenth'],
  ['labou?r day', 'labor day'],
  ["columbus day|indigenous peoples'?'? day", 'columbus day'],
  ["veterans?'?'? day|veteran'?s day", 'veterans day'],
];

/** "Christmas weekend" or "Easter weekend": a weekend around a holiday that is not a Monday one is vague, so ± this many days. */
const WEEKEND_AROUND_DAYS = 3;
/** Thanksgiving weekend is Thursday to Sunday. */
const THANKSGIVING_WEEKEND_DAYS = 3;
/** A Monday holiday's weekend starts on the Saturday before it. */
const SATURDAY_BEFORE_MONDAY = 2;

/** The days of one holiday phrase in a given year: the holiday moved by `shift` days, or its weekend. */
function holidayDays(name: string, year: number, shift: number, weekend: boolean): [Day, Day] | null {
  const holiday = holidayInYear(name, year);
  if (!holiday) return null;
  if (!weekend) return [shiftDays(holiday, shift), shiftDays(holiday, shift)];
  if (isMondayHoliday(name)) return [shiftDays(holiday, -SATURDAY_BEFORE_MONDAY), holiday];
  if (name === 'thanksgiving') return [holiday, shiftDays(holiday, THANKSGIVING_WEEKEND_DAYS)];
  return [shiftDays(holiday, -WEEKEND_AROUND_DAYS), shiftDays(holiday, WEEKEND_AROUND_DAYS)];
}

/**
 * "Christmas" is the most recent Christmas not after today: this year's if it has come, else last
 * year's; "last Christmas" is the most recent one before today. "Memorial Day weekend" is the
 * Saturday to the Monday; "the day after Labor Day" moves the day. A year is taken literally.
 */
function holiday(ctx: ReadContext, name: string, groups: Record<string, string | undefined>): Reading | null {
  const shift = groups.relation === 'before' ? -1 : groups.relation === 'after' ? 1 : 0;
  const weekend = Boolean(groups.weekend);
  const year = yearOf(groups.year);
  const toReading = ([from, to]: [Day, Day]): Reading => rangeReading(from, to);
  if (year !== null) {
    const days = holidayDays(name, year, shift, weekend);
    return days ? toReading(days) : null;
  }
  const strictlyBefore = Boolean(groups.last);
  for (const y of [ctx.today.getFullYear(), ctx.today.getFullYear() - 1]) {
    const days = holidayDays(name, y, shift, weekend);
    if (!days) return null;
    const begun = strictlyBefore ? days[0] < ctx.today : days[0] <= ctx.today;
    if (begun) return weekend ? toReading([days[0], days[1] > ctx.today ? ctx.today : days[1]]) : dateReading(days[0]);
  }
  return null;
}

/** "Christmas", "black friday 2025", "last Memorial Day", "labor day weekend", "the day after Labor Day". */
export const holidays: Recognizer[] = HOLIDAY_PHRASES.map(
  ([phrase, name]): Recognizer => ({
    name: `holiday:${name}`,
    pattern: new RegExp(
      `\\b(?:(?<last>last|this past|the last|the past)\\s+)?(?:(?:the\\s+)?day\\s+(?<relation>before|after)\\s+)?(?:${phrase})(?:\\s+(?<weekend>weekend))?\\b(?:,?\\s*(?<year>\\d{4})\\b)?`,
      'g',
    ),
    read: (m, ctx) => holiday(ctx, name, groupsOf(m)),
  }),
);
