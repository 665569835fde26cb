import { MONTH_PATTERN, WEEKDAY_PATTERN } from './calendarRules';

/**
 * "X, not Y" at the end of a clause: the customer gives the date and names the one it is not
 * (a correction of what they said before: "it was March 3rd, not the 13th", "five weeks ago,
 * not two"). The negated alternative is dropped so only X is read. It applies only when a date
 * word or number comes before "not", and Y is itself date-like and ends the clause:
 * "not the 3rd but the 4th" and "not sure which day" are left as they are.
 * @example dropNegatedAlternative('it was march 3rd, not the 13th') // 'it was march 3rd'
 */
export function dropNegatedAlternative(text: string): string {
  return text.replace(NEGATED_ALTERNATIVE, (whole, _y, offset: number) => (DATE_LIKE_BEFORE.test(text.slice(0, offset)) ? '' : whole));
}

const DATE_LIKE = `(?:\\d|${MONTH_PATTERN}\\b|${WEEKDAY_PATTERN}\\b|last\\b|this\\b|yesterday\\b)`;
/** ", not (on) (the) Y" up to the end of the clause; Y is a few words that start date-like. */
const NEGATED_ALTERNATIVE = new RegExp(
  `\\s*[,;-]?\\s*(?:and\\s+|but\\s+)?\\bnot\\s+(?:on\\s+|in\\s+)?(?:the\\s+)?(${DATE_LIKE}[a-z0-9' ]{0,24}?)\\s*(?=$|[.;!?]|,\\s*(?!\\s*(?:but|the|it)\\b))`,
  'g',
);
const DATE_LIKE_BEFORE = new RegExp(`(?:\\d|\\b${MONTH_PATTERN}\\b|\\b(?:yesterday|today|ago|week|month)\\b)`);
