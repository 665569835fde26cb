import type { ExclusionCode, Policy } from './policy';
import { clauses, findPhrase, hasPhrase, isNo, isYes, NEGATION, plain, UNCERTAINTY } from './text';

/**
 * How an answer about the excluded conditions reads:
 * none (denied), some (stated plainly), unsure (the customer cannot tell), unclear (neither).
 */
export type ConditionsAnswer = 'none' | 'some' | 'unsure' | 'unclear';

export interface ConditionsReading {
  answer: ConditionsAnswer;
  exclusions: ExclusionCode[];
  unsure: ExclusionCode[];
  /** The customer's own words that matched, for the agent. */
  reported: string[];
}

const DENIAL =
  /\b(?:none of (?:that|those|them|these|the above)|nothing like that|nothing of the sort|nothing besides|nothing else|nothing more|nothing other|no(?:ne)? of that|not that i know|never|nope|nothing|none)\b/;
const UNKNOWN =
  /\b(?:i don't know|i dont know|not sure|no idea|can't tell|cant tell|can't say|no clue|don't remember|dont remember|i'm unsure|unsure)\b/;

/**
 * Finds the excluded conditions that a free-text answer (or a problem description) reveals.
 * Negated mentions reveal nothing; hedged ones and mere hints are `unsure`, never a refusal.
 * @example classifyConditions('maybe a power surge, I’m not sure', policy) // answer 'unsure', unsure ['power_surge']
 */
export function classifyConditions(raw: unknown, policy: Policy): ConditionsReading {
  const text = withoutNotCues(plain(raw), policy);
  const exclusions = new Set<ExclusionCode>();
  const unsure = new Set<ExclusionCode>();
  const reported: string[] = [];
  const parts = clauses(text);
  parts.forEach((clause, i) => {
    const hedged = UNCERTAINTY.test(clause) || (i > 0 && UNCERTAINTY.test(parts[i - 1]) && clause.split(' ').length < 12);
    // a clause that states a condition plainly is not also read for hints ("caulk ... from the rain")
    const statesOne = policy.exclusions.some((e) => findPhrase(clause, e.cues));
    for (const exclusion of policy.exclusions) {
      const cue = findPhrase(clause, exclusion.cues);
      const hint = cue || statesOne ? undefined : findPhrase(clause, exclusion.hints);
      const phrase = cue ?? hint;
      if (!phrase || negatedBefore(clause, phrase)) continue;
      reported.push(clause);
      if (cue && !hedged) exclusions.add(exclusion.code);
      else unsure.add(exclusion.code);
    }
  });
  for (const code of exclusions) unsure.delete(code);
  let answer: ConditionsAnswer = 'unclear';
  if (exclusions.size) answer = 'some';
  else if (unsure.size || UNKNOWN.test(text)) answer = 'unsure';
  else if (isNo(text) || DENIAL.test(text) || NEGATION.test(text)) answer = 'none';
  return { answer, exclusions: [...exclusions], unsure: [...unsure], reported: [...new Set(reported)] };
}

const NOT_CUES = new WeakMap<Policy, RegExp | null>();
/**
 * The text without the phrases that contain a cue but state no condition ("surge protector",
 * "dropped frames"), so the cue inside them is not read.
 */
function withoutNotCues(text: string, policy: Policy): string {
  let re = NOT_CUES.get(policy);
  if (re === undefined) {
    const phrases = policy.exclusions.flatMap((e) => e.notCues).sort((a, b) => b.length - a.length);
    re = phrases.length
      ? new RegExp(`(?<![a-z0-9])(?:${phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![a-z0-9])`, 'g')
      : null;
    NOT_CUES.set(policy, re);
  }
  return re ? text.replace(re, ' ') : text;
}

/** "I never dropped it": a negation earlier in the same clause cancels the cue. */
function negatedBefore(clause: string, phrase: string): boolean {
  const at = clause.indexOf(phrase);
  const before = at >= 0 ? clause.slice(0, at) : clause;
  return NEGATION.test(before) && !hasPhrase(before, 'not sure');
}

/** A condition the customer's words only hinted at, the word that hinted it, and the plain question it leads to. */
export interface HintQuestion {
  code: ExclusionCode;
  /** The customer's own word ("condensation"), or null when it cannot be found again. */
  phrase: string | null;
  /** "has water or moisture got into it, …?" — lower case, to follow "You mentioned …". */
  question: string;
  /** Answers that rule the condition out without a "no" ("it's rated for outdoor use"). */
  denials: string[];
}

/**
 * The plain follow-up for each hinted condition, in the order given: the hint word found in the
 * customer's text (a hint, or a cue said with a hedge) and the policy's question for that word,
 * else "has it been <the exclusion's question>?".
 * @example hintQuestions('there is condensation inside the lens', ['unsuitable_environment'], policy)
 * // [{ code: 'unsuitable_environment', phrase: 'condensation', question: 'has water or moisture got into it, …?', … }]
 */
export function hintQuestions(raw: unknown, codes: readonly ExclusionCode[], policy: Policy): HintQuestion[] {
  const text = plain(raw);
  return codes.flatMap((code) => {
    const exclusion = policy.exclusions.find((e) => e.code === code);
    if (!exclusion) return [];
    const phrase = findPhrase(text, exclusion.hints) ?? findPhrase(text, exclusion.cues) ?? null;
    const specific = phrase ? exclusion.hintQuestions.find((q) => q.hints.includes(phrase)) : undefined;
    return [
      {
        code,
        phrase,
        question: specific?.question ?? `has it been ${exclusion.question}?`,
        denials: specific?.denials ?? [],
      },
    ];
  });
}

/** How the answer to a hint's follow-up reads: like any conditions answer, plus what it ruled out. */
export interface HintAnswer extends ConditionsReading {
  /** The hinted condition, when the answer ruled it out. */
  denied: ExclusionCode[];
}

/** "nothing besides what I told you": points back at the hint itself, so it neither confirms nor denies. */
const REFERS_BACK =
  /\b(?:besides|apart from|other than|except(?: for)?|beyond) (?:what|that|the thing) (?:i|i've|i have|i'd) (?:already )?(?:told|said|mentioned|explained)\b/;
/** "nothing else", "only what I said": a no that counts on something said before. */
const BESIDES_BEFORE =
  /\b(?:nothing (?:else|more|other|further|new)|no(?:thing)? other than|(?:just|only) (?:what|the thing) i (?:already )?(?:told|said|mentioned)|like i said|as i said|i (?:already )?told you)\b/;

/**
 * Whether a conditions answer counts on something said before ("no, nothing apart from what I
 * told you", "nothing else"). When nothing was noted, such a "no" may hide a condition the
 * customer did tell — in a message not read for it — so it is asked again, never taken as none.
 * @example refersBack('no, nothing apart from what I told you') // true
 */
export const refersBack = (raw: unknown): boolean => {
  const text = plain(raw);
  return REFERS_BACK.test(text) || BESIDES_BEFORE.test(text);
};
/** "not that I know of", "I don't think so": a plain no, though worded softly. */
const SOFT_NO = /\b(?:not that i(?:'m| am)? (?:know|aware)|i don'?t think so|i do not think so|don'?t believe so|i doubt it)\b/;
/** "absolutely not", "of course not": starts like a yes, means no. */
const YES_NOT = /^(?:[a-z']+,? ){1,2}(?:not|never)\b/;
/** "it did", "it got wet", "there was": a yes that doesn't start with "yes". */
const AFFIRM =
  /^(?:it (?:did|was|has|had|got)|i did|we did|there was|there were|that'?s (?:it|right|what happened)|definitely|indeed|for sure|true)\b/;

/**
 * Reads the answer to a hint's follow-up ("You mentioned condensation — has water got into it?").
 * A condition stated plainly decides as anywhere; a clear yes makes the hinted condition an
 * exclusion; a clear no (or one of the hint's denials: "it's rated for outdoors") rules it out;
 * a hedge is `unsure` (one more follow-up, then a person); a yes with a denial is `unsure` too.
 * Anything else is `unclear` (asked again).
 * @example readHintAnswer("no, it's rated for outdoors and it's under the eaves", hint, policy) // answer 'none', denied [hint.code]
 * @example readHintAnswer('yes it was out in the storm', hint, policy) // answer 'some', exclusions [hint.code]
 */
export function readHintAnswer(raw: unknown, hint: Pick<HintQuestion, 'code' | 'denials'>, policy: Policy): HintAnswer {
  const text = plain(raw);
  // a denial may contain a cue ("a surge protector"): it rules out, it does not state
  const reading = classifyConditions(
    hint.denials.reduce((rest, denial) => (hasPhrase(rest, denial) ? rest.replace(denial, ' ') : rest), text),
    policy,
  );
  const reported = text ? [text] : [];
  const result = (answer: ConditionsAnswer, change: Partial<HintAnswer> = {}): HintAnswer => ({
    answer,
    exclusions: [],
    unsure: [],
    reported,
    denied: [],
    ...change,
  });
  if (reading.exclusions.length) return { ...reading, denied: [] };
  if (!text || REFERS_BACK.test(text)) return result('unclear');
  const softNo = SOFT_NO.test(text);
  const ruledOut = hint.denials.length > 0 && findPhrase(text, hint.denials) !== undefined;
  if (!softNo && (UNKNOWN.test(text) || UNCERTAINTY.test(text))) return result('unsure', { unsure: union([hint.code], reading.unsure) });
  if ((isYes(text) || (AFFIRM.test(text) && !NEGATION.test(text))) && !YES_NOT.test(text)) {
    return ruledOut ? result('unsure', { unsure: [hint.code] }) : result('some', { exclusions: [hint.code] });
  }
  if (softNo || isNo(text) || NEGATION.test(text) || ruledOut) return result('none', { denied: [hint.code] });
  if (reading.unsure.length) return result('unsure', { unsure: union([hint.code], reading.unsure) });
  return result('unclear');
}

const union = <T>(a: T[], b: T[]): T[] => [...new Set([...a, ...b])];
