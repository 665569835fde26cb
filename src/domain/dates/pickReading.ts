import { parseIsoDay } from '../calendar';
import { isoWeekday, MONTHS, WEEKDAYS } from './calendarRules';
import { normalizeDateText } from './normalizeText';
import { type PurchaseDateReading, readPurchaseDate } from './readPurchaseDate';

/**
 * What a reply to "did you buy it on October 11 or on November 10?" says: one of the choices, or
 * another date (read like any answer), or nothing we can use. `choices` are YYYY-MM-DD days in the
 * order the question named them. The reply may pick by position ("the second one", "the former"),
 * by time ("the earlier one", "the later date"), by what it names ("November", "the one in October",
 * "10th of November", "the 10th", "Oct", "the Wednesday"), or reject both ("neither, it was the 12th").
 * A reply that names a day the choices do not have is read as a new date.
 * Returns null when the reply is no choice and no date that decides the warranty.
 * @example understandClarification('the second one', ['2026-10-11', '2026-11-10'], now, tz, policy)
 *   // { kind: 'date', date: '2026-11-10', decision: … }
 */
export function understandClarification(
  reply: unknown,
  choices: string[],
  now: Date,
  timeZone: string,
  policy: { windowDays: number },
): PurchaseDateReading | null {
  if (typeof reply !== 'string') return null;
  const read = (text: string) => {
    const reading = readPurchaseDate(text, now, timeZone, policy);
    return reading.kind === 'none' || reading.kind === 'future' || reading.decision === 'ask' ? null : reading;
  };
  const pick = pickReading(reply, choices);
  if (pick.kind === 'choice') return read(pick.date);
  if (pick.kind === 'other') return read(pick.text);
  return null;
}

export type Pick = { kind: 'choice'; date: string } | { kind: 'other'; text: string } | { kind: 'unclear' };

const NEITHER =
  /^(?:.*?\b)?(?:neither|none of (?:them|those|these)|not (?:either|those|them|any) of|not (?:either|those|them)|both (?:are )?wrong)\b[\s,.:;!-]*|^(?:no|nope)\b[\s,.:;!-]*(?=.*\d)/;
/** "the second one I think": a reply this short that says "first" or "second" picks by position. */
const SHORT_REPLY_WORDS = 5;
/** A reply of only "1st" or "the 2nd": a position, unless a choice falls on that day. */
const BARE_POSITION = /^\s*(?:the\s+)?(1st|2nd)[\s.!]*$/;
/** Picks by position in the question. */
const FIRST = /\b(?:first|former|top|1st (?:one|option|choice|date|day)|(?:option|choice|number) (?:1|one|a)|#1)\b/;
const LAST = /\b(?:second|latter|last one|bottom|2nd (?:one|option|choice|date|day)|(?:option|choice|number) (?:2|two|b)|#2)\b/;
/** Picks by time. */
const EARLIER = /\b(?:earlier|earliest|older|oldest|sooner|before)\b/;
const LATER = /\b(?:later|latest|newer|newest|more recent|most recent|recent)\b/;
const DAY_NUMBER = /\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:one|option|choice|[/:.-]\d))/g;
const YEAR_NUMBER = /\b(?:19|20)\d{2}\b/g;
const WORD = /[a-z]+/g;

/** "not sure", "I don't know", "can't remember": doubt, which picks nothing. */
const DOUBT =
  /\b(?:not|never)\s+(?:(?:really|quite|100%?|totally|completely|entirely)\s+)?(?:sure|certain|positive)\b|\b(?:do|does|did|ca|can|could)\s*n[o']?t\s+(?:really\s+)?(?:know|remember|recall|tell|say)\b|\bcannot\s+(?:remember|recall|tell|say)\b|\bno idea\b|\bunsure\b/;
/** "not February", "it wasn't in January", "definitely not the second one": a choice ruled out. */
const NEGATION = /\b(?:not|never)\b|\b(?:was|is|were|did|does|do|ca|could|would|should|has|had)\s*n[o']?t\b|\b(?:isnt|wasnt|didnt|dont)\b/;
/** Where the ruled-out part of a reply ends, and a positive part ("…, it was the 11th") may begin. */
const CLAUSE_END = /[,.;:!?]|\s-\s|\b(?:but|rather|instead)\b/;

/**
 * The choice a reply makes, as a pure function of its text and the choices in asked order.
 * A ruled-out choice ("not February", "not the second one") picks the other of two; of more than
 * two it picks nothing, unless the reply also says which ("not the first, the second").
 * @example pickReading('the one in October', ['2026-10-11', '2026-11-10']) // { kind: 'choice', date: '2026-10-11' }
 * @example pickReading('not November', ['2026-10-11', '2026-11-10']) // { kind: 'choice', date: '2026-10-11' }
 */
export function pickReading(reply: string, choices: string[]): Pick {
  const raw = reply.toLowerCase();
  const neither = NEITHER.exec(raw);
  if (neither) {
    const rest = raw.slice(neither[0].length);
    return /\d|[a-z]{3,}/.test(rest) ? { kind: 'other', text: rest } : { kind: 'unclear' };
  }
  if (DOUBT.test(raw)) return { kind: 'unclear' };
  const negation = NEGATION.exec(raw);
  if (negation) return pickDespiteNegation(reply, negation.index, negation[0].length, choices);
  return pickAffirmed(reply, choices);
}

/**
 * A reply with a negation: the choice its positive part names (before the negation, or after the
 * ruled-out clause), else the other of two choices when the ruled-out clause names one of them.
 */
function pickDespiteNegation(reply: string, at: number, length: number, choices: string[]): Pick {
  const afterNegation = reply.slice(at + length);
  const end = CLAUSE_END.exec(afterNegation.toLowerCase());
  const ruledOutText = end ? afterNegation.slice(0, end.index) : afterNegation;
  const positiveText = `${reply.slice(0, at)} ${end ? afterNegation.slice(end.index + end[0].length) : ''}`;
  const ruledOut = pickAffirmed(ruledOutText, choices);
  const affirmed = /\d|[a-z]{3,}/i.test(positiveText) ? pickAffirmed(positiveText, choices) : ({ kind: 'unclear' } as Pick);
  if (affirmed.kind === 'choice') {
    return ruledOut.kind === 'choice' && ruledOut.date === affirmed.date ? { kind: 'unclear' } : affirmed;
  }
  if (affirmed.kind === 'other') return ruledOut.kind === 'choice' || ruledOut.kind === 'unclear' ? affirmed : { kind: 'unclear' };
  if (ruledOut.kind !== 'choice' || choices.length !== 2) return { kind: 'unclear' };
  const others = choices.filter((c) => c !== ruledOut.date);
  return others.length === 1 ? { kind: 'choice', date: others[0] } : { kind: 'unclear' };
}

/** The choice a reply without negation makes. */
function pickAffirmed(reply: string, choices: string[]): Pick {
  const raw = reply.toLowerCase();
  const days = choices.map((c) => ({ iso: c, day: parseIsoDay(c) })).filter((c) => c.day !== null);
  if (days.length === 0) return { kind: 'other', text: reply };
  // "one" is the choice itself ("the later one"), not a day: normalizing would make it a 1
  const text = normalizeDateText(reply.replace(/\bones?\b/gi, ' '));
  // "the second (one)" and "first" are positions, though normalizing makes them "the 2nd" and "the 1st";
  // in a longer reply ("wait a second, it was the 12th") the word is only a word
  const positional =
    /\b(?:first|second)\s+(?:one|option|choice|date|day)\b/.test(raw) ||
    (/\b(?:first|second)\b/.test(raw) && !/\b(?:first|second)\s+of\b/.test(raw) && raw.split(/\s+/).length <= SHORT_REPLY_WORDS);
  const wordsNamed = text.match(WORD) ?? [];
  const months = new Set(wordsNamed.filter((w) => MONTHS[w] !== undefined).map((w) => MONTHS[w]));
  const weekdays = new Set(wordsNamed.filter((w) => WEEKDAYS[w] !== undefined).map((w) => WEEKDAYS[w]));
  const years = new Set((text.match(YEAR_NUMBER) ?? []).map(Number));
  const dayNumbers = new Set(
    positional ? [] : [...text.replace(YEAR_NUMBER, ' ').matchAll(DAY_NUMBER)].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= 31),
  );
  const named = months.size + weekdays.size + years.size + dayNumbers.size > 0;
  const matching = days.filter(
    ({ day }) =>
      day &&
      (months.size === 0 || months.has(day.getMonth() + 1)) &&
      (weekdays.size === 0 || weekdays.has(isoWeekday(day))) &&
      (years.size === 0 || years.has(day.getFullYear())) &&
      (dayNumbers.size === 0 || dayNumbers.has(day.getDate())),
  );
  if (named && matching.length === 1) return { kind: 'choice', date: matching[0].iso };
  const pool = named && matching.length > 1 ? matching : days;
  const byTime = [...pool].sort((a, b) => a.iso.localeCompare(b.iso));
  if (EARLIER.test(raw)) return { kind: 'choice', date: byTime[0].iso };
  if (LATER.test(raw)) return { kind: 'choice', date: byTime[byTime.length - 1].iso };
  const byPosition = (pattern: RegExp) => pattern.test(raw.replace(/\b(?:first|second)\b/g, (w) => (positional ? w : '')));
  if (byPosition(FIRST)) return { kind: 'choice', date: pool[0].iso };
  if (byPosition(LAST)) return { kind: 'choice', date: pool[pool.length - 1].iso };
  const bare = BARE_POSITION.exec(raw);
  if (bare && matching.length === 0) return { kind: 'choice', date: bare[1] === '1st' ? pool[0].iso : pool[pool.length - 1].iso };
  if (named && matching.length === 0) return { kind: 'other', text: reply };
  return { kind: 'unclear' };
}

/**
 * The days a clarifying question names, in the order it names them: for a weekday that disagrees
 * with its date, the date as written first; otherwise earliest first. Days after today are no choice.
 * @example clarifyChoices({ kind: 'ambiguous', readings: ['2026-04-05', '2026-05-04'], decision: 'ask' }) // ['2026-04-05', '2026-05-04']
 */
export function clarifyChoices(reading: PurchaseDateReading | undefined): string[] {
  if (reading?.kind !== 'ambiguous' || !reading.readings) return [];
  const conflict = reading.weekdayConflict;
  if (conflict) return [conflict.written, conflict.byWeekday, ...(conflict.byYear ? [conflict.byYear] : [])];
  return [...reading.readings].sort();
}
