import { type DateLikeToken, dateLikeTokens } from './dateLikeTokens';
import { NOT_DATE_WORDS } from './notDateWords';

/** A span of the answer a recognizer read as a date. */
interface Span {
  start: number;
  end: number;
}

/** Words that only say when, and belong to the date beside them: "since March 3", "3 weeks now", "10 days to date". */
const TIED_TO_A_DATE: Record<string, { before: boolean; after: boolean }> = {
  since: { before: true, after: false },
  now: { before: true, after: true },
  'to date': { before: false, after: true },
};

const MENTION_WALL = '|';

/**
 * The date-like tokens that no reading accounts for: `remainder` is the answer with every span
 * the recognizers read (as a date or as a number that is no date) blanked out; what is left is
 * either a known non-date ("now I think", "the first time", "ps5") or a reason not to decide.
 * @example unaccountedTokens('bought it          on friday', [{ start: 10, end: 20 }]) // [{ text: 'friday', … }]
 */
export function unaccountedTokens(remainder: string, mentions: Span[]): DateLikeToken[] {
  // a mention is a wall, not a space: "it [yesterday] sat" must not read as "it sat"
  let rest = mentions.reduce((text, m) => text.slice(0, m.start) + MENTION_WALL.repeat(m.end - m.start) + text.slice(m.end), remainder);
  for (const { pattern } of NOT_DATE_WORDS) rest = rest.replace(pattern, (word) => ' '.repeat(word.length));
  return dateLikeTokens(rest).filter((token) => !tiedToAMention(remainder, token, mentions));
}

/** Whether the token is a word like "since" with only spaces and commas between it and a mention, on its side. */
function tiedToAMention(text: string, token: DateLikeToken, mentions: Span[]): boolean {
  const side = TIED_TO_A_DATE[token.text];
  if (!side) return false;
  const onlySpaces = (from: number, to: number) => from <= to && /^[\s,]*$/.test(text.slice(from, to));
  return mentions.some((m) => (side.before && onlySpaces(token.end, m.start)) || (side.after && onlySpaces(m.end, token.start)));
}
