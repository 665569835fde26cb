import type { Day } from '../calendar';
import { type Mention, type Reading, rangeReading } from './reading';

/**
 * Open ranges up to today: "between January 22 and now", "from March to date", "from the 10th
 * until today", "since August", "since last week". The answer gives a start and says the end is
 * today, so the reading is a range from that start to today, not the start alone (read alone,
 * "since August" would be the month of August and "between January 22 and now" January 22:
 * silent wrongs when August or January 22 is outside the window and today is not).
 *
 * Conventions (issue 16):
 * - "from/between/starting <start> to/until/till/through/and <now, today, date, the present>":
 *   the range from the first day of <start> to today, whatever <start> is (a day, a month, …).
 * - "since <start>" with no end is the same range, for a period ("since August", "since last week")
 *   and for a day ("since March 3", "since the 3rd", "since Christmas"). "I've had it since March 3"
 *   most likely names the day it was bought, but "since" also reads as "from then on": the range
 *   decides like the day whenever the day is within (every later day is too), and asks, instead of
 *   answering outside, when it is not. No test or dev item pinned the day reading before.
 * - "since <year>" alone is not read (a year range to today asks anyway).
 */
const OPENER = /\b(?:since|from|between|starting(?: from| on| in)?|beginning(?: in| on)?)\s+$/;
const SINCE = /^since\s/;
const UNTIL_NOW =
  /^,?\s*(?:-|to|till|til|until|through|thru|up to|up until|up till|and|through to)\s+(?:right now|now|today|date|the present|present|this day)\b/;

/**
 * Mentions that open a range to today, widened to it; `masked` (the text with every read span
 * blanked) loses the closing words too ("and now"), so they count as read.
 * @example 'since august' on 2026-09-20 → one mention, range 2026-08-01 … 2026-09-20
 */
export function widenOpenRanges(text: string, masked: string, mentions: Mention[], today: Day): { mentions: Mention[]; masked: string } {
  let out = mentions;
  let blanked = masked;
  for (const mention of mentions) {
    const opener = OPENER.exec(text.slice(0, mention.start));
    const since = SINCE.test(mention.source) || opener?.[0].startsWith('since') === true;
    if (!opener && !since) continue;
    const close = UNTIL_NOW.exec(text.slice(mention.end));
    const start = earliestDay(mention.reading);
    if (!start || start > today) continue;
    if (!close && !since) continue;
    const end = mention.end + (close ? close[0].length : 0);
    const widened: Mention = {
      start: mention.start,
      end,
      reading: rangeReading(start, today),
      source: text.slice(mention.start, end),
    };
    // "until today" is a mention of its own: it is the end of this range now
    out = out.filter((m) => m !== mention && !(m.start >= mention.end && m.end <= end)).concat(widened);
    blanked = blanked.slice(0, mention.start) + ' '.repeat(end - mention.start) + blanked.slice(end);
  }
  return { mentions: out.sort((a, b) => a.start - b.start), masked: blanked };
}

function earliestDay(reading: Reading): Day | null {
  switch (reading.kind) {
    case 'date':
      return reading.date;
    case 'range':
      return reading.earliest;
    case 'ambiguous':
      return reading.readings.reduce((a, b) => (a < b ? a : b));
    default:
      return null;
  }
}
