import { DIGIT_WORDS, TEEN_WORDS, TENS_WORDS } from './numberWords';

/**
 * Years written in words or with two digits, turned into four digits so that every
 * recognizer with a year in it reads them: "nineteen seventy two" → "1972",
 * "two thousand and eighteen" → "2018", "twenty twenty-five" → "2025", "'87" → "1987".
 *
 * Conventions (issue 16):
 * - "nineteen"/"twenty" + a number from ten to ninety-nine is a year ("twenty twenty"); a smaller
 *   number after "twenty" is a count ("twenty two days ago" stays 22). "nineteen oh five" is 1905.
 * - "two thousand" is a year only with the rest of it ("two thousand (and) eighteen"): alone it
 *   is as likely a price.
 * - "'87" (an apostrophe, then two digits) is the most recent year ending in 87 not after this
 *   year. "in 87" without the apostrophe is left alone: it may be anything, so it stays a stray
 *   number and the reader asks.
 */

const TEENS = TEEN_WORDS;
const TENS = TENS_WORDS;
const DIGITS = DIGIT_WORDS;
const CENTURIES: Record<string, number> = { nineteen: 1900, twenty: 2000 };

const TEN_OR_MORE = `(?:(?<tens>${Object.keys(TENS).join('|')})(?:[\\s-]+(?<digit>${Object.keys(DIGITS).join('|')}))?|(?<teen>${Object.keys(TEENS).join('|')}))`;
const ONE_TO_99 = `(?:${TEN_OR_MORE}|(?<single>${Object.keys(DIGITS).join('|')}))`;

/** "nineteen seventy two", "twenty twenty-five", "nineteen oh five". */
const CENTURY_AND_YEAR = new RegExp(
  `\\b(?<century>nineteen|twenty)[\\s-]+(?:(?:oh|o)[\\s-]+(?<oh>${Object.keys(DIGITS).join('|')})|${TEN_OR_MORE})\\b(?![\\s-]+(?:${Object.keys(DIGITS).join('|')})\\b)`,
  'g',
);
/** "two thousand and eighteen", "two thousand five"; not "two thousand five hundred" (a price). */
const TWO_THOUSAND_AND = new RegExp(`\\btwo thousand(?:\\s+and)?\\s+${ONE_TO_99}\\b(?!\\s+(?:hundred|dollars|bucks|euros?|pounds))`, 'g');
/** "'87", "back in '19": an apostrophe that opens a word, then two digits. */
const APOSTROPHE_YEAR = /(?<![\p{L}\d'])'(?<yy>\d{2})\b(?!')/gu;

type Groups = Record<string, string | undefined>;
const belowHundred = (g: Groups): number =>
  g.teen ? TEENS[g.teen] : g.tens ? TENS[g.tens] + (g.digit ? DIGITS[g.digit] : 0) : g.single ? DIGITS[g.single] : 0;

/**
 * Replaces years written in words, and "'yy" when `thisYear` is known, by four digits.
 * @example yearsInDigits('bought it in nineteen ninety nine') // 'bought it in 1999'
 * @example yearsInDigits("back in '19", 2026) // 'back in 2019'
 */
export function yearsInDigits(text: string, thisYear?: number): string {
  let out = text
    .replace(CENTURY_AND_YEAR, (...args) => {
      const g = args.at(-1) as Groups;
      const rest = g.oh ? DIGITS[g.oh] : belowHundred(g);
      return String(CENTURIES[g.century as string] + rest);
    })
    .replace(TWO_THOUSAND_AND, (...args) => String(2000 + belowHundred(args.at(-1) as Groups)));
  if (thisYear !== undefined) {
    out = out.replace(APOSTROPHE_YEAR, (...args) => String(mostRecentYearEndingIn(Number((args.at(-1) as Groups).yy), thisYear)));
  }
  return out;
}

/** The most recent year, not after `thisYear`, whose last two digits are `yy`: '87 in 2026 is 1987, '26 is 2026. */
export function mostRecentYearEndingIn(yy: number, thisYear: number): number {
  const candidate = thisYear - (thisYear % 100) + yy;
  return candidate > thisYear ? candidate - 100 : candidate;
}
