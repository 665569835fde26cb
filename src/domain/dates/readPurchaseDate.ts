import { type Day, isoDay, isValidTimeZone, localToday } from '../calendar';
import { decideWindow, type WindowDecision } from '../warrantyWindow';
import { readMonthNameDates } from './chronoDates';
import { dropNegatedAlternative } from './negatedAlternative';
import { normalizeDateText } from './normalizeText';
import { widenOpenRanges } from './openRanges';
import type { Mention, Reading } from './reading';
import { RECOGNIZERS_AFTER_CHRONO, RECOGNIZERS_BEFORE_CHRONO, type ReadContext, type Recognizer } from './recognizers';
import { unaccountedTokens } from './unaccountedTokens';
import { readWeekdaysBesideDates } from './weekdayBesideDate';
import { widenWeekOf } from './weekOfADay';

export type PurchaseDateKind = 'date' | 'range' | 'ambiguous' | 'future' | 'none';

/** What an answer to "When did you buy it?" tells us, as plain data (days are YYYY-MM-DD). */
export interface PurchaseDateReading {
  kind: PurchaseDateKind;
  /** The day; also set on an ambiguous reading when every other reading is in the future. */
  date?: string;
  earliest?: string;
  latest?: string;
  readings?: string[];
  /** The date as written and the weekday's own reading, when a weekday written with the date disagrees with it. */
  weekdayConflict?: { written: string; byWeekday: string; byYear?: string };
  decision: WindowDecision;
}

/**
 * Reads a purchase date from a customer's answer, relative to `now` in the customer's
 * timezone, and decides it against the warranty window. Never throws: garbage reads as none.
 * @example readPurchaseDate('I got it 3 days ago', new Date('2026-03-02T14:30:00Z'), 'America/New_York', { windowDays: 30 })
 *   // { kind: 'date', date: '2026-02-27', decision: 'within' }
 */
export function readPurchaseDate(text: unknown, now: Date, timeZone: string, policy: { windowDays: number }): PurchaseDateReading {
  if (typeof text !== 'string' || Number.isNaN(now.getTime()) || !isValidTimeZone(timeZone)) return NONE;
  const ctx: ReadContext = { today: localToday(now, timeZone), now, tz: timeZone };
  try {
    const normalized = applyBareNumberCorrection(dropNegatedAlternative(normalizeDateText(text, ctx.today.getFullYear())));
    const found = findMentions(normalized, ctx);
    const { mentions, unresolved } = readWeekdaysBesideDates(normalized, found.mentions, ctx.today);
    const { reading, setAsideUnexplained } = choosePurchaseReading(normalized, mentions);
    if (!reading) return NONE;
    const described = describe(reading, ctx.today, policy.windowDays);
    // Fail closed: a part of the answer that might be a date, and that no reading explains, may change it.
    const everyPartRead =
      setAsideUnexplained.length === 0 && unaccountedTokens(found.remainder, mentions).length === 0 && unresolved.length === 0;
    return everyPartRead ? described : { ...described, decision: 'ask' };
  } catch {
    return NONE;
  }
}

const NONE: PurchaseDateReading = { kind: 'none', decision: 'ask' };

/**
 * Every date phrase in the text; each recognizer blanks what it read so later ones do not re-read it.
 * `remainder` is the text with everything read (dates and numbers that are no dates) blanked.
 */
export function findMentions(text: string, ctx: ReadContext): { mentions: Mention[]; remainder: string } {
  let masked = text;
  const mentions: Mention[] = [];
  const run = (recognizers: Recognizer[]) => {
    for (const recognizer of recognizers) {
      recognizer.pattern.lastIndex = 0;
      for (const m of masked.matchAll(recognizer.pattern)) {
        const reading = recognizer.read(m as RegExpExecArray, ctx);
        if (reading === null) continue;
        const start = m.index ?? 0;
        const end = start + m[0].length;
        if (reading !== 'noise') mentions.push({ start, end, reading, source: m[0].trim() });
        masked = masked.slice(0, start) + ' '.repeat(end - start) + masked.slice(end);
      }
    }
  };
  run(RECOGNIZERS_BEFORE_CHRONO);
  for (const mention of readMonthNameDates(masked, ctx)) {
    mentions.push(mention);
    masked = masked.slice(0, mention.start) + ' '.repeat(mention.end - mention.start) + masked.slice(mention.end);
  }
  run(RECOGNIZERS_AFTER_CHRONO);
  const widened = widenOpenRanges(
    text,
    masked,
    widenWeekOf(
      text,
      mentions.sort((a, b) => a.start - b.start),
    ),
    ctx.today,
  );
  return { mentions: widened.mentions, remainder: widened.masked };
}

// ---------------------------------------------------------------- corrections
const CORRECTION =
  /(?:\bno,? wait\b|\bwait,? no\b|\bsorry\b|\bi mean\b|\bi meant\b|\bactually\b|\bcorrection\b|\bscratch that\b|\bor rather\b|\boops\b|\bmy bad\b|(?:^|[-,.;!]\s*)no\b[,.!]?|\bmake that\b|\bnot\b(?=\s+(?:the\s+)?\d))/g;

/** "32 days ago - sorry, 28": a bare number after a correction replaces the last number before it. */
function applyBareNumberCorrection(text: string): string {
  const markers = [...text.matchAll(CORRECTION)];
  const last = markers.at(-1);
  if (!last || last.index === undefined) return text;
  const tail = text.slice(last.index + last[0].length);
  const bare = /^[\s,.:;!-]*(?:it was|it's|make that|i think)?\s*(\d{1,3})(st|nd|rd|th)?[\s.!]*$/.exec(tail);
  if (!bare) return text;
  const head = text.slice(0, last.index);
  const lastNumber = [...head.matchAll(/\d{1,3}(?=(?:st|nd|rd|th)?\b)/g)].at(-1);
  if (!lastNumber || lastNumber.index === undefined) return text;
  return head.slice(0, lastNumber.index) + bare[1] + head.slice(lastNumber.index + lastNumber[0].length);
}

// ---------------------------------------------------------------- which mention is the purchase
const PURCHASE_WORDS = /\b(?:bought|buy|buying|purchas\w*|order(?:ed)?|paid|pay|compr\w*|achet\w*|gekauft|kaufte|bestellt)\b/;
/** Words that mean buying unless the clause says delivery ("got it delivered"). */
const WEAK_PURCHASE_WORDS = /\b(?:got|get|getting|picked (?:it |them |this |the \w+ )?up|pick(?:ed)? up)\b/;
const OTHER_EVENT_WORDS =
  /\b(?:arriv\w*|deliver\w*|ship\w*|install\w*|set (?:it |them )?up|mounted|broke|broken|quit|stopped|stop|died|dead|fail\w*|crash\w*|worked|working|work|came|received|showed up|started|began|until|till|broke down|went out|went dead)\b/;
const CLAUSE_BREAK = /[.;!?\n]|,|\band\b|\bbut\b|\bthen\b|\bwhen\b|\buntil\b|\bwhich\b|\bafter\b|\s-\s/g;

type Role = 'purchase' | 'other' | 'neutral';

function roleOf(text: string, mention: Mention): Role {
  const breaks = [...text.matchAll(CLAUSE_BREAK)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  const before = breaks.filter((b) => b.end <= mention.start).at(-1);
  const after = breaks.find((b) => b.start >= mention.end);
  // "until this week when it stopped": the word that opened the clause tells its role too
  const opener = before ? text.slice(before.start, before.end) : '';
  const from = before ? before.end : 0;
  // the date's own words ("from March until today") say nothing about what happened on it
  const clause =
    text.slice(from, mention.start) + ' '.repeat(mention.end - mention.start) + text.slice(mention.end, after ? after.start : text.length);
  if (PURCHASE_WORDS.test(clause)) return 'purchase';
  if (OTHER_EVENT_WORDS.test(clause) || /until|when|after/.test(opener)) return 'other';
  if (WEAK_PURCHASE_WORDS.test(clause)) return 'purchase';
  return 'neutral';
}

/**
 * Picks what the customer says about the purchase: the corrected value if they corrected
 * themselves; the purchase/order date over delivery, installation or failure dates.
 * Every mention it does not use is set aside for one of those reasons, or listed in
 * `setAsideUnexplained` (a date said with no word for what happened on it, beside a purchase date;
 * a delivery or failure date before the purchase).
 */
function choosePurchaseReading(text: string, all: Mention[]): { reading: Reading | null; setAsideUnexplained: Mention[] } {
  let mentions = all;
  for (const marker of text.matchAll(CORRECTION)) {
    const at = marker.index ?? 0;
    if (mentions.some((m) => m.start < at) && mentions.some((m) => m.start >= at)) mentions = mentions.filter((m) => m.start >= at);
  }
  if (mentions.length === 0) return { reading: null, setAsideUnexplained: [] };
  const withRoles = mentions.map((m) => ({ m, role: roleOf(text, m) }));
  const purchase = withRoles.filter((x) => x.role === 'purchase');
  const neutral = withRoles.filter((x) => x.role === 'neutral');
  const chosen = (purchase.length ? purchase : neutral).map((x) => x.m);
  const reading = combine(chosen.map((m) => m.reading));
  if (!reading) return { reading, setAsideUnexplained: [] };
  const neutralSetAside = purchase.length ? neutral.map((x) => x.m).filter((m) => !agrees(m.reading, reading)) : [];
  // a delivery or failure before the purchase is no reason to set a date aside: one of them is misread
  const otherBeforePurchase = withRoles.filter((x) => x.role === 'other' && endsBefore(x.m.reading, reading)).map((x) => x.m);
  return { reading, setAsideUnexplained: [...neutralSetAside, ...otherBeforePurchase] };
}

/** Whether every day of `earlier` comes before every day of `later`. */
function endsBefore(earlier: Reading, later: Reading): boolean {
  const [before, after] = [daysOf(earlier), daysOf(later)];
  return before.length > 0 && after.length > 0 && Math.max(...before.map(Number)) < Math.min(...after.map(Number));
}

/** Whether a reading says nothing the chosen one does not: the same, or a range around it. */
function agrees(other: Reading, chosen: Reading): boolean {
  if (JSON.stringify(other) === JSON.stringify(chosen)) return true;
  return other.kind === 'range' && within(chosen, other);
}

/**
 * Several readings of the purchase: identical ones are one; a vaguer one that contains a
 * more precise one ("March, the 2nd") gives way to it; different ones become a choice.
 */
function combine(readings: Reading[]): Reading | null {
  const unique = new Map(readings.map((r) => [JSON.stringify(r), r]));
  const list = [...unique.values()].filter((r) => !(r.kind === 'range' && [...unique.values()].some((o) => o !== r && within(o, r))));
  if (list.length <= 1) return list[0] ?? null;
  if (list.some((r) => r.kind === 'future')) return { kind: 'future' };
  const days = list.flatMap(daysOf).sort((a, b) => a.getTime() - b.getTime());
  if (list.every((r) => r.kind !== 'range')) return { kind: 'ambiguous', readings: days };
  return { kind: 'range', earliest: days[0], latest: days[days.length - 1] };
}

/** Whether every day of `inner` lies in the range `outer`. */
function within(inner: Reading, outer: Extract<Reading, { kind: 'range' }>): boolean {
  const days = daysOf(inner);
  return days.length > 0 && days.every((d) => d >= outer.earliest && d <= outer.latest);
}

function daysOf(reading: Reading): Day[] {
  switch (reading.kind) {
    case 'date':
      return [reading.date];
    case 'range':
      return [reading.earliest, reading.latest];
    case 'ambiguous':
      return reading.readings;
    default:
      return [];
  }
}

// ---------------------------------------------------------------- result
function describe(reading: Reading, today: Day, windowDays: number): PurchaseDateReading {
  switch (reading.kind) {
    case 'future':
      return { kind: 'future', decision: 'ask' };
    case 'date':
      if (reading.date > today) return { kind: 'future', decision: 'ask' };
      return { kind: 'date', date: isoDay(reading.date), decision: decideWindow([reading.date], today, windowDays) };
    case 'range': {
      if (reading.earliest > today) return { kind: 'future', decision: 'ask' };
      const latest = reading.latest > today ? today : reading.latest;
      return {
        kind: 'range',
        earliest: isoDay(reading.earliest),
        latest: isoDay(latest),
        decision: decideWindow([reading.earliest, latest], today, windowDays),
      };
    }
    case 'ambiguous': {
      const past = reading.readings.filter((d) => d <= today);
      if (past.length === 0) return { kind: 'future', decision: 'ask' };
      const readings = [...new Set(reading.readings.map(isoDay))].sort();
      const decision = decideWindow(past, today, windowDays);
      if (reading.preferred && reading.preferred <= today && decision !== 'ask')
        return { kind: 'date', date: isoDay(reading.preferred), decision };
      // "12/05/2026" on May 20: December 5 has not happened yet, so May 12 is the day meant.
      const onlyPossible = past.length === 1 && readings.length > 1 ? { date: isoDay(past[0]) } : {};
      const conflict = reading.weekdayConflict;
      const weekdayConflict = conflict
        ? {
            weekdayConflict: {
              written: isoDay(conflict.written),
              byWeekday: isoDay(conflict.byWeekday),
              ...(conflict.byYear ? { byYear: isoDay(conflict.byYear) } : {}),
            },
          }
        : {};
      return { kind: 'ambiguous', readings, ...onlyPossible, ...weekdayConflict, decision };
    }
  }
}
