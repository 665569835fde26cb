import { type Day, shiftDays } from '../../calendar';
import { isoWeekday, WEEKDAY_PATTERN, WEEKDAYS } from '../calendarRules';
import { type Reading, rangeReading } from '../reading';
import { holidayInYear, holidayWeekend } from '../usHolidays';
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
  // normalizing reads the French "mardi" as "tuesday"
  ['(?:mardi|tuesday) gras|shrove tuesday|fat tuesday|pancake (?:day|tuesday)', 'mardi gras'],
  ['ash wednesday', 'ash wednesday'],
  ['palm sunday', 'palm sunday'],
  ['maundy thursday|holy thursday', 'maundy thursday'],
  ['good friday', 'good friday'],
  ['holy saturday|easter saturday|easter eve', 'holy saturday'],
  ['ascension(?: day| thursday)?', 'ascension day'],
  ['pentecost(?: sunday)?|whit ?sunday', 'pentecost'],
  ['easter monday', 'easter monday'],
  ['(?:eastern |greek |russian )?orthodox easter(?: sunday| day)?|(?:greek|russian) easter(?: sunday| day)?', 'orthodox easter'],
  ['easter(?: sunday| day)?', 'easter'],
  ["mother'?s'? day|mom'?s'? day", 'mothers day'],
  ["father'?s'? day|dad'?s'? day", 'fathers day'],
  ['memorial day', 'memorial day'],
  ['juneteenth', 'juneteenth'],
  ['labou?r day', 'labor day'],
  ["columbus day|indigenous peoples'?'? day", 'columbus day'],
  ["veterans?'?'? day|veteran'?s day", 'veterans day'],
  ['small business saturday', 'small business saturday'],
  ['giving tuesday', 'giving tuesday'],
  ['groundhog day', 'groundhog day'],
  ["april fool'?s'?(?: day)?", 'april fools day'],
  ['tax day', 'tax day'],
  ['earth day', 'earth day'],
  ['cinco de mayo', 'cinco de mayo'],
  ['flag day', 'flag day'],
  ['patriot day', 'patriot day'],
  ["boss'?s'?'? day|bosses'? day", 'bosses day'],
  ["grandparents'?'? day", 'grandparents day'],
  ['election day', 'election day'],
  // the same days as Spanish, French and German answers name them
  // "Noël" and "Silvester" are names too: only after a word that makes them a day
  ['navidad|(?<=(?:à|a|de|pour) )no[eë]l|weihnachten|(?:1\\.|erster) weihnachtstag', 'christmas'],
  ['nochebuena|r[ée]veillon de no[eë]l|heiligabend|heiliger abend', 'christmas eve'],
  ['nochevieja|la saint[- ]sylvestre|(?<=(?:an|zu|vor) )silvester', 'new years eve'],
  ["a[ñn]o nuevo|jour de l'an|nouvel an|neujahr", 'new years day'],
  ['pascua|p[âa]ques|ostern|ostersonntag', 'easter'],
  ['san valent[íi]n|saint[- ]valentin|valentinstag', 'valentines day'],
  ['d[íi]a de acci[óo]n de gracias|action de gr[âa]ce', 'thanksgiving'],
];

/** "Christmas weekend", "4th of July weekend": a weekend around a day that is no Monday holiday is vague, so ± this many days. */
const WEEKEND_AROUND_DAYS = 3;

/** The days of one holiday phrase in a given year: the holiday moved by `shift`, or to `weekday` next to it, or its weekend. */
function holidayDays(name: string, year: number, relation: Relation, weekend: boolean): [Day, Day] | null {
  const holiday = holidayInYear(name, year);
  if (!holiday) return null;
  if (weekend) return holidayWeekend(name, year) ?? [shiftDays(holiday, -WEEKEND_AROUND_DAYS), shiftDays(holiday, WEEKEND_AROUND_DAYS)];
  if (relation?.weekend) {
    // "the weekend after Thanksgiving": the Saturday and Sunday after (or before) the day
    const saturday = beside(holiday, { ...relation, weekday: SATURDAY });
    return [saturday, shiftDays(saturday, 1)];
  }
  const day = relation ? beside(holiday, relation) : holiday;
  return [day, day];
}

/** "the day after", "the Friday after", "the weekend before": -1/+1, or the first such weekday (or Saturday) strictly before/after. */
type Relation = { direction: -1 | 1; weekday: number | null; weekend: boolean } | null;
const SATURDAY = 6;
function beside(holiday: Day, { direction, weekday }: NonNullable<Relation>): Day {
  if (weekday === null) return shiftDays(holiday, direction);
  const gap = direction === 1 ? (weekday - isoWeekday(holiday) + 7) % 7 || 7 : (isoWeekday(holiday) - weekday + 7) % 7 || 7;
  return shiftDays(holiday, direction * gap);
}

/**
 * "Christmas" is the most recent Christmas not after today: this year's if it has come, else last
 * year's; "last Christmas" is the most recent one before today. "Memorial Day weekend" is the
 * Saturday to the Monday; "the day after Labor Day" moves the day. A year is taken literally.
 */
function holiday(ctx: ReadContext, name: string, groups: Record<string, string | undefined>): Reading | null {
  const relation: Relation = groups.relation
    ? {
        direction: groups.relation === 'before' ? -1 : 1,
        weekday: groups.besideDay === 'day' || groups.besideDay === 'weekend' ? null : WEEKDAYS[groups.besideDay as string],
        weekend: groups.besideDay === 'weekend',
      }
    : null;
  const weekend = Boolean(groups.weekend);
  const year = yearOf(groups.year);
  const toReading = ([from, to]: [Day, Day]): Reading => rangeReading(from, to);
  if (year !== null) {
    const days = holidayDays(name, year, relation, weekend);
    return days ? toReading(days) : null;
  }
  const strictlyBefore = Boolean(groups.last);
  for (const y of [ctx.today.getFullYear(), ctx.today.getFullYear() - 1]) {
    const days = holidayDays(name, y, relation, weekend);
    if (!days) return null;
    const begun = strictlyBefore ? days[0] < ctx.today : days[0] <= ctx.today;
    if (begun) return toReading([days[0], days[1] > ctx.today ? ctx.today : days[1]]);
  }
  return null;
}

/**
 * A word before a holiday's name that makes it another day: "Chinese New Year" is no January 1st,
 * "Orthodox Christmas" no December 25th. The names we can compute are phrases above ("Orthodox
 * Easter"); any other such holiday is left unread, so the answer is asked about, never misread.
 */
const OTHER_CALENDAR =
  'chinese|lunar|jewish|hebrew|islamic|muslim|hijri|arabic|persian|iranian|hindu|tamil|sikh|bengali|nepali|thai|vietnamese|korean|tibetan|ethiopian|coptic|julian|orthodox|greek|russian|eastern|armenian|serbian|ukrainian|old';
const NOT_AFTER_ANOTHER_CALENDAR = `(?<!\\b(?:${OTHER_CALENDAR})\\s+)`;

/** One group per phrase ("h0", "h1" …): one pass over the text for every holiday, not one per holiday. */
const HOLIDAY_ALTERNATIVES = HOLIDAY_PHRASES.map(([phrase], i) => `(?<h${i}>${phrase})`).join('|');

/** "Christmas", "black friday 2025", "last Memorial Day", "labor day weekend", "the day after Labor Day". */
export const holidays: Recognizer[] = [
  {
    name: 'holiday',
    pattern: new RegExp(
      `\\b(?:(?<last>last|this past|the last|the past)\\s+)?(?:(?:the\\s+)?(?<besideDay>day|weekend|${WEEKDAY_PATTERN}|saturday|sunday)\\s+(?<relation>before|after)\\s+)?${NOT_AFTER_ANOTHER_CALENDAR}(?:${HOLIDAY_ALTERNATIVES})(?:\\s+(?<weekend>weekend))?\\b(?:,?\\s*(?<year>\\d{4})\\b)?`,
      'g',
    ),
    read: (m, ctx) => {
      const groups = groupsOf(m);
      const index = HOLIDAY_PHRASES.findIndex((_, i) => groups[`h${i}`] !== undefined);
      return index < 0 ? null : holiday(ctx, HOLIDAY_PHRASES[index][1], groups);
    },
  },
];
