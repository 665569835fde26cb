/**
 * Calendar dates printed on a receipt line, as tokens with where they stand: numeric (US month
 * first: 04/05/2026 is April 5; two-digit years are 20xx), ISO (2026-04-05), day-month-year with a
 * month abbreviation (27-JUL-26), and month names (Tuesday, February 3, 2026; 3 Feb 2026).
 * A date printed without a year is not a token. Digits inside longer numbers or codes
 * (order C0410-27-86355, phone 512-555-0142) are not dates.
 *
 * OCR misreads inside a date-shaped token are undone only where the shape leaves no doubt:
 * O/o/D/Q→0, l/I/|/i/!→1, B→8, S/s→5, Z→2 in a token that, so corrected, is a valid date, and at most
 * two such characters per token.
 */

export interface DateToken {
  /** YYYY-MM-DD */
  iso: string;
  /** offset of the token in the line, and its length */
  index: number;
  length: number;
  /** how many characters were OCR corrections (0 for a clean reading) */
  repairs: number;
  /** true when a clock time follows the date ("9/11/2026 16:29", "May 9, 2027 9:08 PM") */
  withTime: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** a digit, or a letter OCR confuses with one */
const D = '[0-9OoDQlI|i!BSsZ]';
const D_STRICT = '[0-9]';
const TIME = /^[\s,@at-]{0,5}(?:[0-2]?\d|[Ol][0-9]?)[:.][0-5O]\d(?:[:.][0-5]\d)?\s*(?:[ap]\.?m\.?)?/i;

/** a four-digit year may have a time or the next label glued to it ("07/19/202614:22", "DATE:07/19/2026TIME:14:22") */
const GLUED_AFTER_YEAR = '(?<=\\d{4})(?=[0-2]?\\d:[0-5]\\d|[A-Za-z]{2,}\\s?:)';
const NUMERIC = new RegExp(
  `(?<![0-9A-Za-z/.\\-#])(${D}{1,2})([/.-])(${D}{1,2})\\2(${D}{4}|${D}{2})(?:${GLUED_AFTER_YEAR}|(?![0-9A-Za-z/\\-]|\\.\\d))`,
  'g',
);
const ISO = new RegExp(
  `(?<![0-9A-Za-z/.\\-#])(${D_STRICT}{4})([-/.])(${D_STRICT}{2})\\2(${D_STRICT}{2})(?:(?=T\\d)|(?![0-9A-Za-z/\\-]))`,
  'g',
);
/** "09/21/2025" whose slashes OCR read as 1 or 7: "0912112025" (two-digit month and day, a 20xx year) */
const LOST_SLASHES = /(?<![0-9A-Za-z#-])(\d{2})[17l|](\d{2})[17l|](20[1-4]\d)(?![0-9A-Za-z])/g;
/** a month name with one letter misread ("Covember 19, 2025"): five letters or more, then day and year */
const ODD_MONTH = new RegExp(`(?<![A-Za-z])([A-Za-z]{5,9})\\.?\\s{0,2}(${D}{1,2}),?\\s{0,2}(${D}{4})(?![0-9A-Za-z])`, 'g');
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'august', 'september', 'october', 'november', 'december'];
const DAY_MONTH_YEAR = new RegExp(
  `(?<![0-9A-Za-z])(${D}{1,2})(?:st|nd|rd|th)?[\\s.-]{1,2}(?:of\\s)?${MONTH_NAME}[\\s.,-]{1,3}(${D}{4}|${D}{2})(?![0-9A-Za-z])`,
  'gi',
);
/** a thermal printer's "12FEB26" / "12FEB2026": day, month abbreviation in capitals and year with no separator */
const GLUED_DAY_MONTH_YEAR = /(?<![0-9A-Za-z])(\d{1,2})(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)(\d{4}|\d{2})(?![0-9A-Za-z])/g;
const MONTH_DAY_YEAR = new RegExp(
  `(?<![A-Za-z])${MONTH_NAME}\\s{0,2}(${D}{1,2})(?:st|nd|rd|th)?\\s{0,2}[,.]?\\s{0,2}(${D}{4})(?![0-9A-Za-z])`,
  'gi',
);

const DIGIT_OF: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  l: '1',
  I: '1',
  '|': '1',
  i: '1',
  '!': '1',
  B: '8',
  S: '5',
  s: '5',
  Z: '2',
};

/** digits of an OCR'd group, and how many characters had to be read as digits */
function digitsOf(group: string): { value: string; repairs: number } {
  let repairs = 0;
  const value = group.replace(/[^0-9]/g, (c) => {
    repairs += 1;
    return DIGIT_OF[c] ?? c;
  });
  return { value, repairs };
}

function isoOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1990 || year > 2099) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function yearOf(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

const MAX_REPAIRS = 2;

/**
 * The dates on one line, left to right.
 * @example dateTokens('Order date: 1O/23/2026')[0].iso // '2026-10-23' (one repair)
 */
export function dateTokens(line: string): DateToken[] {
  const found: DateToken[] = [];
  const add = (index: number, length: number, iso: string | null, repairs: number) => {
    if (!iso || repairs > MAX_REPAIRS) return;
    if (found.some((t) => index < t.index + t.length && t.index < index + length)) return;
    const withTime = TIME.test(line.slice(index + length, index + length + 16));
    found.push({ iso, index, length, repairs, withTime });
  };
  for (const m of line.matchAll(ISO)) add(m.index, m[0].length, isoOf(Number(m[1]), Number(m[3]), Number(m[4])), 0);
  for (const m of line.matchAll(MONTH_DAY_YEAR)) {
    const day = digitsOf(m[2]!);
    const year = digitsOf(m[3]!);
    add(
      m.index,
      m[0].length,
      isoOf(Number(year.value), MONTHS[m[1]!.slice(0, 3).toLowerCase()]!, Number(day.value)),
      day.repairs + year.repairs,
    );
  }
  for (const m of line.matchAll(DAY_MONTH_YEAR)) {
    const day = digitsOf(m[1]!);
    const year = digitsOf(m[3]!);
    add(
      m.index,
      m[0].length,
      isoOf(yearOf(year.value), MONTHS[m[2]!.slice(0, 3).toLowerCase()]!, Number(day.value)),
      day.repairs + year.repairs,
    );
  }
  for (const m of line.matchAll(GLUED_DAY_MONTH_YEAR))
    add(m.index, m[0].length, isoOf(yearOf(m[3]!), MONTHS[m[2]!.toLowerCase()]!, Number(m[1])), 0);
  for (const m of line.matchAll(NUMERIC)) {
    const month = digitsOf(m[1]!);
    const day = digitsOf(m[3]!);
    const year = digitsOf(m[4]!);
    const repairs = month.repairs + day.repairs + year.repairs;
    // a token that is mostly letters is a word ("Is/Is/SS"), not a misread date
    if (repairs > 0 && m[0].replace(/[^0-9]/g, '').length < 4) continue;
    // dots between numbers are decimals and versions more often than dates: only with a four-digit year
    if (m[2] === '.' && year.value.length !== 4) continue;
    add(m.index, m[0].length, isoOf(yearOf(year.value), Number(month.value), Number(day.value)), repairs);
  }
  for (const m of line.matchAll(ODD_MONTH)) {
    const month = misreadMonth(m[1]!);
    if (!month) continue;
    const day = digitsOf(m[2]!);
    const year = digitsOf(m[3]!);
    add(m.index, m[0].length, isoOf(Number(year.value), month, Number(day.value)), 1 + day.repairs + year.repairs);
  }
  for (const m of line.matchAll(LOST_SLASHES)) add(m.index, m[0].length, isoOf(Number(m[3]), Number(m[1]), Number(m[2])), 2);
  return found.sort((a, b) => a.index - b.index);
}

/** The month a word is, when it is a full month name with exactly one letter wrong ("Covember"), else null. */
function misreadMonth(word: string): number | null {
  const w = word.toLowerCase();
  if (FULL_MONTHS.includes(w)) return null;
  const at = FULL_MONTHS.findIndex((name) => name.length === w.length && [...name].filter((c, i) => c !== w[i]).length === 1);
  return at < 0 ? null : MONTHS[FULL_MONTHS[at]!.slice(0, 3)]!;
}
