import { type DateLikeToken, dateLikeTokens } from './dateLikeTokens';
import { NOT_DATE_WORDS } from './notDateWords';

/** A span of the answer a recognizer read as a date. */
interface Span {
  start: number;
  end: number;
}

/** Words that only say when, and belong to the date next to them: "since March 3", "3 weeks now", "10 days to date". */
const TIED_TO_A_DATE = new Set(['since', 'now', 'to date']);

/**
 * The date-like tokens that no reading accounts for: `remainder` is the answer with every span
 * the recognizers read (as a date or as a number that is no date) blanked out; what is left is
 * either a known non-date ("now I think", "the first time", "ps5") or a reason not to decide.
 * @example unaccountedTokens('bought it          on friday', [{ start: 10, end: 20 }]) // [{ text: 'friday', … }]
 */
export function unaccountedTokens(remainder: string, mentions: Span[]): DateLikeToken[] {
  let rest = remainder;
  for (const { pattern } of NOT_DATE_WORDS) rest = rest.replace(pattern, (word) => ' '.repeat(word.length));
  return dateLikeTokens(rest).filter((token) => !(TIED_TO_A_DATE.has(token.text) && nextToAMention(remainder, token, mentions)));
}

/** Whether only spaces and commas stand between the token and a mention, on either side. */
function nextToAMention(text: string, token: DateLikeToken, mentions: Span[]): boolean {
  return mentions.some(
    (m) =>
      (m.start >= token.end && /^[\s,]*$/.test(text.slice(token.end, m.start))) ||
      (m.end <= token.start && /^[\s,]*$/.test(text.slice(m.end, token.start))),
  );
}
