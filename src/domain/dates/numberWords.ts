/** The English number words the date reader knows, in one place: digits, teens, tens and ordinals. */

/** "one" … "nine". */
export const DIGIT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
/** "ten" … "nineteen". */
export const TEEN_WORDS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
/** "one" … "nineteen". */
export const UNIT_WORDS: Record<string, number> = { ...DIGIT_WORDS, ...TEEN_WORDS };
/** "twenty" … "ninety". */
export const TENS_WORDS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
/** "first" … "twentieth", "thirtieth" (a ten joins the others: "twenty-first"). */
export const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};

const suffixOf = (n: number): string => (n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th');

/**
 * Which of several parts, up to `n`, in words and digits, and the last: "first" / "1st" → 1 …,
 * "last" / "final" → -1 (for up to 9 parts: weeks of a month, quarters, halves…).
 * @example ordinalsUpTo(2) // { first: 1, '1st': 1, second: 2, '2nd': 2, last: -1, final: -1 }
 */
export function ordinalsUpTo(n: number): Record<string, number> {
  const words = Object.entries(ORDINAL_WORDS).filter(([, value]) => value <= n);
  return {
    ...Object.fromEntries(
      words.flatMap(([word, value]) => [
        [word, value],
        [`${value}${suffixOf(value)}`, value],
      ]),
    ),
    last: -1,
    final: -1,
  };
}
