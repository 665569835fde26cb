import { subYears } from 'date-fns';
import { type Day, makeDay } from '../../calendar';
import { partOfMonth } from '../calendarRules';
import { type Reading, rangeReading } from '../reading';
import { monthPartSoFar, monthStartFor } from './days';
import { MONTH, monthOf } from './expressions';
import { groupsOf, type Recognizer } from './recognizer';
import { yearSoFar } from './years';

/**
 * A year or a month with nothing else: the whole answer is "2008", "dec", "May.", "in May",
 * or a month with "this" or "last".
 *
 * Conventions (issue 16):
 * - A bare year is that year, cut at today if it is this year. Only when it is the whole answer
 *   ("2008", "the year 2008", "it was 2008"): inside a sentence a four-digit number is as likely an
 *   order or model number, and stays a stray token (the reader asks).
 * - A bare month is the most recent such month not after today, cut at today if it is this month.
 *   "may", "mar", "dec", "jan", "sep" are words or names too: alone as the whole answer they are the
 *   month; in a sentence they need a preposition or a year (months.ts). "I may have bought it…" is the verb.
 * - "this May": May of this year (cut at today; future if it has not begun).
 * - "last May" / "past May": said in May or earlier in the year, May of last year. Said after May,
 *   people split between this year's May and last year's: the range covering both, so the answer
 *   decides only when both do. "this past May" is the most recent May that is over.
 */
/** Words that may open an answer that is only a year or a month: "it was 2019", "bought it dec". */
const FILLER =
  '(?:(?:it was|i think|i believe|probably|maybe|around|about|circa|approximately|sometime|bought it|purchased it|purchased|got it)\\s+)?';

/** "2019 I think", "dec or so": a hedge after the year or month does not change it. */
const HEDGE_AFTER = '(?:,?\\s+(?:i think|i believe|maybe|probably|or so|i guess))?';

/** "2008", "in 2008", "it was 2008.", "the year 2008" as the whole answer. */
export const wholeAnswerYear: Recognizer = {
  name: 'whole-answer-year',
  pattern: new RegExp(`^${FILLER}(?:in\\s+)?(?:the\\s+)?(?:year\\s+)?(?<year>(?:19|20)\\d{2})${HEDGE_AFTER}\\s*[.!?]*$`, 'g'),
  read: (m, ctx) => yearSoFar(ctx, Number(groupsOf(m).year)),
};

/** "dec", "Dec.", "may", "in may", "the month of may" as the whole answer. */
export const wholeAnswerMonth: Recognizer = {
  name: 'whole-answer-month',
  pattern: new RegExp(
    `^${FILLER}(?:(?:in|during|back in|sometime in|around)\\s+)?(?:the month of\\s+)?(?<month>${MONTH})${HEDGE_AFTER}\\s*[.!?]*$`,
    'g',
  ),
  read: (m, ctx) => monthPartSoFar(ctx, monthStartFor(ctx, monthOf(groupsOf(m).month as string)), 'whole', false),
};

/**
 * "this May", "last December", "this past May". "may" followed by a verb is the verb ("this may help",
 * "last may be"); after "this", also when a pronoun follows ("this may I ask").
 */
export const thisOrLastNamedMonth: Recognizer = {
  name: 'this-or-last-named-month',
  pattern: new RegExp(
    `\\b(?<which>this past|this|last|past)\\s+(?<month>${MONTH})(?![a-z])(?!\\s*\\d)(?!\\s+(?:be|have|has|not|need|want|ask|help|work|seem|sound|look|take|get|cause)\\b)`,
    'g',
  ),
  read: (m, ctx) => {
    const g = groupsOf(m);
    const month = monthOf(g.month as string);
    const thisYears = makeDay(ctx.today.getFullYear(), month, 1) as Day;
    // "this may I think" could still be the verb ("this may, I think, help"); "last may I think" is the month
    if (g.which === 'this' && MAY_BEFORE_A_PRONOUN.test(m.input.slice(m.index))) return null;
    if (g.which === 'this') return monthPartSoFar(ctx, thisYears, 'whole', true);
    const overThisYear = month < ctx.today.getMonth() + 1;
    const lastYears = subYears(thisYears, 1) as Day;
    if (!overThisYear) return wholeMonth(lastYears);
    if (g.which === 'this past') return wholeMonth(thisYears);
    // "last May" said in June or later: this year's May, or last year's
    return rangeReading(lastYears, partOfMonth(thisYears, 'whole')[1]);
  },
};

const MAY_BEFORE_A_PRONOUN = /^this\s+may\s+(?:i|we|you|it|he|she|they)\b/;

function wholeMonth(monthStart: Day): Reading {
  const [from, to] = partOfMonth(monthStart, 'whole');
  return rangeReading(from, to);
}

export const bareYearsAndMonths: Recognizer[] = [wholeAnswerYear, wholeAnswerMonth, thisOrLastNamedMonth];
