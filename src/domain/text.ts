/** Small text helpers shared by the classifiers: one way to clean, split and test phrases. */

/** Lower-case, straight quotes, no markup or control characters, single spaces. */
export function plain(raw: unknown, maxChars = 2000): string {
  if (typeof raw !== 'string') return '';
  return (
    raw
      .slice(0, maxChars)
      .normalize('NFKC')
      .replace(/<[^>]{0,200}>/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/[‘’`´]/g, "'")
      .replace(/[“”]/g, '"')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Clauses: "it wasn't dropped, but there was a storm" → two clauses, so negation stays local. */
export function clauses(text: string): string[] {
  return text
    .split(/[.;!?\n]|,|\bbut\b|\bhowever\b|\bthough\b|\balthough\b|\s-\s/)
    .map((c) => c.trim())
    .filter(Boolean);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const cache = new Map<string, RegExp>();

/**
 * Whole-word phrase test on plain() text ("surge" matches "a surge", not "surgeon"). Between
 * the words of a phrase one extra word may stand, as people say it: "different adapter"
 * matches "a different power adapter".
 */
export function hasPhrase(text: string, phrase: string): boolean {
  return phraseAt(text, phrase) >= 0;
}

/** Where the phrase (as hasPhrase finds it) starts in the text, or -1. */
export function phraseAt(text: string, phrase: string): number {
  let re = cache.get(phrase);
  if (!re) {
    const words = phrase.split(' ').map(escapeRegExp).join("\\s+(?:[a-z0-9'-]+\\s+)?");
    re = new RegExp(`(?:^|[^a-z0-9])(${words})(?:$|[^a-z0-9])`, 'd');
    cache.set(phrase, re);
  }
  return re.exec(text)?.indices?.[1]?.[0] ?? -1;
}

/** The first of the phrases that occurs in the text, or undefined. */
export const findPhrase = (text: string, phrases: readonly string[]): string | undefined => phrases.find((p) => hasPhrase(text, p));

export const NEGATION =
  /\b(?:no|not|never|nothing|none|neither|nor|without|didn't|didnt|did not|don't|dont|do not|wasn't|wasnt|was not|weren't|haven't|havent|hasn't|isn't|never been|n't)\b/;
export const UNCERTAINTY =
  /\b(?:maybe|might|possibly|perhaps|not sure|unsure|i'm not sure|not certain|don't know|dont know|do not know|no idea|could have|could've|could be|i think|probably|may have|i guess|can't tell|cant tell|cannot tell|can't say|hard to say|who knows|no clue|not 100%|i suppose|i wonder)\b|\?/;

/**
 * An answer that denies or doubts ("not March 3", "sure, no idea", "the receipt might be wrong"): when
 * saying yes to a date applies the policy to it, such an answer is never taken as a yes.
 * @example isDoubtful("the receipt date isn't right") // true
 */
export const isDoubtful = (text: string): boolean => {
  const said = plain(text);
  return NEGATION.test(said) || UNCERTAINTY.test(said) || /\bdoubt/.test(said);
};

/** A short answer that means yes. */
export const isYes = (text: string): boolean =>
  /^(?:y|ya|yes|yeah|yep|yup|sure|ok|okay|correct|right|that's right|thats right|confirm|confirmed|looks good|sounds good|go ahead|please do|absolutely|of course|affirmative|submit|submit it|yes please|all good|that's correct|perfect)\b/.test(
    plain(text),
  );
/** A short answer that means no. */
export const isNo = (text: string): boolean =>
  /^(?:n|no|nope|nah|not really|negative|none|nothing|no thanks|no thank you|wrong|incorrect|that's wrong|not correct)\b/.test(plain(text));
