import type { Day } from '../../calendar';
import { holidayInYear } from '../calendarRules';
import { dateReading, type Reading } from '../reading';
import { yearOf } from './days';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

/** How customers write each holiday, and the name `holidayInYear` knows it by. Longer phrases first. */
const HOLIDAY_PHRASES: Array<[phrase: string, name: string]> = [
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

/** "Christmas" is the most recent Christmas not after today: this year's if it has come, else last year's. */
function holiday(ctx: ReadContext, name: string, yearText?: string): Reading | null {
  const year = yearOf(yearText);
  if (year !== null) {
    const d = holidayInYear(name, year);
    return d ? dateReading(d) : null;
  }
  const thisYears = holidayInYear(name, ctx.today.getFullYear());
  if (!thisYears) return null;
  return dateReading(thisYears <= ctx.today ? thisYears : (holidayInYear(name, ctx.today.getFullYear() - 1) as Day));
}

/** "Christmas", "black friday 2025", "valentine's day": one recognizer per holiday. */
export const holidays: Recognizer[] = HOLIDAY_PHRASES.map(
  ([phrase, name]): Recognizer => ({
    name: `holiday:${name}`,
    pattern: new RegExp(`\\b(?:${phrase})\\b(?:,?\\s*(?<year>\\d{4})\\b)?`, 'g'),
    read: (m, ctx) => holiday(ctx, name, groupsOf(m).year),
  }),
);
