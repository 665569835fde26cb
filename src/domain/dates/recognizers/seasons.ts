import { type Day, makeDay } from '../../calendar';
import { type Reading, rangeReading } from '../reading';
import { num } from './expressions';
import { groupsOf, type ReadContext, type Recognizer } from './recognizer';

/**
 * Seasons: "last summer", "this spring", "in the fall", "summer of 2019", "since last spring".
 *
 * Conventions (issue 16):
 * - Spring, summer and fall/autumn as people count them either way, meteorological or astronomical:
 *   spring = Mar 1 … Jun 20, summer = Jun 1 … Sep 22, fall = Sep 1 … Dec 20 (the range covering both,
 *   so it decides only when both do). Winter straddles two years and is not read.
 * - "<season> of 2019", "summer 2019": that year's. "this summer": this year's (cut at today; future
 *   if not begun). "in the summer", "summer": the most recent one that has begun.
 * - "last summer": said before this year's has ended, last year's; after it has ended, this year's or
 *   last year's, as "last May" (bareYearsMonths.ts).
 * - Only with a word that makes it a time ("last", "this", "in the", "during", a year): "spring cleaning",
 *   "it took a fall" are no seasons.
 * - Only where seasons are the northern ones: in a southern-hemisphere zone (or a bare UTC offset,
 *   which does not say where) a season is not read, so the reader asks.
 */
const SEASONS: Record<string, [from: [number, number], to: [number, number]]> = {
  spring: [
    [3, 1],
    [6, 20],
  ],
  summer: [
    [6, 1],
    [9, 22],
  ],
  fall: [
    [9, 1],
    [12, 20],
  ],
  autumn: [
    [9, 1],
    [12, 20],
  ],
};

/** Zones south of the equator, where the seasons are the other way round (prefixes end with "/"). */
const SOUTHERN_ZONES =
  /^(?:Australia\/|Antarctica\/|Pacific\/(?:Auckland|Chatham|Fiji|Tongatapu|Apia|Noumea|Efate|Port_Moresby)|America\/(?:Argentina\/|Sao_Paulo|Buenos_Aires|Santiago|Montevideo|Asuncion|La_Paz|Lima|Punta_Arenas|Campo_Grande|Cuiaba|Recife|Fortaleza|Bahia|Maceio|Belem|Porto_Velho|Rio_Branco|Manaus)|Africa\/(?:Johannesburg|Maputo|Harare|Windhoek|Lusaka|Gaborone|Maseru|Mbabane|Blantyre|Lubumbashi|Luanda)|Indian\/|Atlantic\/(?:South_Georgia|Stanley|St_Helena)|Etc\/|[+-])/;

function seasonOf(name: string, year: number): [Day, Day] {
  const [[fm, fd], [tm, td]] = SEASONS[name === 'autumn' ? 'fall' : name];
  return [makeDay(year, fm, fd) as Day, makeDay(year, tm, td) as Day];
}

function soFar(ctx: ReadContext, [from, to]: [Day, Day]): Reading {
  if (from > ctx.today) return { kind: 'future' };
  return rangeReading(from, to > ctx.today ? ctx.today : to);
}

export const season: Recognizer = {
  name: 'season',
  pattern: new RegExp(
    `\\b(?:(?<which>this past|this|last|past)\\s+|(?<preposition>in|during|over|back in|sometime in)\\s+(?:the\\s+)?)?(?<season>${Object.keys(SEASONS).join('|')})\\b(?:,?\\s+(?:of\\s+)?(?<year>(?:19|20)\\d{2})\\b(?![/.-]\\d))?`,
    'g',
  ),
  read: (m, ctx) => {
    if (SOUTHERN_ZONES.test(ctx.tz)) return null;
    const g = groupsOf(m);
    // "spring cleaning", "it took a fall": a season needs a word that makes it a time
    if (!g.which && !g.preposition && !g.year) return null;
    const name = g.season as string;
    const thisYear = ctx.today.getFullYear();
    if (g.year) return g.which ? null : soFar(ctx, seasonOf(name, num(g.year)));
    if (g.which === 'this') return soFar(ctx, seasonOf(name, thisYear));
    const [thisFrom, thisTo] = seasonOf(name, thisYear);
    const [lastFrom, lastTo] = seasonOf(name, thisYear - 1);
    if (!g.which) return soFar(ctx, thisFrom <= ctx.today ? [thisFrom, thisTo] : [lastFrom, lastTo]);
    if (thisTo >= ctx.today) return rangeReading(lastFrom, lastTo);
    if (g.which === 'this past') return rangeReading(thisFrom, thisTo);
    // "last summer" said after this year's: this year's or last year's
    return rangeReading(lastFrom, thisTo);
  },
};
